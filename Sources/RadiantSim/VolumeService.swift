import JSON

/// Cinder v3: volumes (creating -> available -> in-use), types, extend.
struct VolumeService {
    let sim: Simulator
    var store: StateStore { sim.store }

    func notFound(_ id: String) -> SimResponse { APIError.nova(404, "Volume \(id) could not be found.") }

    func handle(_ req: SimRequest, _ rest: ArraySlice<String>, _ auth: AuthContext) -> SimResponse {
        var p = Array(rest)
        guard p.first == "v3" else { return APIError.nova(404, "The resource could not be found.") }
        p.removeFirst()
        let project = auth.projectID ?? sim.projectID
        if p.first == project { p.removeFirst() } else if let first = p.first, first.count == 32, first != "volumes" {
            return APIError.nova(404, "The resource could not be found.")
        }
        guard let head = p.first else { return APIError.nova(404, "The resource could not be found.") }
        var resp: SimResponse
        switch head {
        case "volumes": resp = volumes(req, Array(p.dropFirst()), auth, project)
        case "types":
            resp = .json(200, .obj([("volume_types", .array([.obj([("id", .string("6685584b-1eac-4da6-b5c3-555430cf68ff")),
                ("name", .string("lvmdriver-1")), ("is_public", .bool(true)), ("extra_specs", .emptyObject), ("description", .null)])]))]))
        case "limits":
            resp = .json(200, .obj([("limits", .obj([("rate", .emptyArray), ("absolute", .obj([
                ("maxTotalVolumes", .int(sim.options.quotas.volumes)), ("maxTotalVolumeGigabytes", .int(sim.options.quotas.gigabytes)),
                ("totalVolumesUsed", .int(store["volumes"].count)),
                ("totalGigabytesUsed", .int(store.all("volumes").reduce(0) { $0 + ($1.int("size") ?? 0) })),
            ]))]))]))
        default:
            resp = APIError.nova(404, "The resource could not be found.")
        }
        resp.headers.append(("OpenStack-API-Version", "volume 3.0"))
        return resp
    }

    func makeVolume(_ body: JSONValue, project: String, userID: String, immediate: Bool = false) -> JSONValue {
        let id = IDs.uuid()
        let now = Clock.now()
        let obj = JSONValue.obj([
            ("id", .string(id)), ("name", body["name"] ?? .null), ("description", body["description"] ?? .null),
            ("size", .int(body.int("size") ?? 1)), ("status", .string(immediate ? "available" : "creating")),
            ("availability_zone", .string(body.string("availability_zone") ?? "nova")),
            ("bootable", .string(body.string("imageRef") != nil ? "true" : "false")), ("encrypted", .bool(false)),
            ("multiattach", .bool(body.bool("multiattach") ?? false)), ("metadata", body["metadata"] ?? .emptyObject),
            ("volume_type", .string(body.string("volume_type") ?? "lvmdriver-1")), ("snapshot_id", body["snapshot_id"] ?? .null),
            ("source_volid", body["source_volid"] ?? .null), ("attachments", .emptyArray), ("user_id", .string(userID)),
            ("os-vol-tenant-attr:tenant_id", .string(project)), ("created_at", .string(Clock.isoMicroNoZone(now))),
            ("updated_at", .null), ("replication_status", .null), ("consistencygroup_id", .null),
            (SimKey.readyAt, .number(String(now + sim.options.volumeDelay))),
        ])
        store.put("volumes", id, obj)
        return obj
    }

    private func view(_ v: JSONValue, detail: Bool) -> JSONValue {
        let id = v.string("id") ?? ""
        let links = JSONValue.array([.obj([("rel", .string("self")), ("href", .string(sim.baseURL + "/volume/v3/\(sim.projectID)/volumes/" + id))])])
        if !detail { return .obj([("id", .string(id)), ("name", v["name"] ?? .null), ("links", links)]) }
        var out = v.publicView
        out.set("links", links)
        return out
    }

