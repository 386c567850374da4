import JSON

/// Version documents that clients (keystoneauth, gophercloud) fetch before using a service.
struct Discovery {
    let sim: Simulator

    func document(service: String, _ req: SimRequest) -> SimResponse? {
        guard req.method == "GET" || req.method == "HEAD" else { return nil }
        let rest = Array(req.segments.dropFirst())
        let base = sim.baseURL
        switch (service, rest) {
        case ("compute", []):
            return .json(200, .obj([("versions", .array([computeVersion(base)]))]))
        case ("compute", ["v2.1"]):
            return .json(200, .obj([("version", computeVersion(base))]))
        case ("network", []):
            return .json(200, .obj([("versions", .array([.obj([
                ("id", .string("v2.0")), ("status", .string("CURRENT")),
                ("links", .array([link("self", base + "/network/v2.0/")])),
            ])]))]))
        case ("network", ["v2.0"]):
            return .json(200, .obj([("resources", .array(["network", "subnet", "port", "router", "floatingip", "security-group", "security-group-rule", "quota"].map { r in
                .obj([("name", .string(r)), ("collection", .string(r == "quota" ? "quotas" : r + "s")),
                      ("links", .array([link("self", base + "/network/v2.0/" + (r == "quota" ? "quotas" : r + "s"))]))])
            }))]))
        case ("image", []), ("image", ["versions"]):
            return .json(200, .obj([("versions", .array(["v2.9", "v2.0"].enumerated().map { i, v in
                .obj([("id", .string(v)), ("status", .string(i == 0 ? "CURRENT" : "SUPPORTED")),
                      ("links", .array([link("self", base + "/image/v2/")]))])
            }))]))
        case ("volume", []):
            return .json(300, .obj([("versions", .array([volumeVersion(base)]))]))
        case ("volume", ["v3"]):
            return .json(200, .obj([("versions", .array([volumeVersion(base)]))]))
        default:
            return nil
        }
    }

    private func link(_ rel: String, _ href: String) -> JSONValue {
        .obj([("rel", .string(rel)), ("href", .string(href))])
    }

    static let computeMaxMicroversion = "2.79"
    static let volumeMaxMicroversion = "3.60"

    private func computeVersion(_ base: String) -> JSONValue {
        .obj([("id", .string("v2.1")), ("status", .string("CURRENT")), ("version", .string(Discovery.computeMaxMicroversion)),
              ("min_version", .string("2.1")), ("updated", .string("2013-07-23T11:33:21Z")),
              ("links", .array([link("self", base + "/compute/v2.1/")])),
              ("media-types", .array([.obj([("base", .string("application/json")),
                                            ("type", .string("application/vnd.openstack.compute+json;version=2.1"))])]))])
    }

    private func volumeVersion(_ base: String) -> JSONValue {
        .obj([("id", .string("v3.0")), ("status", .string("CURRENT")), ("version", .string(Discovery.volumeMaxMicroversion)),
              ("min_version", .string("3.0")), ("updated", .string("2023-03-01T00:00:00Z")),
              ("links", .array([link("self", base + "/volume/v3/")])),
              ("media-types", .array([.obj([("base", .string("application/json")),
                                            ("type", .string("application/vnd.openstack.volume+json;version=3"))])]))])
    }
}
