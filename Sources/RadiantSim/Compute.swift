import Foundation
import JSON

/// Nova (compute v2.1): flavors, key pairs, limits, availability zones, microversions.
/// Servers and their sub-resources are in `Compute+Servers.swift`.
struct Compute {
    let sim: Simulator
    var store: StateStore { sim.store }

    struct Microversion: Comparable {
        var major = 2, minor = 1
        static func < (a: Microversion, b: Microversion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
        var text: String { "\(major).\(minor)" }
        init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }
        init?(_ text: String) {
            let p = text.split(separator: ".")
            guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]) else { return nil }
            major = a; minor = b
        }
    }

    static let maxVersion = Microversion(Discovery.computeMaxMicroversion) ?? Microversion(2, 1)

    /// The requested microversion, or a 400/406 answer.
    func microversion(_ req: SimRequest) -> Result<Microversion, SimResponse> {
        var requested: String?
        if let h = req.header("openstack-api-version") {
            let parts = h.split(separator: " ")
            if parts.count == 2, parts[0].lowercased() == "compute" { requested = String(parts[1]) }
        }
        if requested == nil { requested = req.header("x-openstack-nova-api-version") }
        guard let text = requested?.trimmingCharacters(in: .whitespaces) else { return .success(Microversion(2, 1)) }
        if text.lowercased() == "latest" { return .success(Compute.maxVersion) }
        guard let v = Microversion(text) else {
            return .failure(APIError.nova(400, "API Version String \(text) is of invalid format. Must be of format MajorNum.MinorNum."))
        }
        guard v >= Microversion(2, 1), v <= Compute.maxVersion else {
            return .failure(APIError.nova(406, "Version \(text) is not supported by the API. Minimum is 2.1 and maximum is \(Compute.maxVersion.text)."))
        }
        return .success(v)
    }

    func handle(_ req: SimRequest, _ rest: ArraySlice<String>, _ auth: AuthContext) -> SimResponse {
        let mv: Microversion
        switch microversion(req) {
        case .failure(let r): return r
        case .success(let v): mv = v
        }
        var resp = route(req, Array(rest), auth, mv)
        resp.headers += [("OpenStack-API-Version", "compute \(mv.text)"), ("X-OpenStack-Nova-API-Version", mv.text),
                         ("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version")]
        return resp
    }

    private func route(_ req: SimRequest, _ p: [String], _ auth: AuthContext, _ mv: Microversion) -> SimResponse {
        guard p.first == "v2.1" else { return APIError.nova(404, "The resource could not be found.") }
        var path = Array(p.dropFirst())
        // Some clients put the project id after the version (legacy URLs).
        if path.first == (auth.projectID ?? sim.projectID) { path.removeFirst() }
        guard let head = path.first else { return APIError.nova(404, "The resource could not be found.") }
        let project = auth.projectID ?? sim.projectID
        switch head {
        case "servers": return servers(req, Array(path.dropFirst()), auth, project, mv)
        case "flavors": return flavors(req, Array(path.dropFirst()), mv)
        case "os-keypairs": return keypairs(req, Array(path.dropFirst()), auth, mv)
        case "limits": return limits()
        case "os-availability-zone":
            return .json(200, .obj([("availabilityZoneInfo", .array([.obj([("zoneName", .string("nova")),
                                                                          ("zoneState", .obj([("available", .bool(true))])), ("hosts", .null)])]))]))
        case "extensions":
            return .json(200, .obj([("extensions", .emptyArray)]))
        default:
            return APIError.nova(404, "The resource could not be found.")
        }
    }

    // MARK: Flavors

    func flavorView(_ f: JSONValue, detail: Bool, _ mv: Microversion) -> JSONValue {
        let id = f.string("id") ?? ""
        let links = JSONValue.array([
            .obj([("rel", .string("self")), ("href", .string(sim.baseURL + "/compute/v2.1/flavors/" + id))]),
            .obj([("rel", .string("bookmark")), ("href", .string(sim.baseURL + "/compute/flavors/" + id))]),
        ])
        var v: JSONValue = detail ? f.publicView : .obj([("id", .string(id)), ("name", f["name"] ?? .null)])
        if mv < Microversion(2, 55) { v.remove("description") } else if !v.has("description") { v.set("description", .null) }
        if detail, mv >= Microversion(2, 61) { v.set("extra_specs", f["__extra_specs"] ?? .emptyObject) }
        v.set("links", links)
        return v
    }

    private func flavors(_ req: SimRequest, _ p: [String], _ mv: Microversion) -> SimResponse {
        switch (req.method, p.count) {
        case ("GET", 0), ("GET", 1) where p.count == 0 || p[0] == "detail":
            let detail = p.first == "detail"
            var list = store.all("flavors")
            if let minRam = req.queryValue("minRam").flatMap(Int.init) { list = list.filter { ($0.int("ram") ?? 0) >= minRam } }
            if let minDisk = req.queryValue("minDisk").flatMap(Int.init) { list = list.filter { ($0.int("disk") ?? 0) >= minDisk } }
            return .json(200, .obj([("flavors", .array(list.map { flavorView($0, detail: detail, mv) }))]))
        case ("GET", 1):
            guard let f = store.get("flavors", p[0]) else { return APIError.nova(404, "Flavor \(p[0]) could not be found.") }
            return .json(200, .obj([("flavor", flavorView(f, detail: true, mv))]))
        case ("GET", 2) where p[1] == "os-extra_specs":
            guard let f = store.get("flavors", p[0]) else { return APIError.nova(404, "Flavor \(p[0]) could not be found.") }
            return .json(200, .obj([("extra_specs", f["__extra_specs"] ?? .emptyObject)]))
        case ("GET", 3) where p[1] == "os-extra_specs":
            guard let f = store.get("flavors", p[0]) else { return APIError.nova(404, "Flavor \(p[0]) could not be found.") }
            guard let v = f["__extra_specs"]?[p[2]] else { return APIError.nova(404, "Flavor \(p[0]) has no extra specs with key \(p[2]).") }
            return .json(200, .obj([(p[2], v)]))
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    // MARK: Key pairs

    private func keypairView(_ k: JSONValue, _ mv: Microversion, list: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("name", k["name"] ?? .null), ("public_key", k["public_key"] ?? .null),
                                            ("fingerprint", k["fingerprint"] ?? .null)]
        if mv >= Microversion(2, 2) { pairs.append(("type", k["type"] ?? .string("ssh"))) }
        if !list {
            pairs += [("user_id", k["user_id"] ?? .null), ("deleted", .bool(false)), ("created_at", k["created_at"] ?? .null),
                      ("updated_at", .null), ("deleted_at", .null), ("id", k["__num"] ?? .int(1))]
        }
        return .obj(pairs)
    }

    static func fingerprint(publicKey: String) -> String? {
        let parts = publicKey.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])), !blob.isEmpty else { return nil }
        return MD5.digest(Array(blob)).map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    private func keypairs(_ req: SimRequest, _ p: [String], _ auth: AuthContext, _ mv: Microversion) -> SimResponse {
        switch (req.method, p.count) {
        case ("GET", 0):
            return .json(200, .obj([("keypairs", .array(store.all("keypairs").map { .obj([("keypair", keypairView($0, mv, list: true))]) }))]))
        case ("GET", 1):
            guard let k = store.get("keypairs", p[0]) else { return APIError.nova(404, "Keypair \(p[0]) not found for user \(auth.userID)") }
            return .json(200, .obj([("keypair", keypairView(k, mv, list: false))]))
        case ("DELETE", 1):
            guard store.get("keypairs", p[0]) != nil else { return APIError.nova(404, "Keypair \(p[0]) not found for user \(auth.userID)") }
            store.delete("keypairs", p[0])
            return .empty(mv >= Microversion(2, 2) ? 204 : 202)
        case ("POST", 0):
            guard case .success(let body) = req.jsonBody() else { return APIError.nova(400, "Malformed request body") }
            guard let kp = body["keypair"], kp.isObject else {
                return APIError.nova(400, "Invalid input for field/attribute keypair. Value: None. 'keypair' is a required property")
            }
            guard let name = kp.string("name") else {
                return APIError.nova(400, "Invalid input for field/attribute name. Value: None. 'name' is a required property")
            }
            let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_. @"))
            guard !name.isEmpty, name.count <= 255, name.unicodeScalars.allSatisfy(safe.contains),
                  name.trimmingCharacters(in: .whitespaces) == name else {
                return APIError.nova(400, "Keypair data is invalid: Keypair name contains unsafe characters")
            }
            if store.get("keypairs", name) != nil { return APIError.nova(409, "Key pair '\(name)' already exists.") }
            if store["keypairs"].count >= sim.options.quotas.keyPairs { return APIError.nova(403, "Quota exceeded, too many key pairs.") }
            var publicKey = kp.string("public_key")
            var privateKey: String?
            if publicKey == nil {
                let blob: [UInt8] = [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 32] + (0..<32).map { _ in UInt8.random(in: 0...255) }
                publicKey = "ssh-ed25519 " + Data(blob).base64EncodedString() + " Generated-by-Nova"
                let body = Data((0..<180).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
                privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n"
            }
            guard let pk = publicKey, let fp = Compute.fingerprint(publicKey: pk) else {
                return APIError.nova(400, "Keypair data is invalid: failed to generate fingerprint")
            }
            let record = JSONValue.obj([("name", .string(name)), ("public_key", .string(pk)), ("fingerprint", .string(fp)),
                                        ("type", .string(kp.string("type") ?? "ssh")), ("user_id", .string(kp.string("user_id") ?? auth.userID)),
                                        ("created_at", .string(Clock.isoMicroNoZone(Clock.now()))), ("__num", .int(store["keypairs"].count + 1))])
            store.put("keypairs", name, record)
            var view = keypairView(record, mv, list: true)
            view.set("user_id", record["user_id"] ?? .null)
            if let privateKey { view.set("private_key", .string(privateKey)) }
            return .json(mv >= Microversion(2, 2) ? 201 : 200, .obj([("keypair", view)]))
        default:
            return APIError.nova(405, "The method is not allowed for the requested URL.")
        }
    }

    private func limits() -> SimResponse {
        let q = sim.options.quotas
        let live = liveServers()
        let cores = live.reduce(0) { $0 + (flavorOf($1)?.int("vcpus") ?? 0) }
        let ram = live.reduce(0) { $0 + (flavorOf($1)?.int("ram") ?? 0) }
        return .json(200, .obj([("limits", .obj([("rate", .emptyArray), ("absolute", .obj([
            ("maxTotalInstances", .int(q.instances)), ("maxTotalCores", .int(q.cores)), ("maxTotalRAMSize", .int(q.ram)),
            ("maxTotalKeypairs", .int(q.keyPairs)), ("maxServerMeta", .int(128)), ("maxImageMeta", .int(128)),
            ("maxPersonality", .int(5)), ("maxPersonalitySize", .int(10240)), ("maxServerGroups", .int(10)),
            ("maxServerGroupMembers", .int(10)), ("maxSecurityGroups", .int(sim.options.quotas.securityGroup)),
            ("maxSecurityGroupRules", .int(sim.options.quotas.securityGroupRule)),
            ("totalInstancesUsed", .int(live.count)), ("totalCoresUsed", .int(cores)), ("totalRAMUsed", .int(ram)),
            ("totalServerGroupsUsed", .int(0)), ("totalSecurityGroupsUsed", .int(0)), ("totalFloatingIpsUsed", .int(0)),
        ]))]))]))
    }

    func liveServers() -> [JSONValue] { store.all("servers").filter { !$0.has(SimKey.goneAt) } }
    func flavorOf(_ server: JSONValue) -> JSONValue? { server["flavor"]?.string("id").flatMap { store.get("flavors", $0) } }
}
