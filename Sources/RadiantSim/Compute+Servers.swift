import Foundation
import JSON

/// Servers: create (ports, security groups, block devices), the BUILD -> ACTIVE clock, actions,
/// metadata, tags, interfaces, volume attachments and delete.
extension Compute {
    func serverNotFound(_ id: String) -> SimResponse { APIError.nova(404, "Instance \(id) could not be found.") }

    func servers(_ req: SimRequest, _ p: [String], _ auth: AuthContext, _ project: String, _ mv: Microversion) -> SimResponse {
        if p.isEmpty || p == ["detail"] {
            switch req.method {
            case "GET": return listServers(req, detail: p == ["detail"], mv)
            case "POST" where p.isEmpty: return createServer(req, auth, project, mv)
            default: return APIError.nova(405, "The method is not allowed for the requested URL.")
            }
        }
        let id = p[0]
        guard var server = store.get("servers", id), !server.has(SimKey.goneAt) || req.method == "GET" else { return serverNotFound(id) }
        let sub = Array(p.dropFirst())
        switch (req.method, sub.first) {
        case ("GET", nil):
            return .json(200, .obj([("server", serverView(server, mv))]))
        case ("PUT", nil):
            guard case .success(let body) = req.jsonBody(), let s = body["server"], s.isObject else {
                return APIError.nova(400, "Invalid input for field/attribute server. 'server' is a required property")
            }
            for key in ["name", "accessIPv4", "accessIPv6", "description"] {
                if let v = s[key] {
                    guard v.stringValue != nil || (key == "description" && v.isNull) else {
                        return APIError.nova(400, "Invalid input for field/attribute \(key). Value: \(v.compactString). \(v.compactString) is not of type 'string'")
                    }
                    server.set(key, v)
                }
            }
            server.set("updated", .string(Clock.iso(Clock.now())))
            store.put("servers", id, server)
            return .json(200, .obj([("server", serverView(server, mv))]))
        case ("DELETE", nil):
            deleteServer(&server)
            return .empty(204)
        case ("POST", "action"):
            return action(req, &server, mv)
        case (_, "metadata"):
            return metadata(req, &server, key: sub.count > 1 ? sub[1] : nil)
        case (_, "tags"):
            return serverTags(req, &server, tag: sub.count > 1 ? sub[1] : nil)
        case (_, "os-volume_attachments"):
            return volumeAttachments(req, &server, attachment: sub.count > 1 ? sub[1] : nil, mv)
        case (_, "os-interface"):
            return interfaces(req, &server, portID: sub.count > 1 ? sub[1] : nil, project: project)
        case ("GET", "ips"):
            return .json(200, .obj([("addresses", addresses(server))]))
        default:
            return APIError.nova(404, "The resource could not be found.")
        }
    }

    // MARK: Views

    func addresses(_ server: JSONValue) -> JSONValue {
        let id = server.string("id") ?? ""
        var byNetwork: [(String, [JSONValue])] = []
        func append(_ net: String, _ entry: JSONValue) {
            if let i = byNetwork.firstIndex(where: { $0.0 == net }) { byNetwork[i].1.append(entry) } else { byNetwork.append((net, [entry])) }
        }
        for port in store.all("ports") where port.string("device_id") == id && (port.string("device_owner") ?? "").hasPrefix("compute:") {
            let netName = port.string("network_id").flatMap { store.get("networks", $0)?.string("name") } ?? "unknown"
            let mac = port["mac_address"] ?? .null
            for ip in port.array("fixed_ips") ?? [] {
                let addr = ip.string("ip_address") ?? ""
                append(netName, .obj([("version", .int(addr.contains(":") ? 6 : 4)), ("addr", .string(addr)),
                                      ("OS-EXT-IPS:type", .string("fixed")), ("OS-EXT-IPS-MAC:mac_addr", mac)]))
                for fip in store.all("floatingips") where fip.string("port_id") == port.string("id") && fip.string("fixed_ip_address") == addr {
                    append(netName, .obj([("version", .int(4)), ("addr", fip["floating_ip_address"] ?? .null),
                                          ("OS-EXT-IPS:type", .string("floating")), ("OS-EXT-IPS-MAC:mac_addr", mac)]))
                }
            }
        }
        return .object(byNetwork.map { JSONMember(key: $0.0, value: .array($0.1)) })
    }

