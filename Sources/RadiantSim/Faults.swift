import Foundation
import JSON

/// Failures a test asks the simulator to produce, per service and method.
struct FaultRule {
    var service = "*"
    var method = "*"
    /// Only requests whose path contains this text.
    var pathContains: String?
    var latency: Double = 0
    /// 429, 500, 503... (0 = no error, only latency or drop).
    var status = 0
    var retryAfter: Int?
    var drop = false
    /// Probability that a matching request is hit (1 = every one).
    var rate: Double = 1
    /// How many more times the rule may fire; nil = no limit.
    var remaining: Int?

    init?(_ v: JSONValue) {
        guard v.isObject else { return nil }
        service = v.string("service") ?? "*"
        method = (v.string("method") ?? "*").uppercased()
        pathContains = v.string("path")
        latency = (v.double("latency_ms") ?? 0) / 1000
        status = v.int("status") ?? 0
        retryAfter = v.int("retry_after")
        drop = v.bool("drop") ?? false
        rate = v.double("rate") ?? 1
        remaining = v.int("count")
    }

    func matches(service s: String, _ req: SimRequest) -> Bool {
        (service == "*" || service == s) && (method == "*" || method == req.method)
            && (pathContains.map { req.rawPath.contains($0) } ?? true)
    }

    var json: JSONValue {
        .obj([("service", .string(service)), ("method", .string(method)), ("path", .str(pathContains)),
              ("latency_ms", .number(String(Int(latency * 1000)))), ("status", .int(status)),
              ("retry_after", retryAfter.map { JSONValue.int($0) } ?? .null), ("drop", .bool(drop)),
              ("rate", .number(String(rate))), ("count", remaining.map { JSONValue.int($0) } ?? .null)])
    }
}

/// What the injector decided for one request.
struct FaultDecision {
    var latency: Double = 0
    var response: SimResponse?
}

/// Holds the current fault plan. Changed at run time through `PUT /_sim/faults` or at start from a file.
final class FaultInjector: @unchecked Sendable {
    private let lock = NSLock()
    private var rules: [FaultRule] = []
    /// Servers whose name contains one of these go to ERROR instead of ACTIVE.
    private(set) var errorServerNames: [String] = []
    private(set) var buildDelayOverride: Double?
    private(set) var tokenTTLOverride: Double?
    private var random = SystemRandomNumberGenerator()

    func configure(_ plan: JSONValue) -> String? {
        guard plan.isObject else { return "fault plan must be a JSON object" }
        var parsed: [FaultRule] = []
        for r in plan.array("rules") ?? [] {
            guard let rule = FaultRule(r) else { return "each rule must be a JSON object" }
            parsed.append(rule)
        }
        lock.lock()
        defer { lock.unlock() }
        rules = parsed
        errorServerNames = plan.array("error_server_names")?.compactMap(\.stringValue) ?? []
        buildDelayOverride = plan.double("build_delay")
        tokenTTLOverride = plan.double("token_ttl")
        return nil
    }

    func clear() { _ = configure(.emptyObject) }

    var plan: JSONValue {
        lock.lock()
        defer { lock.unlock() }
        return .obj([("rules", .array(rules.map(\.json))), ("error_server_names", .strings(errorServerNames)),
                     ("build_delay", buildDelayOverride.map { .number(String($0)) } ?? .null),
                     ("token_ttl", tokenTTLOverride.map { .number(String($0)) } ?? .null)])
    }

    func decide(service: String, _ req: SimRequest) -> FaultDecision {
        lock.lock()
        defer { lock.unlock() }
        var decision = FaultDecision()
        for i in rules.indices where rules[i].matches(service: service, req) {
            if let r = rules[i].remaining, r <= 0 { continue }
            if rules[i].rate < 1, Double(random.next() % 1_000_000) / 1_000_000 >= rules[i].rate { continue }
            if let r = rules[i].remaining { rules[i].remaining = r - 1 }
            decision.latency += rules[i].latency
            if rules[i].drop {
                var resp = SimResponse(status: 500)
                resp.dropConnection = true
                decision.response = resp
                return decision
            }
            if rules[i].status != 0 {
                decision.response = FaultInjector.errorResponse(service: service, status: rules[i].status, retryAfter: rules[i].retryAfter)
                return decision
            }
        }
        return decision
    }

    static func errorResponse(service: String, status: Int, retryAfter: Int?) -> SimResponse {
        let message: String
        switch status {
        case 429: message = "This request was rate-limited."
        case 503: message = "The server is currently unavailable. Please try again at a later time."
        default: message = "An unexpected error prevented the server from fulfilling your request."
        }
        var resp: SimResponse
        switch service {
        case "network": resp = APIError.neutron(status, status == 429 ? "OverLimit" : "HTTPInternalServerError", message)
        case "identity": resp = APIError.keystone(status, status == 503 ? "Service Unavailable" : "Internal Server Error", message)
        case "image": resp = APIError.glance(status, message)
        case "rancher": resp = APIError.rancher(status, status == 503 ? "ServiceUnavailable" : "ServerError", message)
        case "kubernetes": resp = APIError.kube(status, status == 429 ? "TooManyRequests" : "InternalError", message)
        default: resp = APIError.nova(status, message)
        }
        if let retryAfter { resp.headers.append(("Retry-After", String(retryAfter))) }
        return resp
    }
}
