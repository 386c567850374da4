import JSON

/// Neutron (network v2.0): collections, filters, `fields`, tags, quotas. Resource rules live in the
/// `Network+*.swift` files.
struct Network {
    let sim: Simulator
    var store: StateStore { sim.store }

    /// URL collection name -> (table, JSON wrapper key, quota name).
    static let collections: [String: (table: String, key: String, quota: String)] = [
        "networks": ("networks", "network", "network"),
        "subnets": ("subnets", "subnet", "subnet"),
        "ports": ("ports", "port", "port"),
        "routers": ("routers", "router", "router"),
        "floatingips": ("floatingips", "floatingip", "floatingip"),
        "security-groups": ("security_groups", "security_group", "security_group"),
        "security-group-rules": ("security_group_rules", "security_group_rule", "security_group_rule"),
    ]

    static let notFoundType: [String: String] = [
        "networks": "NetworkNotFound", "subnets": "SubnetNotFound", "ports": "PortNotFound", "routers": "RouterNotFound",
        "floatingips": "FloatingIPNotFound", "security-groups": "SecurityGroupNotFound",
        "security-group-rules": "SecurityGroupRuleNotFound",
    ]

    static let displayName: [String: String] = [
        "networks": "Network", "subnets": "Subnet", "ports": "Port", "routers": "Router", "floatingips": "Floating IP",
        "security-groups": "Security group", "security-group-rules": "Security group rule",
    ]

    func notFound(_ collection: String, _ id: String) -> SimResponse {
        APIError.neutron(404, Network.notFoundType[collection] ?? "HTTPNotFound",
                         "\(Network.displayName[collection] ?? "Resource") \(id) could not be found.")
    }

    func badRequest(_ message: String) -> SimResponse { APIError.neutron(400, "HTTPBadRequest", message) }

    func handle(_ req: SimRequest, _ rest: ArraySlice<String>, _ auth: AuthContext) -> SimResponse {
        let p = Array(rest)
        guard p.first == "v2.0", p.count >= 2 else {
            return APIError.neutron(404, "HTTPNotFound", "The resource could not be found.")
        }
        let project = auth.projectID ?? sim.projectID
        var collection = p[1]
        // Clients may ask for `networks.json`.
        if collection.hasSuffix(".json") { collection = String(collection.dropLast(5)) }
        let path = Array(p.dropFirst(2))
        if collection == "quotas" { return quotas(req, path, project) }
        if collection == "extensions" { return extensions(req, path) }
        guard let info = Network.collections[collection] else {
            return APIError.neutron(404, "HTTPNotFound", "The resource could not be found.")
        }
        switch (req.method, path.count) {
        case ("GET", 0):
            return list(req, collection: collection, info: info)
        case ("POST", 0):
            return create(req, collection: collection, info: info, project: project)
        case ("GET", 1):
            guard let obj = store.get(info.table, path[0]) else { return notFound(collection, path[0]) }
            return .json(200, .obj([(info.key, render(collection, obj).only(req.queryValues("fields")))]))
        case ("PUT", 1):
            return update(req, collection: collection, info: info, id: path[0])
        case ("DELETE", 1):
            return delete(collection: collection, info: info, id: path[0])
        case (_, 2...) where path[1] == "tags":
            return tags(req, collection: collection, info: info, id: path[0], tag: path.count > 2 ? path[2] : nil)
        case ("PUT", 2) where collection == "routers" && (path[1] == "add_router_interface" || path[1] == "remove_router_interface"):
            return routerInterface(req, routerID: path[0], add: path[1] == "add_router_interface", project: project)
        default:
            return APIError.neutron(405, "HTTPMethodNotAllowed", "The method is not allowed for the requested URL.")
        }
    }

    // MARK: List with filters

    static let reservedQueryKeys: Set<String> = ["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse",
                                                   "tags", "tags-any", "not-tags", "not-tags-any"]