    func serverView(_ s: JSONValue, _ mv: Microversion) -> JSONValue {
        let id = s.string("id") ?? ""
        var v = s.publicView
        v.set("addresses", addresses(s))
        v.set("links", .array([
            .obj([("rel", .string("self")), ("href", .string(sim.baseURL + "/compute/v2.1/servers/" + id))]),
            .obj([("rel", .string("bookmark")), ("href", .string(sim.baseURL + "/compute/servers/" + id))]),
        ]))
        if mv >= Microversion(2, 47), let fid = s["flavor"]?.string("id") {
            let f = store.get("flavors", fid) ?? .emptyObject
            v.set("flavor", .obj([("vcpus", f["vcpus"] ?? .int(0)), ("ram", f["ram"] ?? .int(0)), ("disk", f["disk"] ?? .int(0)),
                                  ("ephemeral", .int(0)), ("swap", .int(0)), ("original_name", f["name"] ?? .string(fid)),
                                  ("extra_specs", f["__extra_specs"] ?? .emptyObject)]))
        }
        v.set("os-extended-volumes:volumes_attached", .array((s.array("__volumes") ?? []).map { vol in
            .obj([("id", vol["id"] ?? .null), ("delete_on_termination", vol["delete_on_termination"] ?? .bool(false))])
        }))
        if mv >= Microversion(2, 3) {
            v.set("OS-EXT-SRV-ATTR:user_data", s["__user_data"] ?? .null)
            v.set("OS-EXT-SRV-ATTR:hostname", .string(s.string("name") ?? ""))
            v.set("OS-EXT-SRV-ATTR:reservation_id", .string("r-" + String(id.prefix(8))))
            v.set("OS-EXT-SRV-ATTR:launch_index", .int(0))
        }
        if mv >= Microversion(2, 9) { v.set("locked", .bool(false)) }
        if mv >= Microversion(2, 19), !v.has("description") { v.set("description", .null) }
        if mv < Microversion(2, 19) { v.remove("description") }
        if mv < Microversion(2, 26) { v.remove("tags") }
        return v
    }

    private func listServers(_ req: SimRequest, detail: Bool, _ mv: Microversion) -> SimResponse {
        var list = store.all("servers").filter { !$0.has(SimKey.goneAt) }
        if let name = req.queryValue("name") {
            let regex = try? NSRegularExpression(pattern: name)
            list = list.filter { s in
                let n = s.string("name") ?? ""
                if let regex { return regex.firstMatch(in: n, range: NSRange(n.startIndex..., in: n)) != nil }
                return n.contains(name)
            }
        }
        if let status = req.queryValue("status") { list = list.filter { $0.string("status") == status.uppercased() } }
        if let flavor = req.queryValue("flavor") { list = list.filter { $0["flavor"]?.string("id") == flavor } }
        if let image = req.queryValue("image") { list = list.filter { $0["image"]?.string("id") == image } }
        if let tags = req.queryValue("tags") {
            let wanted = tags.split(separator: ",").map(String.init)
            list = list.filter { s in let have = s.array("tags")?.compactMap(\.stringValue) ?? []; return wanted.allSatisfy(have.contains) }
        }
        if let marker = req.queryValue("marker") {
            guard let i = list.firstIndex(where: { $0.string("id") == marker }) else { return APIError.nova(400, "marker [\(marker)] not found") }
            list = Array(list[(i + 1)...])
        }
        var pairs: [(String, JSONValue)] = []
        if let limit = req.queryValue("limit").flatMap(Int.init), limit >= 0, list.count > limit {
            list = Array(list.prefix(limit))
            let last = list.last?.string("id") ?? ""
            pairs.append(("servers_links", .array([.obj([("rel", .string("next")),
                ("href", .string(sim.baseURL + req.rawPath + "?limit=\(limit)&marker=\(last)"))])])))
        }
        let items = list.map { s -> JSONValue in
            if detail { return serverView(s, mv) }
            let v = serverView(s, mv)
            return .obj([("id", v["id"] ?? .null), ("name", v["name"] ?? .null), ("links", v["links"] ?? .emptyArray)])
        }
        return .json(200, .obj([("servers", .array(items))] + pairs))
    }

