import JSON

/// Routers, their interfaces and gateways, and floating IPs.
extension Network {
    private func externalNetwork(_ id: String) -> Result<JSONValue, SimResponse> {
        guard let net = store.get("networks", id) else { return .failure(notFound("networks", id)) }
        guard net.bool("router:external") == true else {
            return .failure(badRequest("Bad router request: Network \(id) is not a valid external network."))
        }
        return .success(net)
    }

    /// Creates the router's port on the external network and returns the gateway info to store.
    private func setGateway(_ info: JSONValue, routerID: String, project: String) -> Result<(JSONValue, String), SimResponse> {
        guard let netID = info.string("network_id") else { return .failure(badRequest("Invalid input for external_gateway_info. Reason: network_id is required.")) }
        if case .failure(let r) = externalNetwork(netID) { return .failure(r) }
        let requested = info.array("external_fixed_ips")
        let port: JSONValue
        var portBody: [(String, JSONValue)] = [("network_id", .string(netID)), ("device_owner", .string("network:router_gateway")),
                                                ("device_id", .string(routerID))]
        if let requested { portBody.append(("fixed_ips", .array(requested))) }
        switch makePort(.obj(portBody), project: project) {
        case .failure(let r): return .failure(r)
        case .success(let p): port = p
        }
        let gw = JSONValue.obj([("network_id", .string(netID)), ("enable_snat", .bool(info.bool("enable_snat") ?? true)),
                                ("external_fixed_ips", port["fixed_ips"] ?? .emptyArray)])
        return .success((gw, port.string("id") ?? ""))
    }

    func makeRouter(_ body: JSONValue, project: String) -> Result<JSONValue, SimResponse> {
        let id = IDs.uuid()
        var gateway: JSONValue = .null
        var gatewayPort: String?
        if let info = body["external_gateway_info"], info.isObject {
            switch setGateway(info, routerID: id, project: project) {
            case .failure(let r): return .failure(r)
            case .success(let (g, p)): gateway = g; gatewayPort = p
            }
        }
        let now = Clock.iso(Clock.now())
        let obj = JSONValue.obj([
            ("id", .string(id)), ("name", .string(body.string("name") ?? "")), ("description", .string(body.string("description") ?? "")),
            ("status", .string("ACTIVE")), ("admin_state_up", .bool(body.bool("admin_state_up") ?? true)),
            ("distributed", .bool(body.bool("distributed") ?? false)), ("ha", .bool(false)),
            ("tenant_id", .string(project)), ("project_id", .string(project)), ("external_gateway_info", gateway),
            ("routes", body["routes"] ?? .emptyArray), ("availability_zone_hints", body["availability_zone_hints"] ?? .emptyArray),
            ("availability_zones", .strings(["nova"])), ("tags", .emptyArray), ("created_at", .string(now)), ("updated_at", .string(now)),
            ("revision_number", .int(1)), ("__gateway_port", .str(gatewayPort)),
        ])
        store.put("routers", id, obj)
        return .success(obj)
    }

    func updateRouter(_ obj: inout JSONValue, _ body: JSONValue) -> SimResponse? {
        let id = obj.string("id") ?? ""
        for m in body.objectValue ?? [] {
            switch m.key {
            case "external_gateway_info":
                if let old = obj.string("__gateway_port") {
                    let fipsUsingRouter = store.all("floatingips").contains { $0.string("router_id") == id }
                    if fipsUsingRouter && (m.value.isNull || m.value.string("network_id") != obj["external_gateway_info"]?.string("network_id")) {
                        return APIError.neutron(409, "RouterExternalGatewayInUseByFloatingIp", "Gateway cannot be updated for router \(id), since a gateway to external network is required by one or more floating IPs.")
                    }
                    store.delete("ports", old)
                    obj.set("__gateway_port", .null)
                    obj.set("external_gateway_info", .null)
                }
                if m.value.isObject, m.value.string("network_id") != nil {
                    switch setGateway(m.value, routerID: id, project: obj.string("project_id") ?? "") {
                    case .failure(let r): return r
                    case .success(let (g, p)):
                        obj.set("external_gateway_info", g)
                        obj.set("__gateway_port", .string(p))
                    }
                }
            case "name", "description", "admin_state_up", "routes", "distributed":
                obj.set(m.key, m.value)
            default:
                continue
            }
        }
        return nil
    }