    func list(_ req: SimRequest, collection: String, info: (table: String, key: String, quota: String)) -> SimResponse {
        var filters: [String: [String]] = [:]
        for (k, v) in req.query where !Network.reservedQueryKeys.contains(k) { filters[k, default: []].append(v) }
        let tagsAll = req.queryValues("tags").flatMap { $0.split(separator: ",").map(String.init) }
        let tagsAny = req.queryValues("tags-any").flatMap { $0.split(separator: ",").map(String.init) }
        let notTags = req.queryValues("not-tags").flatMap { $0.split(separator: ",").map(String.init) }
        let notTagsAny = req.queryValues("not-tags-any").flatMap { $0.split(separator: ",").map(String.init) }
        var items = store.all(info.table).map { render(collection, $0) }.filter { obj in
            for (key, values) in filters where !matches(obj, key, values) { return false }
            let tags = Set(obj.array("tags")?.compactMap(\.stringValue) ?? [])
            if !tagsAll.isEmpty && !tagsAll.allSatisfy(tags.contains) { return false }
            if !tagsAny.isEmpty && !tagsAny.contains(where: tags.contains) { return false }
            if !notTags.isEmpty && notTags.allSatisfy(tags.contains) { return false }
            if !notTagsAny.isEmpty && notTagsAny.contains(where: tags.contains) { return false }
            return true
        }
        if let marker = req.queryValue("marker"), let i = items.firstIndex(where: { $0.string("id") == marker }) {
            items = Array(items[(i + 1)...])
        }
        var links: [JSONValue] = []
        if let limit = req.queryValue("limit").flatMap(Int.init), limit > 0, items.count > limit {
            items = Array(items.prefix(limit))
            let last = items.last?.string("id") ?? ""
            var q = req.query.filter { $0.0 != "marker" }
            q.append(("marker", last))
            let query = q.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            links.append(.obj([("rel", .string("next")), ("href", .string(sim.baseURL + req.rawPath + "?" + query))]))
        }
        let fields = req.queryValues("fields")
        var pairs: [(String, JSONValue)] = [(info.table == "security_groups" ? "security_groups" : info.table, .array(items.map { $0.only(fields) }))]
        if !links.isEmpty { pairs.append((info.table + "_links", .array(links))) }
        return .json(200, .obj(pairs))
    }

    private func matches(_ obj: JSONValue, _ key: String, _ values: [String]) -> Bool {
        guard let field = obj[key] else { return true }
        if case .array(let items) = field {
            // `fixed_ips=ip_address=10.0.0.5` and `fixed_ips=subnet_id=...`
            return values.contains { v in
                let kv = v.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { return items.contains { $0.text(kv[0]) == kv[1] } }
                return items.contains { $0.plainText == v }
            }
        }
        let actual = field.plainText ?? ""
        if case .null = field { return values.contains("") || values.contains("None") }
        return values.contains { $0 == actual || ($0.lowercased() == actual.lowercased() && (actual == "true" || actual == "false")) }
    }

    // MARK: Create / update / delete dispatch

    func wrapper(_ req: SimRequest, key: String) -> Result<JSONValue, SimResponse> {
        switch req.jsonBody() {
        case .failure(let p): return .failure(badRequest(p.message))
        case .success(let body):
            guard let inner = body[key] else { return .failure(badRequest("Unable to find '\(key)' in request body")) }
            guard inner.isObject else { return .failure(badRequest("Invalid input for \(key). Reason: must be an object.")) }
            return .success(inner)
        }
    }

    func quotaLimit(_ name: String) -> Int {
        if let v = store.settings["neutron_quota"]?.int(name) { return v }
        let q = sim.options.quotas
        switch name {
        case "network": return q.network
        case "subnet": return q.subnet
        case "port": return q.port
        case "router": return q.router
        case "floatingip": return q.floatingip
        case "security_group": return q.securityGroup
        case "security_group_rule": return q.securityGroupRule
        default: return -1
        }
    }

    func overQuota(_ quota: String, table: String, adding: Int = 1) -> SimResponse? {
        let limit = quotaLimit(quota)
        guard limit >= 0, store[table].count + adding > limit else { return nil }
        return APIError.neutron(409, "OverQuota", "Quota exceeded for resources: ['\(quota)'].")
    }