    // MARK: Create

    private func bad(_ m: String) -> SimResponse { APIError.nova(400, m) }

    private func lastPathComponent(_ ref: String) -> String {
        ref.split(separator: "/").last.map(String.init) ?? ref
    }

    private func createServer(_ req: SimRequest, _ auth: AuthContext, _ project: String, _ mv: Microversion) -> SimResponse {
        let body: JSONValue
        switch req.jsonBody() {
        case .failure(let p): return bad(p.message)
        case .success(let b): body = b
        }
        guard let s = body["server"], s.isObject else {
            return bad("Invalid input for field/attribute server. Value: None. 'server' is a required property")
        }
        guard let nameValue = s["name"] else { return bad("Invalid input for field/attribute server. 'name' is a required property") }
        guard let name = nameValue.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 255 else {
            return bad("Invalid input for field/attribute name. Value: \(nameValue.compactString). \(nameValue.compactString) is not a valid name")
        }
        guard let flavorRef = s["flavorRef"]?.plainText else {
            return bad("Invalid input for field/attribute server. 'flavorRef' is a required property")
        }
        let flavorID = lastPathComponent(flavorRef)
        guard let flavor = store.get("flavors", flavorID) else { return bad("Flavor \(flavorID) could not be found.") }

        // Block devices: booting from a volume needs no image.
        let bdms = s.array("block_device_mapping_v2") ?? []
        var bootFromVolume = false
        for b in bdms {
            guard b.isObject else { return bad("Invalid input for field/attribute block_device_mapping_v2. must be objects") }
            let src = b.string("source_type") ?? ""
            guard ["image", "volume", "snapshot", "blank"].contains(src) else {
                return bad("Invalid input for field/attribute source_type. Value: \(src). '\(src)' is not one of ['volume', 'image', 'snapshot', 'blank']")
            }
            if b.int("boot_index") == 0 || b.string("boot_index") == "0", b.string("destination_type") == "volume" { bootFromVolume = true }
            if src == "volume", let vid = b.string("uuid") {
                guard let vol = store.get("volumes", vid) else { return bad("Volume \(vid) could not be found.") }
                guard vol.string("status") == "available" else { return bad("Invalid volume: volume \(vid) status must be 'available'") }
            }
            if src == "image", let iid = b.string("uuid"), store.get("images", iid) == nil { return bad("Image \(iid) could not be found.") }
        }
        var imageValue: JSONValue = .string("")
        let imageRef = s.string("imageRef") ?? ""
        if !imageRef.isEmpty {
            let iid = lastPathComponent(imageRef)
            guard store.get("images", iid) != nil else { return bad("Image \(iid) could not be found.") }
            imageValue = .obj([("id", .string(iid)), ("links", .array([.obj([("rel", .string("bookmark")),
                                                                            ("href", .string(sim.baseURL + "/compute/images/" + iid))])]))])
        } else if !bootFromVolume {
            return bad("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.")
        }
        if let key = s.string("key_name"), store.get("keypairs", key) == nil { return bad("Invalid key_name provided.") }

        // User data must be base64 and small.
        var userData: JSONValue = .null
        if let ud = s["user_data"], !ud.isNull {
            guard let text = ud.stringValue, let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                return bad("Invalid input for field/attribute user_data. Value: \(String(ud.compactString.prefix(40))). '\(String(ud.compactString.prefix(40)))' is not a 'base64'")
            }
            guard text.utf8.count <= 65535 else { return bad("User data too large. User data must be no larger than 65535 bytes once base64 encoded.") }
            _ = decoded
            userData = .string(text)
        }
        if let md = s["metadata"], !md.isObject || !(md.objectValue ?? []).allSatisfy({ $0.value.stringValue != nil }) {
            return bad("Invalid input for field/attribute metadata. Value: \(md.compactString). metadata values must be strings")
        }

