import Foundation
import JSON

/// Who a valid Keystone token belongs to.
struct AuthContext {
    var tokenID: String
    var userID: String
    var projectID: String?
}

/// Keystone v3: tokens (password, application credential, token methods), catalog, discovery.
struct Identity {
    let sim: Simulator
    var store: StateStore { sim.store }

    // MARK: Seed accounts

    var domain: JSONValue { .obj([("id", .string("default")), ("name", .string("Default"))]) }
    var project: JSONValue { store.settings["project"] ?? .null }
    var user: JSONValue { store.settings["user"] ?? .null }
    var projectID: String { project.string("id") ?? "" }

    static func seedSettings() -> JSONValue {
        let projectID = IDs.hex32()
        let userID = IDs.hex32()
        return .obj([
            ("project", .obj([("id", .string(projectID)), ("name", .string("demo")), ("domain_id", .string("default"))])),
            ("user", .obj([("id", .string(userID)), ("name", .string("demo")), ("domain_id", .string("default")),
                           ("password", .string(IDs.random(20)))])),
            ("application_credential", .obj([("id", .string(IDs.hex32())), ("name", .string("radiant-sim")),
                                             ("secret", .string(IDs.random(32))), ("user_id", .string(userID)),
                                             ("project_id", .string(projectID))])),
            ("rancher_token", .obj([("name", .string("token-" + IDs.random(5))), ("secret", .string(IDs.random(54))),
                                    ("user_id", .string("user-" + IDs.random(5)))])),
        ])
    }

    // MARK: Routing

    func handle(_ req: SimRequest, _ rest: ArraySlice<String>) -> SimResponse {
        let path = Array(rest)
        if path.isEmpty {
            return .json(300, .obj([("versions", .obj([("values", .array([versionDocument()]))]))]))
        }
        guard path[0] == "v3" else { return APIError.keystone(404, "Not Found", "The resource could not be found.") }
        let p = Array(path.dropFirst())
        switch (req.method, p) {
        case ("GET", []):
            return .json(200, .obj([("version", versionDocument())]))
        case ("POST", ["auth", "tokens"]):
            return issueToken(req)
        case ("GET", ["auth", "tokens"]), ("HEAD", ["auth", "tokens"]):
            return validateToken(req)
        case ("DELETE", ["auth", "tokens"]):
            guard authenticate(req) != nil else { return APIError.unauthorized() }
            guard let subject = req.header("x-subject-token"), store.get("tokens", subject) != nil else {
                return APIError.keystone(404, "Not Found", "Could not find token.")
            }
            store.delete("tokens", subject)
            return .empty(204)
        case ("GET", ["auth", "catalog"]):
            guard authenticate(req) != nil else { return APIError.unauthorized() }
            return .json(200, .obj([("catalog", catalog())]))
        case ("GET", ["auth", "projects"]), ("GET", ["projects"]):
            guard authenticate(req) != nil else { return APIError.unauthorized() }
            return .json(200, .obj([("projects", .array([projectView()]))]))
        case ("GET", _) where p.count == 2 && p[0] == "projects":
            guard authenticate(req) != nil else { return APIError.unauthorized() }
            guard p[1] == projectID else { return APIError.keystone(404, "Not Found", "Could not find project: \(p[1]).") }
            return .json(200, .obj([("project", projectView())]))
        case ("GET", _) where p.count == 2 && p[0] == "users":
            guard authenticate(req) != nil else { return APIError.unauthorized() }
            guard p[1] == user.string("id") else { return APIError.keystone(404, "Not Found", "Could not find user: \(p[1]).") }
            return .json(200, .obj([("user", userRef())]))
        default:
            return APIError.keystone(404, "Not Found", "The resource could not be found.")
        }
    }