    private func create(_ req: SimRequest, collection: String, info: (table: String, key: String, quota: String), project: String) -> SimResponse {
        let body: JSONValue
        switch wrapper(req, key: info.key) {
        case .failure(let r): return r
        case .success(let b): body = b
        }
        if let problem = typeProblem(collection, body) { return badRequest(problem) }
        if let over = overQuota(info.quota, table: info.table) { return over }
        let result: Result<JSONValue, SimResponse>
        switch collection {
        case "networks": result = .success(makeNetwork(body, project: project))
        case "subnets": result = makeSubnet(body, project: project)
        case "ports": result = makePort(body, project: project)
        case "routers": result = makeRouter(body, project: project)
        case "floatingips": result = makeFloatingIP(body, project: project)
        case "security-groups": result = .success(makeSecurityGroup(body, project: project))
        default: result = makeRule(body, project: project)
        }
        switch result {
        case .failure(let r): return r
        case .success(let obj): return .json(201, .obj([(info.key, render(collection, obj))]))
        }
    }

    /// Field types Neutron validates before anything else.
    private func typeProblem(_ collection: String, _ body: JSONValue) -> String? {
        let strings = ["name", "description", "network_id", "subnet_id", "cidr", "gateway_ip", "device_id", "device_owner",
                       "mac_address", "floating_network_id", "floating_ip_address", "fixed_ip_address", "security_group_id",
                       "direction", "ethertype", "remote_ip_prefix", "remote_group_id", "tenant_id", "project_id"]
        let bools = ["admin_state_up", "shared", "router:external", "port_security_enabled", "enable_dhcp", "stateful"]
        let lists = ["dns_nameservers", "allocation_pools", "fixed_ips", "security_groups", "allowed_address_pairs", "tags"]
        for m in body.objectValue ?? [] {
            if m.value.isNull { continue }
            if strings.contains(m.key), m.value.stringValue == nil, !(m.key == "gateway_ip" && m.value.isNull) {
                return "Invalid input for \(m.key). Reason: '\(m.value.compactString)' is not a valid string."
            }
            if bools.contains(m.key), m.value.boolValue == nil {
                let s = m.value.stringValue?.lowercased()
                if s != "true" && s != "false" { return "Invalid input for \(m.key). Reason: '\(m.value.compactString)' cannot be converted to boolean." }
            }
            if lists.contains(m.key), m.value.arrayValue == nil {
                return "Invalid input for \(m.key). Reason: '\(m.value.compactString)' is not a list."
            }
        }
        return nil
    }

    private func update(_ req: SimRequest, collection: String, info: (table: String, key: String, quota: String), id: String) -> SimResponse {
        guard var obj = store.get(info.table, id) else { return notFound(collection, id) }
        let body: JSONValue
        switch wrapper(req, key: info.key) {
        case .failure(let r): return r
        case .success(let b): body = b
        }
        if let problem = typeProblem(collection, body) { return badRequest(problem) }
        let fixed: Set<String> = ["id", "tenant_id", "project_id", "network_id", "cidr", "ip_version", "floating_network_id",
                                  "floating_ip_address", "security_group_id", "created_at", "revision_number", "status", "subnets"]
        for m in body.objectValue ?? [] where fixed.contains(m.key) && obj[m.key] != m.value {
            return badRequest("Cannot update read-only attribute \(m.key)")
        }
        switch collection {
        case "ports":
            switch updatePort(&obj, body) {
            case .failure(let r): return r
            case .success: break
            }
        case "routers":
            if let r = updateRouter(&obj, body) { return r }
        case "floatingips":
            if body.has("port_id") {
                if let r = associate(&obj, portID: body.string("port_id"), fixedIP: body.string("fixed_ip_address")) { return r }
            }
            if let d = body["description"] { obj.set("description", d) }
        case "security-group-rules":
            return badRequest("Security group rules cannot be updated.")
        default:
            for m in body.objectValue ?? [] where !fixed.contains(m.key) { obj.set(m.key, m.value) }
        }
        touch(&obj)
        store.put(info.table, id, obj)
        return .json(200, .obj([(info.key, render(collection, obj))]))
    }

    func touch(_ obj: inout JSONValue) {
        obj.set("revision_number", .int((obj.int("revision_number") ?? 0) + 1))
        obj.set("updated_at", .string(Clock.iso(Clock.now())))
    }