        // Security groups are given by name (or id).
        let net = Network(sim: sim)
        var groupIDs: [String] = []
        var groupNames: [JSONValue] = []
        for g in s.array("security_groups") ?? [.obj([("name", .string("default"))])] {
            let ref = g.string("name") ?? ""
            if ref == "default" { _ = net.ensureDefaultSecurityGroup(project: project) }
            guard let sg = store.all("security_groups").first(where: { $0.string("name") == ref || $0.string("id") == ref }) else {
                return bad("Security group \(ref) not found for project \(project).")
            }
            groupIDs.append(sg.string("id") ?? "")
            groupNames.append(.obj([("name", sg["name"] ?? .null)]))
        }

        // Networks: explicit list, "auto"/"none", or (before 2.37) the project's only network.
        var requestedNICs: [JSONValue] = []
        switch s["networks"] {
        case .some(.string(let mode)):
            guard mv >= Microversion(2, 37), mode == "auto" || mode == "none" else {
                return bad("Invalid input for field/attribute networks. Value: \(mode). '\(mode)' is not of type 'array'")
            }
            if mode == "auto", let first = store.all("networks").first(where: { $0.bool("router:external") != true }) {
                requestedNICs = [.obj([("uuid", first["id"] ?? .null)])]
            }
        case .some(.array(let list)):
            requestedNICs = list
        case .some(let other) where !other.isNull:
            return bad("Invalid input for field/attribute networks. Value: \(other.compactString). is not of type 'array'")
        default:
            if mv >= Microversion(2, 37) {
                return bad("Invalid input for field/attribute server. Value: \(s.compactString). 'networks' is a required property")
            }
            let candidates = store.all("networks").filter { $0.bool("router:external") != true && $0.string("project_id") == project }
            if candidates.count > 1 {
                return APIError.nova(409, "Multiple possible networks found, use a Network ID to be more specific.")
            }
            if let only = candidates.first { requestedNICs = [.obj([("uuid", only["id"] ?? .null)])] }
        }
        for nic in requestedNICs {
            guard nic.isObject else { return bad("Invalid input for field/attribute networks. each entry must be an object") }
            if let portID = nic.string("port") {
                guard let port = store.get("ports", portID) else { return bad("Port id \(portID) could not be found.") }
                if let dev = port.string("device_id"), !dev.isEmpty { return APIError.nova(409, "Port \(portID) is still in use.") }
            } else if let netID = nic.string("uuid") {
                guard store.get("networks", netID) != nil else { return bad("Network \(netID) could not be found.") }
                if let fixed = nic.string("fixed_ip"), IPv4(fixed) == nil, !fixed.contains(":") {
                    return bad("Invalid input for field/attribute fixed_ip. Value: \(fixed). '\(fixed)' is not a 'ip-address'")
                }
            } else {
                return bad("Invalid input for field/attribute networks. Bad networks format: network uuid is not in proper format")
            }
        }

        // Quotas: Nova answers 403 for these.
        let q = sim.options.quotas
        let live = liveServers()
        if live.count + 1 > q.instances {
            return APIError.nova(403, "Quota exceeded for instances: Requested 1, but already used \(live.count) of \(q.instances) instances")
        }
        let usedCores = live.reduce(0) { $0 + (flavorOf($1)?.int("vcpus") ?? 0) }
        if usedCores + (flavor.int("vcpus") ?? 0) > q.cores {
            return APIError.nova(403, "Quota exceeded for cores: Requested \(flavor.int("vcpus") ?? 0), but already used \(usedCores) of \(q.cores) cores")
        }
        let usedRam = live.reduce(0) { $0 + (flavorOf($1)?.int("ram") ?? 0) }
        if usedRam + (flavor.int("ram") ?? 0) > q.ram {
            return APIError.nova(403, "Quota exceeded for ram: Requested \(flavor.int("ram") ?? 0), but already used \(usedRam) of \(q.ram) ram")
        }

