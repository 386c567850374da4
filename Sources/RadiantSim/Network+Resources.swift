import JSON

/// Networks, subnets, ports and security groups: creation rules and IP allocation.
extension Network {
    func render(_ collection: String, _ obj: JSONValue) -> JSONValue {
        var v = obj.publicView
        if collection == "security-groups", let id = obj.string("id") {
            v.set("security_group_rules", .array(store.all("security_group_rules").filter { $0.string("security_group_id") == id }.map(\.publicView)))
        }
        return v
    }

    private func base(_ id: String, project: String) -> [(String, JSONValue)] {
        let now = Clock.iso(Clock.now())
        return [("id", .string(id)), ("tenant_id", .string(project)), ("project_id", .string(project)),
                ("created_at", .string(now)), ("updated_at", .string(now)), ("revision_number", .int(1))]
    }

    private func boolField(_ body: JSONValue, _ key: String, _ def: Bool) -> Bool {
        if let b = body.bool(key) { return b }
        if let s = body.string(key) { return s.lowercased() == "true" }
        return def
    }

    func makeNetwork(_ body: JSONValue, project: String) -> JSONValue {
        let id = IDs.uuid()
        var pairs = base(id, project: project)
        pairs += [
            ("name", .string(body.string("name") ?? "")), ("description", .string(body.string("description") ?? "")),
            ("status", .string("ACTIVE")), ("admin_state_up", .bool(boolField(body, "admin_state_up", true))),
            ("shared", .bool(boolField(body, "shared", false))), ("router:external", .bool(boolField(body, "router:external", false))),
            ("subnets", .emptyArray), ("mtu", .int(body.int("mtu") ?? 1450)),
            ("port_security_enabled", .bool(boolField(body, "port_security_enabled", true))),
            ("availability_zone_hints", body["availability_zone_hints"] ?? .emptyArray), ("availability_zones", .strings(["nova"])),
            ("ipv4_address_scope", .null), ("ipv6_address_scope", .null),
            ("provider:network_type", .string("vxlan")), ("provider:physical_network", .null),
            ("provider:segmentation_id", .int(1000 + store["networks"].count + 1)),
            ("qos_policy_id", body["qos_policy_id"] ?? .null), ("dns_domain", .string(body.string("dns_domain") ?? "")),
            ("is_default", .bool(false)), ("tags", .emptyArray),
        ]
        var obj = JSONValue.obj(pairs)
        // value_specs and other extra attributes are kept verbatim, as Neutron plugins do for known extensions.
        for m in body.objectValue ?? [] where !obj.has(m.key) { obj.set(m.key, m.value) }
        store.put("networks", id, obj)
        return obj
    }