    private func delete(collection: String, info: (table: String, key: String, quota: String), id: String) -> SimResponse {
        guard let obj = store.get(info.table, id) else { return notFound(collection, id) }
        switch collection {
        case "networks":
            let inUse = store.all("ports").contains { $0.string("network_id") == id && !($0.string("device_owner") ?? "").hasPrefix("network:dhcp") }
            if inUse {
                return APIError.neutron(409, "NetworkInUse", "Unable to complete operation on network \(id). There are one or more ports still in use on the network.")
            }
            for s in store.all("subnets") where s.string("network_id") == id { store.delete("subnets", s.string("id") ?? "") }
        case "subnets":
            if store.all("ports").contains(where: { port in (port.array("fixed_ips") ?? []).contains { $0.string("subnet_id") == id } }) {
                return APIError.neutron(409, "SubnetInUse", "Unable to complete operation on subnet \(id): One or more ports have an IP allocation from this subnet.")
            }
            if let netID = obj.string("network_id"), var net = store.get("networks", netID) {
                net.set("subnets", .strings((net.array("subnets") ?? []).compactMap(\.stringValue).filter { $0 != id }))
                store.put("networks", netID, net)
            }
        case "ports":
            let owner = obj.string("device_owner") ?? ""
            if owner == "network:router_interface" || owner == "network:router_gateway" || owner == "network:floatingip" {
                return APIError.neutron(409, "PortInUse", "Port \(id) cannot be deleted directly via the port API: has device owner \(owner).")
            }
            releasePort(id)
            return .empty(204)
        case "routers":
            if store.all("ports").contains(where: { $0.string("device_id") == id && $0.string("device_owner") == "network:router_interface" }) {
                return APIError.neutron(409, "RouterInUse", "Router \(id) still has ports")
            }
            if let gw = obj.string("__gateway_port") { store.delete("ports", gw) }
        case "floatingips":
            if let p = obj.string("__port") { store.delete("ports", p) }
        case "security-groups":
            if obj.string("name") == "default" {
                return APIError.neutron(409, "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.")
            }
            if store.all("ports").contains(where: { ($0.array("security_groups") ?? []).contains(.string(id)) }) {
                return APIError.neutron(409, "SecurityGroupInUse", "Security Group \(id) in use.")
            }
            for r in store.all("security_group_rules") where r.string("security_group_id") == id {
                store.delete("security_group_rules", r.string("id") ?? "")
            }
        default:
            break
        }
        store.delete(info.table, id)
        return .empty(204)
    }

    /// Removes a port and undoes what pointed at it (floating IP associations).
    func releasePort(_ id: String) {
        for var fip in store.all("floatingips") where fip.string("port_id") == id {
            fip.set("port_id", .null); fip.set("fixed_ip_address", .null); fip.set("router_id", .null); fip.set("status", .string("DOWN"))
            touch(&fip)
            store.put("floatingips", fip.string("id") ?? "", fip)
        }
        store.delete("ports", id)
    }

    // MARK: Tags, quotas, extensions

    private func tags(_ req: SimRequest, collection: String, info: (table: String, key: String, quota: String), id: String, tag: String?) -> SimResponse {
        guard var obj = store.get(info.table, id) else { return notFound(collection, id) }
        var current = obj.array("tags")?.compactMap(\.stringValue) ?? []
        switch (req.method, tag) {
        case ("GET", nil):
            return .json(200, .obj([("tags", .strings(current))]))
        case ("PUT", nil):
            guard case .success(let body) = req.jsonBody(), let list = body.array("tags") else { return badRequest("Invalid tags body") }
            guard list.allSatisfy({ $0.stringValue != nil }) else { return badRequest("Invalid input for tags. Reason: tags must be strings.") }
            current = list.compactMap(\.stringValue)
        case ("DELETE", nil):
            current = []
        case ("GET", let t?):
            return current.contains(t) ? .empty(204) : APIError.neutron(404, "TagNotFound", "Tag \(t) could not be found for \(info.key) \(id).")
        case ("PUT", let t?):
            if !current.contains(t) { current.append(t) }
            obj.set("tags", .strings(current)); touch(&obj); store.put(info.table, id, obj)
            return .empty(201)
        case ("DELETE", let t?):
            guard current.contains(t) else { return APIError.neutron(404, "TagNotFound", "Tag \(t) could not be found for \(info.key) \(id).") }
            current.removeAll { $0 == t }
        default:
            return APIError.neutron(405, "HTTPMethodNotAllowed", "The method is not allowed for the requested URL.")
        }
        obj.set("tags", .strings(current)); touch(&obj); store.put(info.table, id, obj)
        return req.method == "DELETE" ? .empty(204) : .json(200, .obj([("tags", .strings(current))]))
    }