    func routerInterface(_ req: SimRequest, routerID: String, add: Bool, project: String) -> SimResponse {
        guard store.get("routers", routerID) != nil else { return notFound("routers", routerID) }
        guard case .success(let body) = req.jsonBody(), body.isObject else { return badRequest("Malformed request body") }
        let subnetID = body.string("subnet_id")
        let portID = body.string("port_id")
        if subnetID != nil && portID != nil {
            return badRequest("Bad router request: Cannot specify both subnet-id and port-id")
        }
        guard subnetID != nil || portID != nil else {
            return badRequest("Bad router request: Either subnet_id or port_id must be specified")
        }
        let interfaces = store.all("ports").filter { $0.string("device_id") == routerID && $0.string("device_owner") == "network:router_interface" }
        var port: JSONValue
        if add {
            if let subnetID {
                guard let subnet = store.get("subnets", subnetID) else { return notFound("subnets", subnetID) }
                if interfaces.contains(where: { ($0.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == subnetID } }) {
                    return badRequest("Bad router request: Router already has a port on subnet \(subnetID).")
                }
                guard let gateway = subnet.string("gateway_ip") else {
                    return badRequest("Bad router request: Subnet for router interface must have a gateway IP.")
                }
                let ownerOfGateway = store.all("ports").first { p in
                    (p.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == subnetID && $0.string("ip_address") == gateway }
                }
                if ownerOfGateway != nil {
                    return APIError.neutron(409, "IpAddressAlreadyAllocated", "IP address \(gateway) already allocated in subnet \(subnetID)")
                }
                let id = IDs.uuid()
                let now = Clock.iso(Clock.now())
                port = .obj([
                    ("id", .string(id)), ("name", .string("")), ("description", .string("")), ("network_id", subnet["network_id"] ?? .null),
                    ("tenant_id", .string(project)), ("project_id", .string(project)), ("mac_address", .string(IDs.mac())),
                    ("admin_state_up", .bool(true)), ("status", .string("ACTIVE")), ("device_id", .string(routerID)),
                    ("device_owner", .string("network:router_interface")),
                    ("fixed_ips", .array([.obj([("subnet_id", .string(subnetID)), ("ip_address", .string(gateway))])])),
                    ("allowed_address_pairs", .emptyArray), ("extra_dhcp_opts", .emptyArray), ("security_groups", .emptyArray),
                    ("port_security_enabled", .bool(false)), ("binding:host_id", .string("")), ("binding:vif_type", .string("unbound")),
                    ("binding:vif_details", .emptyObject), ("binding:vnic_type", .string("normal")), ("binding:profile", .emptyObject),
                    ("dns_name", .string("")), ("dns_assignment", .emptyArray), ("qos_policy_id", .null), ("tags", .emptyArray),
                    ("created_at", .string(now)), ("updated_at", .string(now)), ("revision_number", .int(1)),
                ])
            } else {
                let pid = portID ?? ""
                guard let existing = store.get("ports", pid) else { return notFound("ports", pid) }
                if let dev = existing.string("device_id"), !dev.isEmpty {
                    return APIError.neutron(409, "PortInUse", "Unable to complete operation on port \(pid) for network \(existing.string("network_id") ?? ""). Port already has an attached device \(dev).")
                }
                guard !(existing.array("fixed_ips") ?? []).isEmpty else {
                    return badRequest("Bad router request: Router port must have at least one fixed IP.")
                }
                port = existing
                port.set("device_id", .string(routerID))
                port.set("device_owner", .string("network:router_interface"))
                port.set("status", .string("ACTIVE"))
            }
            store.put("ports", port.string("id") ?? "", port)
        } else {
            let found: JSONValue?
            if let subnetID {
                guard store.get("subnets", subnetID) != nil else { return notFound("subnets", subnetID) }
                found = interfaces.first { ($0.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == subnetID } }
                guard found != nil else {
                    return APIError.neutron(404, "RouterInterfaceNotFoundForSubnet", "Router \(routerID) has no interface on subnet \(subnetID)")
                }
            } else {
                found = interfaces.first { $0.string("id") == portID }
                guard found != nil else {
                    return APIError.neutron(404, "RouterInterfaceNotFound", "Router \(routerID) does not have an interface with id \(portID ?? "")")
                }
            }
            port = found ?? .null
            let subnets = Set((port.array("fixed_ips") ?? []).compactMap { $0.string("subnet_id") })
            let blocking = store.all("floatingips").first { fip in
                fip.string("router_id") == routerID && store.all("ports").contains { p in
                    p.string("id") == fip.string("port_id") && (p.array("fixed_ips") ?? []).contains { subnets.contains($0.string("subnet_id") ?? "") }
                }
            }
            if let blocking {
                return APIError.neutron(409, "RouterInterfaceInUseByFloatingIP", "Router interface for subnet \(subnets.first ?? "") on router \(routerID) cannot be deleted, as it is required by one or more floating IPs (\(blocking.string("id") ?? "")).")
            }
            store.delete("ports", port.string("id") ?? "")
        }
        let fixed = port.array("fixed_ips") ?? []
        return .json(200, .obj([
            ("id", .string(routerID)), ("tenant_id", .string(project)), ("project_id", .string(project)),
            ("subnet_id", fixed.first?["subnet_id"] ?? .null), ("subnet_ids", .array(fixed.compactMap { $0["subnet_id"] })),
            ("port_id", port["id"] ?? .null), ("network_id", port["network_id"] ?? .null),
        ]))
    }

    // MARK: Floating IPs