    func makeSubnet(_ body: JSONValue, project: String) -> Result<JSONValue, SimResponse> {
        guard let netID = body.string("network_id") else { return .failure(badRequest("Invalid input for operation: network_id is required.")) }
        guard var net = store.get("networks", netID) else { return .failure(notFound("networks", netID)) }
        let ipVersion = body.int("ip_version") ?? 4
        guard ipVersion == 4 || ipVersion == 6 else { return .failure(badRequest("Invalid input for ip_version. Reason: \(ipVersion) is not in [4, 6].")) }
        guard let cidrText = body.string("cidr") else {
            return .failure(badRequest("Bad subnets request: a cidr must be specified in the absence of a subnet pool."))
        }
        guard let cidr = CIDR(cidrText), cidr.isIPv6 == (ipVersion == 6) else {
            return .failure(badRequest("Invalid input for cidr. Reason: '\(cidrText)' is not a valid IP subnet."))
        }
        for other in store.all("subnets") where other.string("network_id") == netID {
            if let oc = CIDR(other.string("cidr") ?? ""), oc.overlaps(cidr) {
                return .failure(badRequest("Invalid input for operation: Requested subnet with cidr: \(cidr.text) for network: \(netID) overlaps with another subnet."))
            }
        }
        var gateway: JSONValue = .null
        var pools: [JSONValue] = []
        if !cidr.isIPv6 {
            let (lo, hi) = cidr.hostRange
            if body.has("gateway_ip") {
                if let g = body.string("gateway_ip") {
                    guard let gip = IPv4(g), cidr.contains(gip) else {
                        return .failure(badRequest("Invalid input for gateway_ip. Reason: '\(g)' is not a valid IP address in \(cidr.text)."))
                    }
                    gateway = .string(g)
                }
            } else {
                gateway = .string(lo.text)
            }
            if let given = body.array("allocation_pools") {
                for pool in given {
                    guard let s = pool.string("start").flatMap(IPv4.init), let e = pool.string("end").flatMap(IPv4.init),
                          cidr.contains(s), cidr.contains(e), s <= e else {
                        return .failure(badRequest("The allocation pool \(pool.compactString) spans beyond the subnet cidr \(cidr.text)."))
                    }
                    pools.append(.obj([("start", .string(s.text)), ("end", .string(e.text))]))
                }
            } else {
                let g = gateway.stringValue.flatMap(IPv4.init)
                let start = g == lo ? IPv4(lo.value + 1) : lo
                let end = g == hi ? IPv4(hi.value - 1) : hi
                if start <= end { pools = [.obj([("start", .string(start.text)), ("end", .string(end.text))])] }
            }
        } else {
            gateway = body.has("gateway_ip") ? (body["gateway_ip"] ?? .null) : .string(cidr.text.split(separator: "/")[0] + "1")
        }
        let id = IDs.uuid()
        var pairs = base(id, project: project)
        pairs += [
            ("name", .string(body.string("name") ?? "")), ("description", .string(body.string("description") ?? "")),
            ("network_id", .string(netID)), ("cidr", .string(cidr.text)), ("ip_version", .int(ipVersion)),
            ("gateway_ip", gateway), ("enable_dhcp", .bool(boolField(body, "enable_dhcp", true))),
            ("dns_nameservers", body["dns_nameservers"] ?? .emptyArray), ("allocation_pools", .array(pools)),
            ("host_routes", body["host_routes"] ?? .emptyArray), ("ipv6_address_mode", body["ipv6_address_mode"] ?? .null),
            ("ipv6_ra_mode", body["ipv6_ra_mode"] ?? .null), ("subnetpool_id", .null), ("segment_id", body["segment_id"] ?? .null),
            ("service_types", body["service_types"] ?? .emptyArray),
            ("dns_publish_fixed_ip", .bool(boolField(body, "dns_publish_fixed_ip", false))), ("tags", .emptyArray),
        ]
        let obj = JSONValue.obj(pairs)
        store.put("subnets", id, obj)
        net.set("subnets", .strings((net.array("subnets") ?? []).compactMap(\.stringValue) + [id]))
        store.put("networks", netID, net)
        return .success(obj)
    }

    // MARK: IP allocation

    func usedAddresses(subnet: String) -> Set<String> {
        var used = Set<String>()
        for port in store.all("ports") {
            for ip in port.array("fixed_ips") ?? [] where ip.string("subnet_id") == subnet {
                if let a = ip.string("ip_address") { used.insert(a) }
            }
        }
        if let g = store.get("subnets", subnet)?.string("gateway_ip") { used.insert(g) }
        return used
    }

    /// Next free address of a subnet's allocation pools.
    func allocate(subnet: JSONValue) -> String? {
        guard let id = subnet.string("id") else { return nil }
        let used = usedAddresses(subnet: id)
        if subnet.int("ip_version") == 6 {
            let prefix = (subnet.string("cidr") ?? "::/64").split(separator: "/")[0]
            var n = 2
            while used.contains("\(prefix)\(String(n, radix: 16))") { n += 1 }
            return "\(prefix)\(String(n, radix: 16))"
        }
        for pool in subnet.array("allocation_pools") ?? [] {
            guard let s = pool.string("start").flatMap(IPv4.init), let e = pool.string("end").flatMap(IPv4.init) else { continue }
            var ip = s
            while ip <= e {
                if !used.contains(ip.text) { return ip.text }
                if ip.value == UInt32.max { break }
                ip = IPv4(ip.value + 1)
            }
        }
        return nil
    }