        let id = IDs.uuid()
        // Ports: Nova creates one per network entry and binds the ones it is given.
        var createdPorts: [String] = []
        func rollback() { for p in createdPorts { store.delete("ports", p) } }
        for nic in requestedNICs {
            if let portID = nic.string("port"), var port = store.get("ports", portID) {
                port.set("device_id", .string(id)); port.set("device_owner", .string("compute:nova"))
                store.put("ports", portID, port)
            } else if let netID = nic.string("uuid") {
                var portBody: [(String, JSONValue)] = [("network_id", .string(netID)), ("device_id", .string(id)),
                                                        ("device_owner", .string("compute:nova")), ("security_groups", .strings(groupIDs))]
                if let fixed = nic.string("fixed_ip") { portBody.append(("fixed_ips", .array([.obj([("ip_address", .string(fixed))])]))) }
                switch net.makePort(.obj(portBody), project: project) {
                case .failure(let r):
                    rollback()
                    let text = String(decoding: r.body, as: UTF8.self)
                    if text.contains("IpAddressAlreadyAllocated") { return APIError.nova(409, "Fixed IP address \(nic.string("fixed_ip") ?? "") is already in use on instance.") }
                    if text.contains("IpAddressGenerationFailure") { return APIError.nova(409, "No more IP addresses available on network \(netID).") }
                    return bad("Unable to create the port on network \(netID).")
                case .success(let p): createdPorts.append(p.string("id") ?? "")
                }
            }
        }
        // Volumes from block devices.
        var volumes: [JSONValue] = []
        let vs = VolumeService(sim: sim)
        for (i, b) in bdms.enumerated() where b.string("destination_type") == "volume" {
            let device = "/dev/vd" + String(UnicodeScalar(UInt8(97 + min(i, 25))))
            var volID = b.string("uuid") ?? ""
            if b.string("source_type") != "volume" {
                let vol = vs.makeVolume(.obj([("size", .int(b.int("volume_size") ?? flavor.int("disk") ?? 1)), ("name", .string("")),
                                              ("imageRef", b.string("source_type") == "image" ? (b["uuid"] ?? .null) : .null)]),
                                        project: project, userID: auth.userID, immediate: true)
                volID = vol.string("id") ?? ""
            }
            vs.attach(volumeID: volID, serverID: id, device: device)
            volumes.append(.obj([("id", .string(volID)), ("device", .string(device)),
                                 ("delete_on_termination", .bool(b.bool("delete_on_termination") ?? false))]))
        }