    static let quotaNames: [(name: String, table: String)] = [
        ("network", "networks"), ("subnet", "subnets"), ("port", "ports"), ("router", "routers"), ("floatingip", "floatingips"),
        ("security_group", "security_groups"), ("security_group_rule", "security_group_rules"),
    ]

    private func quotas(_ req: SimRequest, _ path: [String], _ project: String) -> SimResponse {
        switch (req.method, path.count) {
        case ("GET", 0):
            return .json(200, .obj([("quotas", .array([quotaBody(project)]))]))
        case ("GET", 1), ("GET", 2) where path.count == 1 || path[1] == "default":
            return .json(200, .obj([("quota", quotaBody(nil))]))
        case ("GET", 2) where path[1] == "details":
            return .json(200, .obj([("quota", .obj(Network.quotaNames.map { q in
                (q.name, .obj([("used", .int(store[q.table].count)), ("limit", .int(quotaLimit(q.name))), ("reserved", .int(0))]))
            }))]))
        case ("PUT", 1):
            guard case .success(let body) = req.jsonBody(), let q = body["quota"], q.isObject else { return badRequest("Unable to find 'quota' in request body") }
            var stored = store.settings["neutron_quota"] ?? .emptyObject
            for m in q.objectValue ?? [] {
                guard Network.quotaNames.contains(where: { $0.name == m.key }) else { return badRequest("Unrecognized attribute(s) '\(m.key)'") }
                guard let v = m.value.intValue ?? m.value.stringValue.flatMap(Int.init), v >= -1 else {
                    return badRequest("Invalid input for \(m.key). Reason: '\(m.value.compactString)' is not an integer.")
                }
                stored.set(m.key, .int(v))
            }
            store.settings.set("neutron_quota", stored)
            store.markDirty()
            return .json(200, .obj([("quota", quotaBody(nil))]))
        case ("DELETE", 1):
            store.settings.remove("neutron_quota")
            store.markDirty()
            return .empty(204)
        default:
            return APIError.neutron(405, "HTTPMethodNotAllowed", "The method is not allowed for the requested URL.")
        }
    }

    private func quotaBody(_ project: String?) -> JSONValue {
        var pairs = Network.quotaNames.map { ($0.name, JSONValue.int(quotaLimit($0.name))) }
        if let project { pairs.append(("project_id", .string(project))); pairs.append(("tenant_id", .string(project))) }
        return .obj(pairs)
    }

    private func extensions(_ req: SimRequest, _ path: [String]) -> SimResponse {
        let aliases = ["router", "external-net", "security-group", "quotas", "quota_details", "standard-attr-tag", "tag-ext",
                       "allowed-address-pairs", "extra_dhcp_opt", "binding", "port-security", "standard-attr-revisions",
                       "standard-attr-timestamp", "standard-attr-description", "project-id", "ext-gw-mode", "extraroute",
                       "availability_zone", "network_availability_zone", "router_availability_zone", "net-mtu", "fip-port-details",
                       "stateful-security-group"]
        let items = aliases.map { a in
            JSONValue.obj([("alias", .string(a)), ("name", .string(a)), ("description", .string("")),
                           ("updated", .string("2020-01-01T00:00:00-00:00")), ("links", .emptyArray)])
        }
        if let alias = path.first {
            guard let item = items.first(where: { $0.string("alias") == alias }) else {
                return APIError.neutron(404, "HTTPNotFound", "Extension with alias \(alias) does not exist")
            }
            return .json(200, .obj([("extension", item)]))
        }
        return .json(200, .obj([("extensions", .array(items))]))
    }
}