    /// Resolves a port's requested `fixed_ips` (or the network's first IPv4 subnet) into concrete addresses.
    func resolveFixedIPs(_ requested: [JSONValue]?, networkID: String, exceptPort: String? = nil) -> Result<JSONValue, SimResponse> {
        let subnets = store.all("subnets").filter { $0.string("network_id") == networkID }
        var result: [JSONValue] = []
        let wanted = requested ?? (subnets.first(where: { $0.int("ip_version") == 4 }) ?? subnets.first).map {
            [JSONValue.obj([("subnet_id", $0["id"] ?? .null)])]
        } ?? []
        for item in wanted {
            var subnet: JSONValue?
            if let sid = item.string("subnet_id") {
                guard let s = store.get("subnets", sid) else { return .failure(notFound("subnets", sid)) }
                guard s.string("network_id") == networkID else {
                    return .failure(badRequest("Invalid input for operation: Failed to create port on network \(networkID), because fixed_ips included invalid subnet \(sid)."))
                }
                subnet = s
            }
            if let addr = item.string("ip_address") {
                if subnet == nil {
                    subnet = subnets.first { s in CIDR(s.string("cidr") ?? "").map { c in IPv4(addr).map(c.contains) ?? false } ?? false }
                }
                guard let s = subnet, let sid = s.string("id") else {
                    return .failure(badRequest("Invalid input for operation: IP address \(addr) is not a valid IP for any of the subnets on the specified network."))
                }
                if let c = CIDR(s.string("cidr") ?? ""), !c.isIPv6, !(IPv4(addr).map(c.contains) ?? false) {
                    return .failure(badRequest("Invalid input for operation: IP address \(addr) is not a valid IP for the specified subnet."))
                }
                let taken = store.all("ports").contains { p in
                    p.string("id") != exceptPort && (p.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == sid && $0.string("ip_address") == addr }
                }
                if taken {
                    return .failure(APIError.neutron(409, "IpAddressAlreadyAllocated", "IP address \(addr) already allocated in subnet \(sid)"))
                }
                result.append(.obj([("subnet_id", .string(sid)), ("ip_address", .string(addr))]))
            } else if let s = subnet, let sid = s.string("id") {
                guard let addr = allocate(subnet: s) else {
                    return .failure(APIError.neutron(409, "IpAddressGenerationFailure", "No more IP addresses available on network \(networkID)."))
                }
                result.append(.obj([("subnet_id", .string(sid)), ("ip_address", .string(addr))]))
            }
        }
        return .success(.array(result))
    }

    // MARK: Ports

