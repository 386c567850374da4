import Foundation
import JSON

/// Server actions and the per-server sub-collections.
extension Compute {
    private func conflict(_ action: String, _ s: JSONValue) -> SimResponse {
        APIError.nova(409, "Cannot '\(action)' instance \(s.string("id") ?? "") while it is in vm_state \(s.string("OS-EXT-STS:vm_state") ?? "")")
    }

    private func setState(_ s: inout JSONValue, status: String, vm: String, power: Int) {
        s.set("status", .string(status)); s.set("OS-EXT-STS:vm_state", .string(vm))
        s.set("OS-EXT-STS:power_state", .int(power)); s.set("OS-EXT-STS:task_state", .null)
        s.set("updated", .string(Clock.iso(Clock.now())))
    }

    func action(_ req: SimRequest, _ s: inout JSONValue, _ mv: Microversion) -> SimResponse {
        guard case .success(let body) = req.jsonBody(), case .object(let members) = body, members.count == 1, let m = members.first else {
            return APIError.nova(400, "Malformed request body: an action body has exactly one member.")
        }
        let id = s.string("id") ?? ""
        let status = s.string("status") ?? ""
        let name = m.key
        if status == "BUILD" && name != "forceDelete" { return conflict(name, s) }
        switch name {
        case "os-stop":
            guard status == "ACTIVE" || status == "ERROR" else { return conflict("stop", s) }
            setState(&s, status: "SHUTOFF", vm: "stopped", power: 4)
        case "os-start":
            guard status == "SHUTOFF" else { return conflict("start", s) }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
        case "reboot":
            guard ["ACTIVE", "SHUTOFF", "ERROR"].contains(status) else { return conflict("reboot", s) }
            guard let type = m.value.string("type"), type == "SOFT" || type == "HARD" else {
                return APIError.nova(400, "Invalid input for field/attribute type. 'type' is a required property")
            }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
        case "pause":
            guard status == "ACTIVE" else { return conflict("pause", s) }
            setState(&s, status: "PAUSED", vm: "paused", power: 3)
        case "unpause":
            guard status == "PAUSED" else { return conflict("unpause", s) }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
        case "suspend":
            guard status == "ACTIVE" else { return conflict("suspend", s) }
            setState(&s, status: "SUSPENDED", vm: "suspended", power: 4)
        case "resume":
            guard status == "SUSPENDED" else { return conflict("resume", s) }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
        case "shelve":
            guard ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"].contains(status) else { return conflict("shelve", s) }
            setState(&s, status: "SHELVED_OFFLOADED", vm: "shelved_offloaded", power: 4)
        case "unshelve":
            guard status.hasPrefix("SHELVED") else { return conflict("unshelve", s) }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
        case "resize":
            guard status == "ACTIVE" || status == "SHUTOFF" else { return conflict("resize", s) }
            guard let ref = m.value["flavorRef"]?.plainText else { return APIError.nova(400, "Invalid input for field/attribute flavorRef. 'flavorRef' is a required property") }
            let fid = ref.split(separator: "/").last.map(String.init) ?? ref
            guard store.get("flavors", fid) != nil else { return APIError.nova(400, "Flavor \(fid) could not be found.") }
            if s["flavor"]?.string("id") == fid { return APIError.nova(400, "When resizing, instances must change flavor!") }
            s.set("__old_flavor", s["flavor"] ?? .null)
            var f = s["flavor"] ?? .emptyObject
            f.set("id", .string(fid))
            s.set("flavor", f)
            s.set("__pre_resize_status", .string(status))
            setState(&s, status: "VERIFY_RESIZE", vm: "resized", power: 1)
        case "confirmResize", "revertResize":
            guard status == "VERIFY_RESIZE" else { return APIError.nova(409, "Instance has not been resized.") }
            if name == "revertResize", let old = s["__old_flavor"] { s.set("flavor", old) }
            s.remove("__old_flavor")
            let back = s.string("__pre_resize_status") == "SHUTOFF"
            setState(&s, status: back ? "SHUTOFF" : "ACTIVE", vm: back ? "stopped" : "active", power: back ? 4 : 1)
            store.put("servers", id, s)
            return .empty(name == "confirmResize" ? 204 : 202)
        case "rebuild":
            guard ["ACTIVE", "SHUTOFF", "ERROR"].contains(status) else { return conflict("rebuild", s) }
            guard let ref = m.value.string("imageRef") else { return APIError.nova(400, "Invalid input for field/attribute imageRef. 'imageRef' is a required property") }
            let iid = ref.split(separator: "/").last.map(String.init) ?? ref
            guard store.get("images", iid) != nil else { return APIError.nova(400, "Image \(iid) could not be found.") }
            s.set("image", .obj([("id", .string(iid)), ("links", .emptyArray)]))
            if let n = m.value.string("name") { s.set("name", .string(n)) }
            setState(&s, status: "ACTIVE", vm: "active", power: 1)
            store.put("servers", id, s)
            return .json(202, .obj([("server", serverView(s, mv))]))
        case "changePassword":
            guard m.value.string("adminPass") != nil else { return APIError.nova(400, "Invalid input for field/attribute adminPass. 'adminPass' is a required property") }
        case "addSecurityGroup", "removeSecurityGroup":
            guard let sgName = m.value.string("name") else { return APIError.nova(400, "Invalid input for field/attribute name. 'name' is a required property") }
            guard let sg = store.all("security_groups").first(where: { $0.string("name") == sgName || $0.string("id") == sgName }) else {
                return APIError.nova(404, "Security group \(sgName) not found for project \(s.string("tenant_id") ?? "").")
            }
            let sgID = sg.string("id") ?? ""
            var names = s.array("security_groups") ?? []
            let present = names.contains { $0.string("name") == sg.string("name") }
            if name == "addSecurityGroup" {
                if present { return APIError.nova(400, "Security group \(sgName) is already associated with the instance \(id)") }
                names.append(.obj([("name", sg["name"] ?? .null)]))
            } else {
                if !present { return APIError.nova(404, "Security group \(sgName) not assocaited with the instance \(id)") }
                names.removeAll { $0.string("name") == sg.string("name") }
            }
            s.set("security_groups", .array(names))
            for var port in store.all("ports") where port.string("device_id") == id {
                var groups = (port.array("security_groups") ?? []).compactMap(\.stringValue).filter { $0 != sgID }
                if name == "addSecurityGroup" { groups.append(sgID) }
                port.set("security_groups", .strings(groups))
                store.put("ports", port.string("id") ?? "", port)
            }
        case "forceDelete":
            store.put("servers", id, s)
            return servers(SimRequest(method: "DELETE", target: "/"), [id], AuthContext(tokenID: "", userID: "", projectID: nil), "", mv)
        case "os-getConsoleOutput":
            return .json(200, .obj([("output", .string("radiant-sim console for \(s.string("name") ?? id)\nlogin: \n"))]))
        case "lock", "unlock", "migrate", "os-migrateLive", "createBackup", "restore", "trigger_crash_dump":
            break
        default:
            return APIError.nova(400, "There is no such action: \(name)")
        }
        store.put("servers", id, s)
        return .empty(202)
    }