    func versionDocument() -> JSONValue {
        .obj([
            ("id", .string("v3.14")), ("status", .string("stable")), ("updated", .string("2020-04-07T00:00:00Z")),
            ("links", .array([.obj([("rel", .string("self")), ("href", .string(sim.baseURL + "/identity/v3/"))])])),
            ("media-types", .array([.obj([("base", .string("application/json")),
                                          ("type", .string("application/vnd.openstack.identity-v3+json"))])])),
        ])
    }

    func projectView() -> JSONValue {
        .obj([("id", .string(projectID)), ("name", project["name"] ?? .null), ("domain_id", .string("default")),
              ("description", .string("")), ("enabled", .bool(true)), ("is_domain", .bool(false)), ("parent_id", .string("default")),
              ("tags", .emptyArray), ("links", .obj([("self", .string(sim.baseURL + "/identity/v3/projects/" + projectID))]))])
    }

    func userRef() -> JSONValue {
        .obj([("id", user["id"] ?? .null), ("name", user["name"] ?? .null), ("domain", domain), ("password_expires_at", .null)])
    }

    // MARK: Tokens

    private func unauthorized(_ message: String = "The request you have made requires authentication.") -> SimResponse {
        APIError.keystone(401, "Unauthorized", message)
    }

    private func domainMatches(_ d: JSONValue?) -> Bool {
        guard let d else { return true }
        if let id = d.string("id") { return id == "default" }
        if let name = d.string("name") { return name == "Default" }
        return false
    }

