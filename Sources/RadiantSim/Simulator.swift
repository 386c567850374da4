import Foundation
import JSON

/// The simulated cloud: state, options, faults, and the dispatch of one request to the API that serves it.
final class Simulator: @unchecked Sendable {
    let options: SimOptions
    let store: StateStore
    let faults = FaultInjector()
    let log: RequestLog?
    /// `http://127.0.0.1:PORT`, known once the listener is bound.
    var baseURL = ""
    /// Set when serving TLS (the CA clients should trust).
    var caCertificatePath: String?
    /// When time-driven changes were last applied, and when expired tokens were last swept (both under the store lock).
    private var lastTick: Double = 0
    private var lastSweep: Double = 0

    init(options: SimOptions) throws {
        self.options = options
        store = StateStore(stateDir: options.stateDir)
        if let dir = options.stateDir {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            log = options.requestLog ? RequestLog(path: dir + "/requests.log") : nil
        } else {
            log = nil
        }
        try store.withLock {
            if try !store.load() {
                store.settings = Identity.seedSettings()
                Seed.populate(self)
                store.markDirty()
            }
            store.persistIfDirty()
        }
    }

    var tokenTTL: Double { faults.tokenTTLOverride ?? options.tokenTTL }
    var buildDelay: Double { faults.buildDelayOverride ?? options.buildDelay }
    var identity: Identity { Identity(sim: self) }
    var projectID: String { identity.projectID }

    /// The service a path belongs to, as fault rules name it.
    static func service(of req: SimRequest) -> String {
        switch req.segments.first ?? "" {
        case "identity": return "identity"
        case "compute": return "compute"
        case "network": return "network"
        case "image": return "image"
        case "volume": return "volume"
        case "v3", "v1", "ping", "v3-public": return "rancher"
        case "k8s": return req.segments.count > 3 && req.segments[3] == "v1" ? "rancher" : "kubernetes"
        case "_sim": return "admin"
        default: return "web"
        }
    }

    func respond(_ req: SimRequest) async -> SimResponse {
        let started = Clock.now()
        let service = Simulator.service(of: req)
        var decision = FaultDecision()
        if service != "admin" && service != "web" {
            decision = faults.decide(service: service, req)
        }
        if decision.latency > 0 {
            try? await Task.sleep(nanoseconds: UInt64(decision.latency * 1_000_000_000))
        }
        let response: SimResponse
        if let injected = decision.response {
            response = injected
        } else if req.body.count > options.maxBodyBytes {
            response = Simulator.tooLarge(service: service)
        } else {
            response = store.withLock {
                tick(now: Clock.now())
                let r = route(req, service: service)
                store.persistIfDirty()
                return r
            }
        }
        log?.record(req, status: response.status, seconds: Clock.now() - started,
                    note: decision.response != nil ? (response.dropConnection ? "fault: dropped" : "fault") : "")
        return response
    }

    static func tooLarge(service: String) -> SimResponse {
        switch service {
        case "network": return APIError.neutron(413, "HTTPRequestEntityTooLarge", "Request entity too large")
        case "identity": return APIError.keystone(413, "Request Entity Too Large", "Request is too large.")
        case "image": return APIError.glance(413, "Request is too large.")
        case "rancher": return APIError.rancher(413, "RequestEntityTooLarge", "request body too large")
        case "kubernetes": return APIError.kube(413, "RequestEntityTooLarge", "the request is too large")
        default: return APIError.nova(413, "Request is too large.")
        }
    }

    /// Time-driven changes (BUILD -> ACTIVE, deletions finishing, clusters turning active) happen lazily,
    /// just before a request is answered, so every client sees a consistent moment.
    func tick(now: Double) {
        // Transitions need tens of milliseconds of resolution, not one pass per request under load.
        guard now - lastTick >= 0.02 else { return }
        lastTick = now
        Compute(sim: self).tick(now: now)
        VolumeService(sim: self).tick(now: now)
        Rancher(sim: self).tick(now: now)
        if now - lastSweep >= 60 {
            lastSweep = now
            identity.sweep(now: now)
        }
    }

    private func route(_ req: SimRequest, service: String) -> SimResponse {
        let rest = req.segments.dropFirst()
        switch service {
        case "identity":
            return identity.handle(req, rest)
        case "compute", "network", "image", "volume":
            // Version discovery documents are public; everything else needs a token.
            if let discovery = Discovery(sim: self).document(service: service, req) { return discovery }
            guard let auth = identity.authenticate(req) else { return APIError.unauthorized() }
            switch service {
            case "compute": return Compute(sim: self).handle(req, rest, auth)
            case "network": return Network(sim: self).handle(req, rest, auth)
            case "image": return ImageService(sim: self).handle(req, rest, auth)
            default: return VolumeService(sim: self).handle(req, rest, auth)
            }
        case "rancher", "kubernetes":
            return Rancher(sim: self).handle(req)
        case "admin":
            return admin(req)
        default:
            return WebPage(sim: self).handle(req)
        }
    }

    private func admin(_ req: SimRequest) -> SimResponse {
        let p = Array(req.segments.dropFirst())
        switch (req.method, p) {
        case ("GET", ["faults"]):
            return .json(200, faults.plan)
        case ("PUT", ["faults"]), ("POST", ["faults"]):
            guard case .success(let plan) = req.jsonBody() else { return .json(400, .obj([("error", .string("body must be JSON"))])) }
            if let problem = faults.configure(plan) { return .json(400, .obj([("error", .string(problem))])) }
            return .json(200, faults.plan)
        case ("DELETE", ["faults"]):
            faults.clear()
            return .empty(204)
        case ("GET", ["summary"]):
            return .json(200, WebPage(sim: self).summary())
        default:
            return .json(404, .obj([("error", .string("not found"))]))
        }
    }
}