    func metadata(_ req: SimRequest, _ s: inout JSONValue, key: String?) -> SimResponse {
        let id = s.string("id") ?? ""
        var md = s["metadata"] ?? .emptyObject
        switch (req.method, key) {
        case ("GET", nil):
            return .json(200, .obj([("metadata", md)]))
        case ("GET", let k?):
            guard let v = md[k] else { return APIError.nova(404, "Metadata item was not found") }
            return .json(200, .obj([("meta", .obj([(k, v)]))]))
        case ("POST", nil), ("PUT", nil):
            guard case .success(let body) = req.jsonBody(), let given = body["metadata"], given.isObject,
                  (given.objectValue ?? []).allSatisfy({ $0.value.stringValue != nil }) else {
                return APIError.nova(400, "Invalid input for field/attribute metadata. metadata must be an object of strings")
            }
            if req.method == "PUT" { md = .emptyObject }
            for m in given.objectValue ?? [] { md.set(m.key, m.value) }
            s.set("metadata", md)
            store.put("servers", id, s)
            return .json(200, .obj([("metadata", md)]))
        case ("PUT", let k?):
            guard case .success(let body) = req.jsonBody(), let meta = body["meta"], let v = meta[k], v.stringValue != nil,
                  (meta.objectValue ?? []).count == 1 else {
                return APIError.nova(400, "Request body and URI mismatch")
            }
            md.set(k, v)
            s.set("metadata", md)
            store.put("servers", id, s)
            return .json(200, .obj([("meta", .obj([(k, v)]))]))
        case ("DELETE", let k?):
            guard md[k] != nil else { return APIError.nova(404, "Metadata item was not found") }
            md.remove(k)
            s.set("metadata", md)
            store.put("servers", id, s)
            return .empty(204)
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    func serverTags(_ req: SimRequest, _ s: inout JSONValue, tag: String?) -> SimResponse {
        let id = s.string("id") ?? ""
        var tags = s.array("tags")?.compactMap(\.stringValue) ?? []
        switch (req.method, tag) {
        case ("GET", nil):
            return .json(200, .obj([("tags", .strings(tags))]))
        case ("PUT", nil):
            guard case .success(let body) = req.jsonBody(), let list = body.array("tags"), list.allSatisfy({ $0.stringValue != nil }) else {
                return APIError.nova(400, "Invalid input for field/attribute tags. tags must be a list of strings")
            }
            tags = list.compactMap(\.stringValue)
            s.set("tags", .strings(tags)); store.put("servers", id, s)
            return .json(200, .obj([("tags", .strings(tags))]))
        case ("DELETE", nil):
            s.set("tags", .emptyArray); store.put("servers", id, s)
            return .empty(204)
        case ("GET", let t?):
            return tags.contains(t) ? .empty(204) : APIError.nova(404, "Tag '\(t)' could not be found for instance \(id)")
        case ("PUT", let t?):
            let existed = tags.contains(t)
            if !existed { tags.append(t) }
            s.set("tags", .strings(tags)); store.put("servers", id, s)
            return .empty(existed ? 204 : 201)
        case ("DELETE", let t?):
            guard tags.contains(t) else { return APIError.nova(404, "Tag '\(t)' could not be found for instance \(id)") }
            tags.removeAll { $0 == t }
            s.set("tags", .strings(tags)); store.put("servers", id, s)
            return .empty(204)
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    private func attachmentView(_ vol: JSONValue, serverID: String) -> JSONValue {
        .obj([("id", vol["id"] ?? .null), ("serverId", .string(serverID)), ("volumeId", vol["id"] ?? .null), ("device", vol["device"] ?? .null)])
    }

    func volumeAttachments(_ req: SimRequest, _ s: inout JSONValue, attachment: String?, _ mv: Microversion) -> SimResponse {
        let id = s.string("id") ?? ""
        var vols = s.array("__volumes") ?? []
        let vs = VolumeService(sim: sim)
        switch (req.method, attachment) {
        case ("GET", nil):
            return .json(200, .obj([("volumeAttachments", .array(vols.map { attachmentView($0, serverID: id) }))]))
        case ("GET", let a?):
            guard let v = vols.first(where: { $0.string("id") == a }) else {
                return APIError.nova(404, "Volume \(a) is not attached to the instance \(id)")
            }
            return .json(200, .obj([("volumeAttachment", attachmentView(v, serverID: id))]))
        case ("POST", nil):
            guard case .success(let body) = req.jsonBody(), let va = body["volumeAttachment"], let volID = va.string("volumeId") else {
                return APIError.nova(400, "Invalid input for field/attribute volumeAttachment. 'volumeId' is a required property")
            }
            guard let vol = store.get("volumes", volID) else { return APIError.nova(404, "Volume \(volID) could not be found.") }
            guard vol.string("status") == "available" else {
                return APIError.nova(400, "Invalid volume: volume \(volID) status must be 'available'. Currently in '\(vol.string("status") ?? "")'")
            }
            let used = Set(vols.compactMap { $0.string("device") })
            var device = va.string("device") ?? ""
            if device.isEmpty || used.contains(device) {
                device = (98...122).map { "/dev/vd" + String(UnicodeScalar(UInt8($0))) }.first { !used.contains($0) } ?? "/dev/vdz"
            }
            let entry = JSONValue.obj([("id", .string(volID)), ("device", .string(device)), ("delete_on_termination", .bool(false))])
            vols.append(entry)
            s.set("__volumes", .array(vols)); store.put("servers", id, s)
            vs.attach(volumeID: volID, serverID: id, device: device)
            return .json(200, .obj([("volumeAttachment", attachmentView(entry, serverID: id))]))
        case ("DELETE", let a?):
            guard vols.contains(where: { $0.string("id") == a }) else {
                return APIError.nova(404, "Volume \(a) is not attached to the instance \(id)")
            }
            vols.removeAll { $0.string("id") == a }
            s.set("__volumes", .array(vols)); store.put("servers", id, s)
            vs.detach(volumeID: a)
            return .empty(202)
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    func interfaces(_ req: SimRequest, _ s: inout JSONValue, portID: String?, project: String) -> SimResponse {
        let id = s.string("id") ?? ""
        func view(_ p: JSONValue) -> JSONValue {
            .obj([("port_state", p["status"] ?? .null), ("fixed_ips", p["fixed_ips"] ?? .emptyArray), ("port_id", p["id"] ?? .null),
                  ("net_id", p["network_id"] ?? .null), ("mac_addr", p["mac_address"] ?? .null)])
        }
        let ports = store.all("ports").filter { $0.string("device_id") == id }
        switch (req.method, portID) {
        case ("GET", nil):
            return .json(200, .obj([("interfaceAttachments", .array(ports.map(view)))]))
        case ("GET", let p?):
            guard let port = ports.first(where: { $0.string("id") == p }) else { return APIError.nova(404, "Port \(p) is not attached") }
            return .json(200, .obj([("interfaceAttachment", view(port))]))
        case ("POST", nil):
            guard case .success(let body) = req.jsonBody(), let ia = body["interfaceAttachment"], ia.isObject else {
                return APIError.nova(400, "Invalid input for field/attribute interfaceAttachment.")
            }
            var port: JSONValue
            if let pid = ia.string("port_id") {
                guard let existing = store.get("ports", pid) else { return APIError.nova(404, "Port \(pid) could not be found.") }
                if let dev = existing.string("device_id"), !dev.isEmpty { return APIError.nova(409, "Port \(pid) is still in use.") }
                port = existing
            } else if let netID = ia.string("net_id") {
                switch Network(sim: sim).makePort(.obj([("network_id", .string(netID))]), project: project) {
                case .failure: return APIError.nova(404, "Network \(netID) could not be found.")
                case .success(let p): port = p
                }
                var created = (s.array("__ports_created") ?? [])
                created.append(port["id"] ?? .null)
                s.set("__ports_created", .array(created)); store.put("servers", id, s)
            } else {
                return APIError.nova(400, "Invalid input: net_id or port_id is required")
            }
            port.set("device_id", .string(id)); port.set("device_owner", .string("compute:nova"))
            port.set("status", .string(s.string("status") == "ACTIVE" ? "ACTIVE" : "DOWN"))
            store.put("ports", port.string("id") ?? "", port)
            return .json(200, .obj([("interfaceAttachment", view(port))]))
        case ("DELETE", let p?):
            guard var port = ports.first(where: { $0.string("id") == p }) else { return APIError.nova(404, "Port \(p) is not attached") }
            if (s.array("__ports_created") ?? []).contains(.string(p)) {
                Network(sim: sim).releasePort(p)
            } else {
                port.set("device_id", .string("")); port.set("device_owner", .string("")); port.set("status", .string("DOWN"))
                store.put("ports", p, port)
            }
            return .empty(202)
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }
}