    private func issueToken(_ req: SimRequest) -> SimResponse {
        let body: JSONValue
        switch req.jsonBody() {
        case .success(let b): body = b
        case .failure(let p): return APIError.keystone(400, "Bad Request", p.message)
        }
        guard let identity = body["auth"]?["identity"], identity.isObject,
              let methods = identity["methods"]?.arrayValue?.compactMap(\.stringValue), !methods.isEmpty else {
            return APIError.keystone(400, "Bad Request", "Invalid input for field 'identity': 'methods' is a required property")
        }
        var projectScope: String?
        let method = methods[0]
        switch method {
        case "password":
            guard let u = identity["password"]?["user"], let pw = u.string("password") else {
                return APIError.keystone(400, "Bad Request", "Invalid input for field 'identity/password/user': 'password' is a required property")
            }
            let matchesUser = (u.string("id").map { $0 == user.string("id") } ?? false)
                || (u.string("name") == user.string("name") && domainMatches(u["domain"]))
            guard matchesUser, pw == user.string("password") else { return unauthorized() }
        case "application_credential":
            guard let ac = identity["application_credential"], let secret = ac.string("secret") else {
                return APIError.keystone(400, "Bad Request", "Invalid input for field 'identity/application_credential': 'secret' is a required property")
            }
            let cred = store.settings["application_credential"] ?? .null
            let matches = ac.string("id").map { $0 == cred.string("id") }
                ?? (ac.string("name") == cred.string("name")
                    && (ac["user"]?.string("id") == user.string("id") || ac["user"]?.string("name") == user.string("name")))
            guard matches, secret == cred.string("secret") else { return unauthorized() }
            if body["auth"]?["scope"] != nil {
                return unauthorized("Application credentials cannot request a scope.")
            }
            projectScope = cred.string("project_id")
        case "token":
            guard let old = identity["token"]?.string("id"), let t = store.get("tokens", old),
                  (t.double("expires") ?? 0) > Clock.now() else { return unauthorized() }
        default:
            return unauthorized("Attempted to authenticate with an unsupported method.")
        }
        if method != "application_credential", let scope = body["auth"]?["scope"] {
            if let p = scope["project"] {
                let ok = p.string("id").map { $0 == projectID }
                    ?? (p.string("name") == project.string("name") && domainMatches(p["domain"]))
                guard ok else { return unauthorized("The request you have made requires authentication.") }
                projectScope = projectID
            } else if scope["domain"] != nil || scope["system"] != nil {
                projectScope = nil
            }
        }
        let now = Clock.now()
        let token = "gAAAAA" + IDs.random(120, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let record = JSONValue.obj([
            ("id", .string(token)), ("user_id", user["id"] ?? .null), ("project_id", .str(projectScope)),
            ("methods", .strings([method])), ("issued", .number(String(now))),
            ("expires", .number(String(now + sim.tokenTTL))), ("audit_id", .string(IDs.random(22))),
        ])
        store.put("tokens", token, record)
        return .json(201, .obj([("token", tokenBody(record))]), headers: [("X-Subject-Token", token)])
    }

    private func tokenBody(_ t: JSONValue) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("methods", t["methods"] ?? .emptyArray), ("user", userRef()),
            ("audit_ids", .strings([t.string("audit_id") ?? ""])),
            ("issued_at", .string(Clock.isoMicro(t.double("issued") ?? 0))),
            ("expires_at", .string(Clock.isoMicro(t.double("expires") ?? 0))),
        ]
        if t.string("project_id") != nil {
            pairs.append(("project", .obj([("id", .string(projectID)), ("name", project["name"] ?? .null), ("domain", domain)])))
            pairs.append(("is_domain", .bool(false)))
            pairs.append(("roles", .array([
                .obj([("id", .string("51cc68287d524c759f47c811e6463340")), ("name", .string("member"))]),
                .obj([("id", .string("9fe2ff9ee4384b1894a90878d3e92bab")), ("name", .string("reader"))]),
            ])))
            pairs.append(("catalog", catalog()))
        }
        if t.string("methods") == nil, t["methods"]?.arrayValue?.first?.stringValue == "application_credential" {
            let cred = store.settings["application_credential"] ?? .null
            pairs.append(("application_credential", .obj([("id", cred["id"] ?? .null), ("name", cred["name"] ?? .null), ("restricted", .bool(true))])))
        }
        return .obj(pairs)
    }

    private func validateToken(_ req: SimRequest) -> SimResponse {
        guard authenticate(req) != nil else { return APIError.unauthorized() }
        guard let subject = req.header("x-subject-token"), let t = store.get("tokens", subject),
              (t.double("expires") ?? 0) > Clock.now() else {
            return APIError.keystone(404, "Not Found", "Could not find token.")
        }
        if req.method == "HEAD" { return .empty(200) }
        return .json(200, .obj([("token", tokenBody(t))]), headers: [("X-Subject-Token", subject)])
    }

    /// The caller's token when it is known and not expired.
    func authenticate(_ req: SimRequest) -> AuthContext? {
        guard let id = req.header("x-auth-token"), let t = store.get("tokens", id),
              (t.double("expires") ?? 0) > Clock.now() else { return nil }
        return AuthContext(tokenID: id, userID: t.string("user_id") ?? "", projectID: t.string("project_id"))
    }

    func catalog() -> JSONValue {
        let base = sim.baseURL
        let services: [(String, String, String)] = [
            ("identity", "keystone", base + "/identity"),
            ("compute", "nova", base + "/compute/v2.1"),
            ("network", "neutron", base + "/network"),
            ("image", "glance", base + "/image"),
            ("block-storage", "cinder", base + "/volume/v3/" + projectID),
            ("volumev3", "cinderv3", base + "/volume/v3/" + projectID),
        ]
        return .array(services.enumerated().map { i, s in
            .obj([
                ("id", .string(String(format: "%032x", i + 1))), ("type", .string(s.0)), ("name", .string(s.1)),
                ("endpoints", .array(["public", "internal"].enumerated().map { j, iface in
                    .obj([("id", .string(String(format: "%031x%x", i + 1, j))), ("interface", .string(iface)),
                          ("region", .string(sim.options.region)), ("region_id", .string(sim.options.region)), ("url", .string(s.2))])
                })),
            ])
        })
    }

    /// Drops tokens that expired more than an hour ago so a long run does not grow without bound.
    func sweep(now: Double) {
        for t in store.all("tokens") where (t.double("expires") ?? 0) < now - 3600 {
            if let id = t.string("id") { store.delete("tokens", id) }
        }
    }
}