    private func volumes(_ req: SimRequest, _ p: [String], _ auth: AuthContext, _ project: String) -> SimResponse {
        switch (req.method, p.count) {
        case ("GET", 0), ("GET", 1) where p.isEmpty || p[0] == "detail":
            var items = store.all("volumes")
            for key in ["name", "status", "bootable"] {
                if let v = req.queryValue(key) { items = items.filter { $0.text(key) == v } }
            }
            return .json(200, .obj([("volumes", .array(items.map { view($0, detail: p.first == "detail") }))]))
        case ("POST", 0):
            guard case .success(let body) = req.jsonBody(), let v = body["volume"], v.isObject else {
                return APIError.nova(400, "Missing required element 'volume' in request body.")
            }
            guard let size = v.int("size"), size >= 1 else {
                return APIError.nova(400, "Invalid input for field/attribute size. Value: \(v["size"]?.compactString ?? "None"). must be an integer >= 1")
            }
            if let img = v.string("imageRef"), store.get("images", img) == nil { return APIError.nova(400, "Invalid image identifier or unable to access requested image.") }
            let used = store.all("volumes").reduce(0) { $0 + ($1.int("size") ?? 0) }
            if store["volumes"].count + 1 > sim.options.quotas.volumes {
                return APIError.nova(413, "VolumeLimitExceeded: Maximum number of volumes allowed (\(sim.options.quotas.volumes)) exceeded for quota 'volumes'.")
            }
            if used + size > sim.options.quotas.gigabytes {
                return APIError.nova(413, "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested \(size)G, quota is \(sim.options.quotas.gigabytes)G and \(used)G has been consumed.")
            }
            let vol = makeVolume(v, project: project, userID: auth.userID)
            return .json(202, .obj([("volume", view(vol, detail: true))]))
        case ("GET", 1):
            guard let v = store.get("volumes", p[0]) else { return notFound(p[0]) }
            return .json(200, .obj([("volume", view(v, detail: true))]))
        case ("PUT", 1):
            guard var v = store.get("volumes", p[0]) else { return notFound(p[0]) }
            guard case .success(let body) = req.jsonBody(), let u = body["volume"], u.isObject else {
                return APIError.nova(400, "Missing required element 'volume' in request body.")
            }
            for key in ["name", "description", "metadata"] { if let x = u[key] { v.set(key, x) } }
            v.set("updated_at", .string(Clock.isoMicroNoZone(Clock.now())))
            store.put("volumes", p[0], v)
            return .json(200, .obj([("volume", view(v, detail: true))]))
        case ("DELETE", 1):
            guard var v = store.get("volumes", p[0]) else { return notFound(p[0]) }
            let status = v.string("status") ?? ""
            guard ["available", "error", "error_restoring", "error_extending", "error_managing"].contains(status) else {
                return APIError.nova(400, "Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.")
            }
            v.set("status", .string("deleting"))
            store.delete("volumes", p[0])
            return .empty(202)
        case ("POST", 2) where p[1] == "action":
            guard var v = store.get("volumes", p[0]) else { return notFound(p[0]) }
            guard case .success(let body) = req.jsonBody(), let first = body.objectValue?.first else {
                return APIError.nova(400, "Malformed request body")
            }
            switch first.key {
            case "os-extend":
                guard let n = first.value.int("new_size") else { return APIError.nova(400, "New volume size must be specified as an integer.") }
                guard n > (v.int("size") ?? 0) else { return APIError.nova(400, "New size for extend must be greater than current size. (current: \(v.int("size") ?? 0), extended: \(n)).") }
                guard v.string("status") == "available" else { return APIError.nova(400, "Invalid volume: Volume status must be available to extend.") }
                v.set("size", .int(n))
            case "os-set_bootable":
                v.set("bootable", .string((first.value.bool("bootable") ?? false) ? "true" : "false"))
            case "os-retype":
                v.set("volume_type", first.value["new_type"] ?? .null)
            case "os-reset_status":
                if let st = first.value.string("status") { v.set("status", .string(st)) }
            default:
                return APIError.nova(400, "There is no such action: \(first.key)")
            }
            store.put("volumes", p[0], v)
            return .empty(202)
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    func attach(volumeID: String, serverID: String, device: String) {
        guard var v = store.get("volumes", volumeID) else { return }
        v.remove(SimKey.readyAt)
        v.set("status", .string("in-use"))
        v.set("attachments", .array([.obj([
            ("id", .string(volumeID)), ("attachment_id", .string(IDs.uuid())), ("volume_id", .string(volumeID)),
            ("server_id", .string(serverID)), ("host_name", .null), ("device", .string(device)),
            ("attached_at", .string(Clock.isoMicroNoZone(Clock.now()))),
        ])]))
        store.put("volumes", volumeID, v)
    }

    func detach(volumeID: String) {
        guard var v = store.get("volumes", volumeID) else { return }
        v.set("status", .string("available"))
        v.set("attachments", .emptyArray)
        store.put("volumes", volumeID, v)
    }

    func tick(now: Double) {
        for var v in store.all("volumes") where v.string("status") == "creating" {
            guard let ready = v.double(SimKey.readyAt), ready <= now else { continue }
            v.remove(SimKey.readyAt)
            v.set("status", .string("available"))
            store.put("volumes", v.string("id") ?? "", v)
        }
    }
}