    func makePort(_ body: JSONValue, project: String) -> Result<JSONValue, SimResponse> {
        guard let netID = body.string("network_id") else { return .failure(badRequest("Invalid input for operation: network_id is required.")) }
        guard let net = store.get("networks", netID) else { return .failure(notFound("networks", netID)) }
        let fixed: JSONValue
        switch resolveFixedIPs(body.array("fixed_ips"), networkID: netID) {
        case .failure(let r): return .failure(r)
        case .success(let f): fixed = f
        }
        let owner = body.string("device_owner") ?? ""
        let portSecurity = boolField(body, "port_security_enabled", net.bool("port_security_enabled") ?? true)
        var groups: JSONValue
        if let given = body.array("security_groups") {
            for g in given {
                guard let gid = g.stringValue, store.get("security_groups", gid) != nil else {
                    return .failure(notFound("security-groups", g.stringValue ?? g.compactString))
                }
            }
            groups = .array(given)
        } else if portSecurity && !owner.hasPrefix("network:") {
            groups = .strings([ensureDefaultSecurityGroup(project: project)])
        } else {
            groups = .emptyArray
        }
        if !portSecurity, !(groups.arrayValue ?? []).isEmpty, body.array("security_groups") != nil {
            return .failure(APIError.neutron(400, "PortSecurityAndIPRequiredForSecurityGroups", "Port security must be enabled and port must have an IP address in order to use security groups."))
        }
        if !portSecurity { groups = .emptyArray }
        if let mac = body.string("mac_address"), store.all("ports").contains(where: { $0.string("mac_address") == mac && $0.string("network_id") == netID }) {
            return .failure(APIError.neutron(409, "MacAddressInUse", "Unable to complete operation for network \(netID). The mac address \(mac) is in use."))
        }
        let id = IDs.uuid()
        var pairs = base(id, project: project)
        let dnsAssign = (fixed.arrayValue ?? []).compactMap { ip -> JSONValue? in
            guard let a = ip.string("ip_address") else { return nil }
            let host = "host-" + a.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: ":", with: "-")
            return .obj([("hostname", .string(host)), ("ip_address", .string(a)), ("fqdn", .string(host + ".openstacklocal."))])
        }
        pairs += [
            ("name", .string(body.string("name") ?? "")), ("description", .string(body.string("description") ?? "")),
            ("network_id", .string(netID)), ("mac_address", .string(body.string("mac_address") ?? IDs.mac())),
            ("admin_state_up", .bool(boolField(body, "admin_state_up", true))),
            ("status", .string(owner.hasPrefix("network:") ? "ACTIVE" : "DOWN")),
            ("device_id", .string(body.string("device_id") ?? "")), ("device_owner", .string(owner)),
            ("fixed_ips", fixed), ("allowed_address_pairs", body["allowed_address_pairs"] ?? .emptyArray),
            ("extra_dhcp_opts", body["extra_dhcp_opts"] ?? .emptyArray), ("security_groups", groups),
            ("port_security_enabled", .bool(portSecurity)), ("binding:host_id", .string(body.string("binding:host_id") ?? "")),
            ("binding:vif_type", .string("unbound")), ("binding:vif_details", .emptyObject),
            ("binding:vnic_type", .string(body.string("binding:vnic_type") ?? "normal")),
            ("binding:profile", body["binding:profile"] ?? .emptyObject), ("dns_name", .string(body.string("dns_name") ?? "")),
            ("dns_assignment", .array(dnsAssign)), ("qos_policy_id", body["qos_policy_id"] ?? .null), ("tags", .emptyArray),
        ]
        let obj = JSONValue.obj(pairs)
        store.put("ports", id, obj)
        return .success(obj)
    }

    func updatePort(_ obj: inout JSONValue, _ body: JSONValue) -> Result<Void, SimResponse> {
        let id = obj.string("id") ?? ""
        for m in body.objectValue ?? [] {
            switch m.key {
            case "fixed_ips":
                switch resolveFixedIPs(m.value.arrayValue, networkID: obj.string("network_id") ?? "", exceptPort: id) {
                case .failure(let r): return .failure(r)
                case .success(let f): obj.set("fixed_ips", f)
                }
            case "security_groups":
                for g in m.value.arrayValue ?? [] where g.stringValue.flatMap({ store.get("security_groups", $0) }) == nil {
                    return .failure(notFound("security-groups", g.stringValue ?? g.compactString))
                }
                obj.set("security_groups", m.value)
            case "id", "network_id", "tenant_id", "project_id", "status", "created_at", "revision_number", "mac_address":
                continue
            default:
                obj.set(m.key, m.value)
            }
        }
        return .success(())
    }

    // MARK: Security groups

    func ensureDefaultSecurityGroup(project: String) -> String {
        if let existing = store.all("security_groups").first(where: { $0.string("name") == "default" && $0.string("project_id") == project }) {
            return existing.string("id") ?? ""
        }
        let sg = makeSecurityGroup(.obj([("name", .string("default")), ("description", .string("Default security group"))]), project: project)
        let id = sg.string("id") ?? ""
        for eth in ["IPv4", "IPv6"] {
            _ = storeRule(groupID: id, project: project, direction: "ingress", ethertype: eth, remoteGroup: id)
        }
        return id
    }

    func makeSecurityGroup(_ body: JSONValue, project: String) -> JSONValue {
        let id = IDs.uuid()
        var pairs = base(id, project: project)
        pairs += [("name", .string(body.string("name") ?? "")), ("description", .string(body.string("description") ?? "")),
                  ("stateful", .bool(boolField(body, "stateful", true))), ("shared", .bool(false)), ("tags", .emptyArray)]
        let obj = JSONValue.obj(pairs)
        store.put("security_groups", id, obj)
        for eth in ["IPv4", "IPv6"] {
            _ = storeRule(groupID: id, project: project, direction: "egress", ethertype: eth)
        }
        return obj
    }

    private func storeRule(groupID: String, project: String, direction: String, ethertype: String, protocolName: JSONValue = .null,
                           min: JSONValue = .null, max: JSONValue = .null, prefix: JSONValue = .null, remoteGroup: String? = nil,
                           description: String = "") -> JSONValue {
        let id = IDs.uuid()
        var pairs = base(id, project: project)
        pairs += [("security_group_id", .string(groupID)), ("direction", .string(direction)), ("ethertype", .string(ethertype)),
                  ("protocol", protocolName), ("port_range_min", min), ("port_range_max", max), ("remote_ip_prefix", prefix),
                  ("remote_group_id", .str(remoteGroup)), ("remote_address_group_id", .null), ("normalized_cidr", prefix),
                  ("description", .string(description))]
        let obj = JSONValue.obj(pairs)
        store.put("security_group_rules", id, obj)
        return obj
    }

    static let protocolNames: Set<String> = ["tcp", "udp", "icmp", "ah", "dccp", "egp", "esp", "gre", "igmp", "ipv6-encap",
                                             "ipv6-frag", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm",
                                             "rsvp", "sctp", "udplite", "vrrp", "icmpv6", "any"]

    func makeRule(_ body: JSONValue, project: String) -> Result<JSONValue, SimResponse> {
        guard let groupID = body.string("security_group_id") else {
            return .failure(badRequest("Invalid input for security_group_id. Reason: 'None' is not a valid UUID."))
        }
        guard store.get("security_groups", groupID) != nil else { return .failure(notFound("security-groups", groupID)) }
        let direction = body.string("direction") ?? ""
        guard direction == "ingress" || direction == "egress" else {
            return .failure(badRequest("Invalid input for direction. Reason: '\(direction)' is not in ['ingress', 'egress']."))
        }
        let ethertype = body.string("ethertype") ?? "IPv4"
        guard ethertype == "IPv4" || ethertype == "IPv6" else {
            return .failure(badRequest("Invalid input for ethertype. Reason: '\(ethertype)' is not in ['IPv4', 'IPv6']."))
        }
        var proto: JSONValue = .null
        if let p = body["protocol"], !p.isNull {
            let text = (p.plainText ?? "").lowercased()
            if let n = Int(text) {
                guard n >= 0 && n <= 255 else { return .failure(APIError.neutron(400, "SecurityGroupRuleInvalidProtocol", "Security group rule protocol \(text) not supported.")) }
            } else if !Network.protocolNames.contains(text) {
                return .failure(APIError.neutron(400, "SecurityGroupRuleInvalidProtocol", "Security group rule protocol \(text) not supported. Only protocol values \(Network.protocolNames.sorted()) and integer representations [0 to 255] are supported."))
            }
            proto = .string(text)
        }
        let minPort = body.int("port_range_min")
        let maxPort = body.int("port_range_max")
        if (body["port_range_min"].map { !$0.isNull } ?? false) && minPort == nil || (body["port_range_max"].map { !$0.isNull } ?? false) && maxPort == nil {
            return .failure(badRequest("Invalid input for port_range_min/port_range_max. Reason: must be integers."))
        }
        if minPort != nil || maxPort != nil {
            let pt = proto.stringValue ?? ""
            if ["tcp", "udp", "sctp", "dccp", "udplite", "6", "17"].contains(pt) {
                guard let lo = minPort, let hi = maxPort, lo >= 1, hi <= 65535, lo <= hi else {
                    return .failure(APIError.neutron(400, "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max"))
                }
            } else if pt.isEmpty {
                return .failure(APIError.neutron(400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given."))
            }
        }
        var prefix: JSONValue = .null
        if let pre = body.string("remote_ip_prefix") {
            guard let c = CIDR(pre.contains("/") ? pre : pre + (pre.contains(":") ? "/128" : "/32")) else {
                return .failure(badRequest("Invalid input for remote_ip_prefix. Reason: '\(pre)' is not a valid IP subnet."))
            }
            guard c.isIPv6 == (ethertype == "IPv6") else {
                return .failure(APIError.neutron(400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype \(ethertype) for CIDR \(pre)"))
            }
            prefix = .string(c.text)
        }
        let remoteGroup = body.string("remote_group_id")
        if remoteGroup != nil && !prefix.isNull {
            return .failure(APIError.neutron(400, "SecurityGroupRemoteGroupAndRemoteIpPrefix", "Only remote_ip_prefix or remote_group_id may be provided."))
        }
        if let rg = remoteGroup, store.get("security_groups", rg) == nil { return .failure(notFound("security-groups", rg)) }
        let minJ: JSONValue = minPort.map { .int($0) } ?? .null
        let maxJ: JSONValue = maxPort.map { .int($0) } ?? .null
        for r in store.all("security_group_rules") where r.string("security_group_id") == groupID {
            if r.string("direction") == direction && r.string("ethertype") == ethertype && (r["protocol"] ?? .null) == proto
                && (r["port_range_min"] ?? .null) == minJ && (r["port_range_max"] ?? .null) == maxJ
                && (r["remote_ip_prefix"] ?? .null) == prefix && r.string("remote_group_id") == remoteGroup {
                return .failure(APIError.neutron(409, "SecurityGroupRuleExists", "Security group rule already exists. Rule id is \(r.string("id") ?? "")."))
            }
        }
        return .success(storeRule(groupID: groupID, project: project, direction: direction, ethertype: ethertype, protocolName: proto,
                                  min: minJ, max: maxJ, prefix: prefix, remoteGroup: remoteGroup, description: body.string("description") ?? ""))
    }
}
