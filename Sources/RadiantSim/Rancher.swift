import Foundation
import JSON

/// Rancher: `/ping`, `/v3` (norman), `/v1` and `/k8s/clusters/ID/v1` (steve), and the Kubernetes proxy
/// `/k8s/clusters/ID/...`. Clusters are in `Rancher+Clusters.swift`, steve in `Rancher+Steve.swift`,
/// the Kubernetes API in `KubernetesAPI.swift`.
struct Rancher {
    let sim: Simulator
    var store: StateStore { sim.store }
    var base: String { sim.baseURL }

    // MARK: Auth

    /// The Rancher token in the request (Bearer `name:secret`, or Basic name/secret), if valid.
    func authenticate(_ req: SimRequest) -> String? {
        guard let header = req.header("authorization") else { return nil }
        var pair: String?
        if header.lowercased().hasPrefix("bearer ") {
            pair = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if header.lowercased().hasPrefix("basic "), let data = Data(base64Encoded: String(header.dropFirst(6))) {
            pair = String(decoding: data, as: UTF8.self)
        }
        guard let pair, let colon = pair.firstIndex(of: ":") else { return nil }
        let name = String(pair[..<colon]), secret = String(pair[pair.index(after: colon)...])
        let admin = store.settings["rancher_token"] ?? .null
        if name == admin.string("name") && secret == admin.string("secret") { return name }
        if let t = store.get("rancher_tokens", name), t.string("__secret") == secret, t.bool("enabled") != false { return name }
        return nil
    }

    func handle(_ req: SimRequest) -> SimResponse {
        let s = req.segments
        if s == ["ping"] { return .text(200, "pong") }
        guard authenticate(req) != nil else {
            if s.first == "k8s", s.count > 3, s[3] != "v1" {
                return APIError.kube(401, "Unauthorized", "Unauthorized")
            }
            return APIError.rancher(401, "Unauthorized", "must authenticate")
        }
        switch s.first {
        case "v3":
            return v3(req, Array(s.dropFirst()))
        case "v1":
            return steve(req, clusterID: "local", Array(s.dropFirst()), base: base + "/v1")
        case "k8s":
            guard s.count >= 3, s[1] == "clusters" else { return APIError.rancher(404, "NotFound", "not found") }
            let cid = s[2]
            guard cid == "local" || store.get("rancher_clusters", cid) != nil else {
                return APIError.rancher(404, "NotFound", "clusters.management.cattle.io \"\(cid)\" not found")
            }
            if s.count >= 4 && s[3] == "v1" {
                return steve(req, clusterID: cid, Array(s.dropFirst(4)), base: base + "/k8s/clusters/\(cid)/v1")
            }
            return KubernetesAPI(sim: sim, clusterID: cid).handle(req, Array(s.dropFirst(3)))
        default:
            return APIError.rancher(404, "NotFound", "not found")
        }
    }

    // MARK: Norman helpers

    func collection(_ type: String, _ items: [JSONValue], selfURL: String) -> JSONValue {
        .obj([("type", .string("collection")), ("resourceType", .string(type)), ("links", .obj([("self", .string(selfURL))])),
              ("createTypes", .obj([(type, .string(selfURL))])), ("actions", .emptyObject),
              ("pagination", .obj([("limit", .int(1000)), ("total", .int(items.count))])), ("sort", .null), ("filters", .emptyObject),
              ("data", .array(items))])
    }

    /// Adds the norman envelope (type, links, actions) to a stored object.
    func resource(_ obj: JSONValue, type: String, path: String, actions: [String] = [], links extra: [(String, String)] = []) -> JSONValue {
        let id = obj.string("id") ?? ""
        let selfURL = base + "/v3/\(path)/\(id)"
        var v = obj.publicView
        v.set("type", .string(type))
        v.set("baseType", .string(type))
        v.set("links", .obj([("self", .string(selfURL)), ("update", .string(selfURL)), ("remove", .string(selfURL))] + extra.map { ($0.0, .string($0.1)) }))
        v.set("actions", .obj(actions.map { ($0, .string(selfURL + "?action=" + $0)) }))
        return v
    }

    static func filter(_ items: [JSONValue], _ req: SimRequest) -> [JSONValue] {
        let ignored: Set<String> = ["limit", "marker", "sort", "order", "action", "link", "_replace"]
        return items.filter { item in
            for (k, v) in req.query where !ignored.contains(k) {
                guard let actual = item[k] else { continue }
                if actual.plainText != v { return false }
            }
            return true
        }
    }

    static let schemaIDs: [(id: String, plural: String, collection: String)] = [
        ("cluster", "clusters", "clusters"), ("clusterRegistrationToken", "clusterRegistrationTokens", "clusterregistrationtokens"),
        ("clusterRoleTemplateBinding", "clusterRoleTemplateBindings", "clusterroletemplatebindings"),
        ("roleTemplate", "roleTemplates", "roletemplates"), ("project", "projects", "projects"), ("node", "nodes", "nodes"),
        ("token", "tokens", "tokens"), ("setting", "settings", "settings"), ("user", "users", "users"),
        ("principal", "principals", "principals"),
    ]

    private func schema(_ s: (id: String, plural: String, collection: String)) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(s.id)), ("type", .string("schema")), ("pluralName", .string(s.plural)),
            ("links", .obj([("self", .string(base + "/v3/schemas/" + s.id)), ("collection", .string(base + "/v3/" + s.collection))])),
            ("collectionMethods", .strings(["GET", "POST"])),
            ("resourceMethods", .strings(s.id == "token" ? ["GET", "DELETE"] : ["GET", "PUT", "DELETE"])),
        ]
        if s.id == "cluster" {
            pairs.append(("resourceActions", .obj([("generateKubeconfig", .obj([("output", .string("generateKubeConfigOutput"))]))])))
        }
        return .obj(pairs)
    }

    private func v3(_ req: SimRequest, _ p: [String]) -> SimResponse {
        let schemasHeader = [("X-API-Schemas", base + "/v3/schemas")]
        guard let head = p.first?.lowercased() else {
            let links = Rancher.schemaIDs.map { ($0.collection, JSONValue.string(base + "/v3/" + $0.collection)) }
            return .json(200, .obj([("type", .string("apiRoot")), ("links", .obj([("self", .string(base + "/v3")), ("schemas", .string(base + "/v3/schemas"))] + links))]),
                         headers: schemasHeader)
        }
        let rest = Array(p.dropFirst())
        switch head {
        case "schemas":
            if let id = rest.first {
                guard let s = Rancher.schemaIDs.first(where: { $0.id.lowercased() == id.lowercased() }) else {
                    return APIError.rancher(404, "NotFound", "schemas \"\(id)\" not found")
                }
                return .json(200, schema(s), headers: schemasHeader)
            }
            return .json(200, collection("schema", Rancher.schemaIDs.map(schema), selfURL: base + "/v3/schemas"), headers: schemasHeader)
        case "settings":
            return settings(req, rest)
        case "clusters":
            return clusters(req, rest)
        case "clusterregistrationtokens":
            return registrationTokens(req, rest, clusterFilter: nil)
        case "clusterroletemplatebindings":
            return crtbs(req, rest)
        case "roletemplates":
            let templates = ["cluster-owner", "cluster-member", "project-owner", "project-member", "read-only"]
            let items = templates.map { t in
                resource(.obj([("id", .string(t)), ("name", .string(t)), ("context", .string(t.hasPrefix("project") ? "project" : "cluster")),
                               ("builtin", .bool(true)), ("state", .string("active"))]), type: "roleTemplate", path: "roleTemplates")
            }
            if let id = rest.first {
                guard let t = items.first(where: { $0.string("id") == id }) else {
                    return APIError.rancher(404, "NotFound", "roletemplates.management.cattle.io \"\(id)\" not found")
                }
                return .json(200, t)
            }
            return .json(200, collection("roleTemplate", Rancher.filter(items, req), selfURL: base + "/v3/roleTemplates"))
        case "projects":
            let items = store.all("rancher_projects").map { resource($0, type: "project", path: "projects") }
            if let id = rest.first {
                guard let pr = items.first(where: { $0.string("id") == id }) else {
                    return APIError.rancher(404, "NotFound", "projects.management.cattle.io \"\(id)\" not found")
                }
                return .json(200, pr)
            }
            return .json(200, collection("project", Rancher.filter(items, req), selfURL: base + req.rawPath))
        case "nodes":
            let items = store.all("rancher_clusters").flatMap { nodes(of: $0) }
            if let id = rest.first {
                guard let n = items.first(where: { $0.string("id") == id }) else { return APIError.rancher(404, "NotFound", "nodes \"\(id)\" not found") }
                return .json(200, n)
            }
            return .json(200, collection("node", Rancher.filter(items, req), selfURL: base + req.rawPath))
        case "tokens":
            return tokens(req, rest)
        case "users":
            let admin = store.settings["rancher_token"]?.string("user_id") ?? "user-admin"
            let user = resource(.obj([("id", .string(admin)), ("username", .string("admin")), ("name", .string("Default Admin")),
                                      ("enabled", .bool(true)), ("principalIds", .strings(["local://" + admin])), ("state", .string("active"))]),
                                type: "user", path: "users")
            if let id = rest.first, id != admin { return APIError.rancher(404, "NotFound", "users.management.cattle.io \"\(id)\" not found") }
            return rest.isEmpty ? .json(200, collection("user", [user], selfURL: base + "/v3/users")) : .json(200, user)
        case "principals":
            return principals(req, rest)
        default:
            return APIError.rancher(404, "NotFound", "not found")
        }
    }

    private func settings(_ req: SimRequest, _ rest: [String]) -> SimResponse {
        let values: [(String, String)] = [
            ("k8s-version", "v1.30.4+rke2r1"), ("server-version", "v2.9.3"), ("server-url", base),
            ("system-default-registry", ""), ("cacerts", ""), ("install-uuid", "6f1c7e1a-0000-4000-8000-00000000beef"),
        ]
        let items = values.map { k, v in
            resource(.obj([("id", .string(k)), ("name", .string(k)), ("value", .string(v)), ("default", .string(v)),
                           ("customized", .bool(false)), ("source", .string(""))]), type: "setting", path: "settings")
        }
        if let id = rest.first {
            guard let s = items.first(where: { $0.string("id") == id }) else {
                return APIError.rancher(404, "NotFound", "settings.management.cattle.io \"\(id)\" not found")
            }
            return .json(200, s)
        }
        return .json(200, collection("setting", items, selfURL: base + "/v3/settings"))
    }

    private func tokens(_ req: SimRequest, _ rest: [String]) -> SimResponse {
        let items = store.all("rancher_tokens").map { resource($0, type: "token", path: "tokens") }
        guard let id = rest.first else { return .json(200, collection("token", items, selfURL: base + "/v3/tokens")) }
        guard let t = items.first(where: { $0.string("id") == id }) else {
            return APIError.rancher(404, "NotFound", "tokens.management.cattle.io \"\(id)\" not found")
        }
        if req.method == "DELETE" {
            store.delete("rancher_tokens", id)
            return .json(200, t)
        }
        return .json(200, t)
    }

    private func principals(_ req: SimRequest, _ rest: [String]) -> SimResponse {
        func principal(_ id: String, _ name: String, _ type: String) -> JSONValue {
            .obj([("id", .string(id)), ("type", .string("principal")), ("name", .string(name)), ("loginName", .string(name)),
                  ("principalType", .string(type)), ("provider", .string(id.hasPrefix("local") ? "local" : "openldap")), ("me", .bool(false)),
                  ("links", .obj([("self", .string(base + "/v3/principals/" + id))]))])
        }
        let admin = store.settings["rancher_token"]?.string("user_id") ?? "user-admin"
        if req.queryValue("action") == "search" {
            guard case .success(let body) = req.jsonBody(), let name = body.string("name"), !name.isEmpty else {
                return APIError.rancher(422, "MissingRequired", "name is required")
            }
            let type = body.string("principalType") ?? "user"
            let id = type == "group" ? "openldap_group://cn=\(name),ou=Groups,dc=example,dc=org" : "openldap_user://uid=\(name),ou=People,dc=example,dc=org"
            return .json(200, collection("principal", [principal(id, name, type)], selfURL: base + "/v3/principals"))
        }
        if let id = rest.first {
            if id == "local://" + admin { return .json(200, principal(id, "admin", "user")) }
            if id.hasPrefix("openldap_") { return .json(200, principal(id, id.split(separator: "=").dropFirst().first.map { String($0.split(separator: ",")[0]) } ?? id, id.hasPrefix("openldap_group") ? "group" : "user")) }
            return APIError.rancher(404, "NotFound", "principal \"\(id)\" not found")
        }
        return .json(200, collection("principal", [principal("local://" + admin, "admin", "user")], selfURL: base + "/v3/principals"))
    }

    // MARK: Role bindings

    private func crtbs(_ req: SimRequest, _ rest: [String]) -> SimResponse {
        let table = "rancher_crtbs"
        let view = { (o: JSONValue) in self.resource(o, type: "clusterRoleTemplateBinding", path: "clusterroletemplatebindings") }
        if rest.isEmpty {
            switch req.method {
            case "GET":
                return .json(200, collection("clusterRoleTemplateBinding", Rancher.filter(store.all(table).map(view), req), selfURL: base + "/v3/clusterroletemplatebindings"))
            case "POST":
                guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
                guard let cid = body.string("clusterId"), !cid.isEmpty else { return APIError.rancher(422, "MissingRequired", "clusterId is required") }
                guard let name = body.string("name"), !name.isEmpty else { return APIError.rancher(422, "MissingRequired", "name is required") }
                guard let role = body.string("roleTemplateId"), !role.isEmpty else { return APIError.rancher(422, "MissingRequired", "roleTemplateId is required") }
                guard store.get("rancher_clusters", cid) != nil else { return APIError.rancher(422, "InvalidReference", "clusters.management.cattle.io \"\(cid)\" not found") }
                let subject = ["userId", "userPrincipalId", "groupId", "groupPrincipalId"].filter { !(body.string($0) ?? "").isEmpty }
                guard !subject.isEmpty else { return APIError.rancher(422, "MissingRequired", "a user or group subject is required") }
                let id = "\(cid):\(name)"
                if store.get(table, id) != nil { return APIError.rancher(409, "AlreadyExists", "clusterroletemplatebindings.management.cattle.io \"\(name)\" already exists") }
                var obj = JSONValue.obj([
                    ("id", .string(id)), ("name", .string(name)), ("namespaceId", .string(cid)), ("clusterId", .string(cid)),
                    ("roleTemplateId", .string(role)), ("userPrincipalId", .string(body.string("userPrincipalId") ?? "")),
                    ("userId", .string(body.string("userId") ?? (body.string("userPrincipalId").map { _ in "u-" + IDs.random(10) } ?? ""))),
                    ("groupId", .string(body.string("groupId") ?? "")), ("groupPrincipalId", .string(body.string("groupPrincipalId") ?? "")),
                    ("annotations", body["annotations"] ?? .emptyObject), ("labels", body["labels"] ?? .obj([("cattle.io/creator", .string("norman"))])),
                    ("created", .string(Clock.iso(Clock.now()))), ("uuid", .string(IDs.uuid())), ("state", .string("active")),
                ])
                if obj.string("userId") == "" { obj.set("userId", .string("")) }
                store.put(table, id, obj)
                return .json(201, view(obj))
            default:
                return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
            }
        }
        let id = rest[0]
        guard var obj = store.get(table, id) else {
            return APIError.rancher(404, "NotFound", "clusterroletemplatebindings.management.cattle.io \"\(id)\" not found")
        }
        switch req.method {
        case "GET": return .json(200, view(obj))
        case "PUT":
            guard case .success(let body) = req.jsonBody(), body.isObject else { return APIError.rancher(400, "InvalidBodyContent", "invalid JSON body") }
            for key in ["annotations", "labels"] { if let v = body[key] { obj.set(key, v) } }
            store.put(table, id, obj)
            return .json(200, view(obj))
        case "DELETE":
            store.delete(table, id)
            return .json(200, view(obj))
        default:
            return APIError.rancher(405, "MethodNotAllowed", "method not allowed")
        }
    }
}