    func makeFloatingIP(_ body: JSONValue, project: String) -> Result<JSONValue, SimResponse> {
        guard let netID = body.string("floating_network_id") else {
            return .failure(badRequest("Invalid input for floating_network_id. Reason: 'None' is not a valid UUID."))
        }
        guard let net = store.get("networks", netID) else { return .failure(notFound("networks", netID)) }
        guard net.bool("router:external") == true else {
            return .failure(badRequest("Bad floatingip request: Network \(netID) is not a valid external network."))
        }
        var requested: JSONValue = .null
        if let addr = body.string("floating_ip_address") {
            requested = .array([.obj([("ip_address", .string(addr))] + (body.string("subnet_id").map { [("subnet_id", JSONValue.string($0))] } ?? []))])
        } else if let sid = body.string("subnet_id") {
            requested = .array([.obj([("subnet_id", .string(sid))])])
        }
        let id = IDs.uuid()
        var portBody: [(String, JSONValue)] = [("network_id", .string(netID)), ("device_owner", .string("network:floatingip")), ("device_id", .string(id))]
        if !requested.isNull { portBody.append(("fixed_ips", requested)) }
        let port: JSONValue
        switch makePort(.obj(portBody), project: project) {
        case .failure(let r):
            if r.status == 409, (String(decoding: r.body, as: UTF8.self)).contains("IpAddressGenerationFailure") {
                return .failure(APIError.neutron(409, "IpAddressGenerationFailure", "No more IP addresses available on network \(netID)."))
            }
            return .failure(r)
        case .success(let p): port = p
        }
        let now = Clock.iso(Clock.now())
        var obj = JSONValue.obj([
            ("id", .string(id)), ("floating_ip_address", port["fixed_ips"]?.arrayValue?.first?["ip_address"] ?? .null),
            ("floating_network_id", .string(netID)), ("router_id", .null), ("port_id", .null), ("fixed_ip_address", .null),
            ("status", .string("DOWN")), ("tenant_id", .string(project)), ("project_id", .string(project)),
            ("description", .string(body.string("description") ?? "")), ("dns_name", .string("")), ("dns_domain", .string("")),
            ("port_details", .null), ("tags", .emptyArray), ("created_at", .string(now)), ("updated_at", .string(now)),
            ("revision_number", .int(0)), ("__port", port["id"] ?? .null),
        ])
        if let portID = body.string("port_id") {
            if let r = associate(&obj, portID: portID, fixedIP: body.string("fixed_ip_address")) {
                store.delete("ports", port.string("id") ?? "")
                return .failure(r)
            }
        }
        store.put("floatingips", id, obj)
        return .success(obj)
    }

    /// Points a floating IP at a port (nil detaches), checking that a router connects the two networks.
    func associate(_ fip: inout JSONValue, portID: String?, fixedIP: String?) -> SimResponse? {
        guard let portID else {
            fip.set("port_id", .null); fip.set("fixed_ip_address", .null); fip.set("router_id", .null)
            fip.set("status", .string("DOWN")); fip.set("port_details", .null)
            return nil
        }
        guard let port = store.get("ports", portID) else { return notFound("ports", portID) }
        let fixed = port.array("fixed_ips") ?? []
        guard let chosen = fixedIP.map({ ip in fixed.first { $0.string("ip_address") == ip } }) ?? fixed.first(where: { $0.string("ip_address").flatMap(IPv4.init) != nil }),
              let subnetID = chosen.string("subnet_id"), let address = chosen.string("ip_address") else {
            return badRequest("Bad floatingip request: Port \(portID) does not have fixed ip \(fixedIP ?? "").")
        }
        if let other = store.all("floatingips").first(where: { $0.string("port_id") == portID && $0.string("fixed_ip_address") == address && $0.string("id") != fip.string("id") }) {
            return APIError.neutron(409, "FloatingIPPortAlreadyAssociated", "Cannot associate floating IP \(fip.string("floating_ip_address") ?? "") (\(fip.string("id") ?? "")) with port \(portID) using fixed IP \(address), as that fixed IP already has a floating IP on external network \(other.string("floating_network_id") ?? "").")
        }
        let extNet = fip.string("floating_network_id") ?? ""
        let router = store.all("routers").first { r in
            r["external_gateway_info"]?.string("network_id") == extNet && store.all("ports").contains { p in
                p.string("device_id") == r.string("id") && p.string("device_owner") == "network:router_interface"
                    && (p.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == subnetID }
            }
        }
        guard let router else {
            return APIError.neutron(404, "ExternalGatewayForFloatingIPNotFound", "External network \(extNet) is not reachable from subnet \(subnetID).  Therefore, cannot associate Port \(portID) with a Floating IP.")
        }
        fip.set("port_id", .string(portID)); fip.set("fixed_ip_address", .string(address))
        fip.set("router_id", router["id"] ?? .null); fip.set("status", .string("ACTIVE"))
        fip.set("port_details", .obj([("name", port["name"] ?? .null), ("network_id", port["network_id"] ?? .null),
                                      ("mac_address", port["mac_address"] ?? .null), ("admin_state_up", port["admin_state_up"] ?? .null),
                                      ("status", port["status"] ?? .null), ("device_id", port["device_id"] ?? .null),
                                      ("device_owner", port["device_owner"] ?? .null)]))
        return nil
    }
}
