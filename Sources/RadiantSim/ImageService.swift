import JSON

/// Glance v2: images with name/visibility/status/tag filters, create, upload, delete, tags.
struct ImageService {
    let sim: Simulator
    var store: StateStore { sim.store }

    func handle(_ req: SimRequest, _ rest: ArraySlice<String>, _ auth: AuthContext) -> SimResponse {
        let p = Array(rest)
        guard p.first == "v2", p.count >= 2 else { return APIError.glance(404, "The resource could not be found.") }
        let path = Array(p.dropFirst())
        if path == ["schemas", "image"] || path == ["schemas", "images"] {
            return .json(200, .obj([("name", .string(path[1])), ("properties", .emptyObject), ("additionalProperties", .obj([("type", .string("string"))]))]))
        }
        guard path[0] == "images" else { return APIError.glance(404, "The resource could not be found.") }
        switch (req.method, path.count) {
        case ("GET", 1): return list(req)
        case ("POST", 1): return create(req, auth)
        case ("GET", 2):
            guard let img = store.get("images", path[1]) else { return APIError.glance(404, "No image found with ID \(path[1])") }
            return .json(200, img.publicView)
        case ("DELETE", 2):
            guard let img = store.get("images", path[1]) else { return APIError.glance(404, "No image found with ID \(path[1])") }
            if img.bool("protected") == true { return APIError.glance(403, "Image \(path[1]) is protected and cannot be deleted.") }
            store.delete("images", path[1])
            return .empty(204)
        case ("PUT", 3) where path[2] == "file":
            guard var img = store.get("images", path[1]) else { return APIError.glance(404, "No image found with ID \(path[1])") }
            img.set("status", .string("active")); img.set("size", .int(req.body.count))
            img.set("checksum", .string(MD5.digest(req.body).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()))
            img.set("updated_at", .string(Clock.iso(Clock.now())))
            store.put("images", path[1], img)
            return .empty(204)
        case ("PUT", 4) where path[2] == "tags", ("DELETE", 4) where path[2] == "tags":
            guard var img = store.get("images", path[1]) else { return APIError.glance(404, "No image found with ID \(path[1])") }
            var tags = img.array("tags")?.compactMap(\.stringValue) ?? []
            if req.method == "PUT" { if !tags.contains(path[3]) { tags.append(path[3]) } } else { tags.removeAll { $0 == path[3] } }
            img.set("tags", .strings(tags)); store.put("images", path[1], img)
            return .empty(204)
        default:
            return APIError.glance(405, "The method is not allowed for the requested URL.")
        }
    }

    private func list(_ req: SimRequest) -> SimResponse {
        var items = store.all("images")
        for key in ["name", "status", "visibility", "owner", "container_format", "disk_format", "id"] {
            if let v = req.queryValue(key) {
                let values = v.hasPrefix("in:") ? v.dropFirst(3).split(separator: ",").map(String.init) : [v]
                items = items.filter { values.contains($0.text(key) ?? "") }
            }
        }
        for tag in req.queryValues("tag") { items = items.filter { ($0.array("tags") ?? []).contains(.string(tag)) } }
        if req.queryValue("visibility") == nil { items = items.filter { $0.string("visibility") != "private" || true } }
        if let sort = req.queryValue("sort"), sort.hasPrefix("name") {
            items.sort { ($0.string("name") ?? "") < ($1.string("name") ?? "") }
            if sort.hasSuffix(":desc") { items.reverse() }
        }
        if let marker = req.queryValue("marker"), let i = items.firstIndex(where: { $0.string("id") == marker }) {
            items = Array(items[(i + 1)...])
        }
        var pairs: [(String, JSONValue)] = []
        if let limit = req.queryValue("limit").flatMap(Int.init), limit >= 0, items.count > limit {
            items = Array(items.prefix(limit))
            pairs.append(("next", .string("/v2/images?limit=\(limit)&marker=\(items.last?.string("id") ?? "")")))
        }
        return .json(200, .obj([("images", .array(items.map(\.publicView))), ("first", .string("/v2/images")), ("schema", .string("/v2/schemas/images"))] + pairs))
    }

    private func create(_ req: SimRequest, _ auth: AuthContext) -> SimResponse {
        guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.glance(400, "Malformed request body") }
        if let v = body.string("visibility"), !["public", "private", "shared", "community"].contains(v) {
            return APIError.glance(400, "Invalid visibility value: \(v)")
        }
        let id = body.string("id") ?? IDs.uuid()
        if store.get("images", id) != nil { return APIError.glance(409, "Image with identifier \(id) already exists!") }
        let now = Clock.iso(Clock.now())
        var img = JSONValue.obj([
            ("id", .string(id)), ("name", body["name"] ?? .null), ("status", .string("queued")),
            ("visibility", .string(body.string("visibility") ?? "shared")), ("protected", .bool(body.bool("protected") ?? false)),
            ("os_hidden", .bool(false)), ("checksum", .null), ("os_hash_algo", .null), ("os_hash_value", .null),
            ("owner", .string(auth.projectID ?? sim.projectID)), ("size", .null), ("virtual_size", .null),
            ("min_disk", .int(body.int("min_disk") ?? 0)), ("min_ram", .int(body.int("min_ram") ?? 0)),
            ("container_format", body["container_format"] ?? .null), ("disk_format", body["disk_format"] ?? .null),
            ("tags", body["tags"] ?? .emptyArray), ("created_at", .string(now)), ("updated_at", .string(now)),
            ("file", .string("/v2/images/\(id)/file")), ("self", .string("/v2/images/\(id)")), ("schema", .string("/v2/schemas/image")),
        ])
        for m in body.objectValue ?? [] where !img.has(m.key) { img.set(m.key, m.value) }
        store.put("images", id, img)
        return .json(201, img.publicView, headers: [("Location", sim.baseURL + "/image/v2/images/" + id)])
    }
}