        let now = Clock.now()
        let willFail = sim.faults.errorServerNames.contains { name.contains($0) }
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id)), ("name", .string(name)), ("status", .string("BUILD")), ("tenant_id", .string(project)),
            ("user_id", .string(auth.userID)), ("metadata", s["metadata"] ?? .emptyObject),
            ("hostId", .string(String((id + project).replacingOccurrences(of: "-", with: "").prefix(56)))),
            ("image", imageValue), ("flavor", .obj([("id", .string(flavorID)), ("links", .array([.obj([("rel", .string("bookmark")),
                ("href", .string(sim.baseURL + "/compute/flavors/" + flavorID))])]))])),
            ("created", .string(Clock.iso(now))), ("updated", .string(Clock.iso(now))),
            ("accessIPv4", .string(s.string("accessIPv4") ?? "")), ("accessIPv6", .string(s.string("accessIPv6") ?? "")),
            ("key_name", s["key_name"] ?? .null), ("security_groups", .array(groupNames)),
            ("OS-DCF:diskConfig", .string("MANUAL")), ("OS-EXT-AZ:availability_zone", .string(s.string("availability_zone") ?? "nova")),
            ("OS-EXT-STS:power_state", .int(0)), ("OS-EXT-STS:task_state", .string("scheduling")), ("OS-EXT-STS:vm_state", .string("building")),
            ("OS-EXT-SRV-ATTR:host", .string("compute1")), ("OS-EXT-SRV-ATTR:hypervisor_hostname", .string("compute1")),
            ("OS-EXT-SRV-ATTR:instance_name", .string(String(format: "instance-%08x", store["servers"].count + 1))),
            ("OS-SRV-USG:launched_at", .null), ("OS-SRV-USG:terminated_at", .null),
            ("config_drive", .string((s.bool("config_drive") ?? false) ? "True" : "")), ("progress", .int(0)),
            ("tags", s["tags"] ?? .emptyArray), ("description", s["description"] ?? .null),
            (SimKey.readyAt, .number(String(now + sim.buildDelay))), ("__user_data", userData),
            ("__ports_created", .strings(createdPorts)), ("__volumes", .array(volumes)), ("__will_fail", .bool(willFail)),
        ]
        if let hints = body["os:scheduler_hints"] { pairs.append(("__scheduler_hints", hints)) }
        store.put("servers", id, .obj(pairs))
        let adminPass = s.string("adminPass") ?? IDs.random(12, alphabet: "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        let links = JSONValue.array([
            .obj([("rel", .string("self")), ("href", .string(sim.baseURL + "/compute/v2.1/servers/" + id))]),
            .obj([("rel", .string("bookmark")), ("href", .string(sim.baseURL + "/compute/servers/" + id))]),
        ])
        return .json(202, .obj([("server", .obj([("id", .string(id)), ("links", links), ("OS-DCF:diskConfig", .string("MANUAL")),
                                                 ("security_groups", .array(groupNames)), ("adminPass", .string(adminPass))]))]),
                     headers: [("Location", sim.baseURL + "/compute/v2.1/servers/" + id)])
    }

    // MARK: Clock

    func tick(now: Double) {
        for var s in store.all("servers") {
            let id = s.string("id") ?? ""
            if let gone = s.double(SimKey.goneAt) {
                if gone <= now { finishDelete(s) }
                continue
            }
            guard s.string("status") == "BUILD", let ready = s.double(SimKey.readyAt), ready <= now else { continue }
            s.remove(SimKey.readyAt)
            if s.bool("__will_fail") == true {
                s.set("status", .string("ERROR")); s.set("OS-EXT-STS:vm_state", .string("error")); s.set("OS-EXT-STS:task_state", .null)
                s.set("fault", .obj([("code", .int(500)), ("created", .string(Clock.iso(now))),
                                     ("message", .string("No valid host was found. There are not enough hosts available."))]))
            } else {
                setRunning(&s, now: now)
                for var port in store.all("ports") where port.string("device_id") == id {
                    port.set("status", .string("ACTIVE")); port.set("binding:host_id", .string("compute1")); port.set("binding:vif_type", .string("ovs"))
                    store.put("ports", port.string("id") ?? "", port)
                }
            }
            s.set("updated", .string(Clock.iso(now)))
            store.put("servers", id, s)
        }
    }

    private func setRunning(_ s: inout JSONValue, now: Double) {
        s.set("status", .string("ACTIVE")); s.set("OS-EXT-STS:power_state", .int(1))
        s.set("OS-EXT-STS:vm_state", .string("active")); s.set("OS-EXT-STS:task_state", .null)
        if s["OS-SRV-USG:launched_at"]?.isNull ?? true { s.set("OS-SRV-USG:launched_at", .string(Clock.isoMicroNoZone(now))) }
    }

    private func deleteServer(_ s: inout JSONValue) {
        let now = Clock.now()
        s.set("OS-EXT-STS:task_state", .string("deleting"))
        s.set(SimKey.goneAt, .number(String(now + sim.options.deleteDelay)))
        store.put("servers", s.string("id") ?? "", s)
        if sim.options.deleteDelay <= 0 { finishDelete(s) }
    }

    /// Removes the server for good: its own ports go, given ports are unbound, volumes are detached.
    private func finishDelete(_ s: JSONValue) {
        let id = s.string("id") ?? ""
        let created = Set((s.array("__ports_created") ?? []).compactMap(\.stringValue))
        let net = Network(sim: sim)
        for var port in store.all("ports") where port.string("device_id") == id {
            let pid = port.string("id") ?? ""
            if created.contains(pid) {
                net.releasePort(pid)
            } else {
                port.set("device_id", .string("")); port.set("device_owner", .string("")); port.set("status", .string("DOWN"))
                port.set("binding:host_id", .string("")); port.set("binding:vif_type", .string("unbound"))
                store.put("ports", pid, port)
            }
        }
        let vs = VolumeService(sim: sim)
        for vol in s.array("__volumes") ?? [] {
            guard let vid = vol.string("id") else { continue }
            vs.detach(volumeID: vid)
            if vol.bool("delete_on_termination") == true { store.delete("volumes", vid) }
        }
        store.delete("servers", id)
        Rancher(sim: sim).serverDeleted(id)
    }
}
