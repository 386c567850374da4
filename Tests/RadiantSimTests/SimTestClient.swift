import Foundation
import HTTPClient
import JSON
import RadiantSim

/// Talks to an in-process simulator the way an API client would, through the project's libcurl wrapper.
/// Each call runs on a thread of its own: libcurl blocks, and neither the cooperative pool (where the
/// in-process simulator answers) nor Dispatch's CPU-wide pool may be tied up waiting for it.
struct SimTestClient {
    let sim: RadiantSimulator
    var token: String?

    init(_ sim: RadiantSimulator) {
        self.sim = sim
    }

    static func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await offPool { try HTTPClient.send(request) }
    }

    func request(_ method: String, _ path: String, json: JSONValue? = nil, body: [UInt8]? = nil,
                 headers: [(String, String)] = []) async throws -> HTTPResponse {
        var h = headers
        if let token { h.append(("X-Auth-Token", token)) }
        var payload = body
        if let json {
            payload = JSONWriter().bytes(json)
            h.append(("Content-Type", "application/json"))
        }
        let url = path.hasPrefix("http") ? path : sim.baseURL + path
        return try await SimTestClient.send(HTTPRequest(method: method, url: url, headers: h, body: payload, timeout: 30))
    }

    /// A project-scoped token for the seeded user.
    mutating func login() async throws {
        let c = sim.credentials
        let r = try await request("POST", "/identity/v3/auth/tokens", json: SimTestClient.passwordAuth(user: c.username, password: c.password))
        token = r.header("X-Subject-Token")
    }

    static func passwordAuth(user: String, password: String) -> JSONValue {
        .object([
            "auth": .object([
                "identity": .object([
                    "methods": .array([.string("password")]),
                    "password": .object(["user": .object(["name": .string(user), "domain": .object(["name": .string("Default")]),
                                                          "password": .string(password)])]),
                ]),
                "scope": .object(["project": .object(["name": .string("demo"), "domain": .object(["name": .string("Default")])])]),
            ]),
        ])
    }

    /// Polls `path` until `done` holds for the parsed body, or gives up after `timeout` seconds.
    func waitFor(_ path: String, timeout: Double = 15, _ done: (JSONValue) -> Bool) async throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let r = try await request("GET", path)
            if r.status == 200, let v = try? JSON.parse(r.body), done(v) { return v }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return nil
    }
}

extension HTTPResponse {
    var json: JSONValue { (try? JSON.parse(body)) ?? .null }
}

/// A fresh temporary directory for one test's state.
func temporaryStateDir() -> String {
    let dir = NSTemporaryDirectory() + "radiant-sim-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Starts a simulator with short delays, runs `body`, and always stops it.
func withSimulator(_ configure: (inout SimOptions) -> Void = { _ in }, _ body: (RadiantSimulator) async throws -> Void) async throws {
    var options = SimOptions()
    options.stateDir = temporaryStateDir()
    options.buildDelay = 0.2
    options.deleteDelay = 0.1
    options.volumeDelay = 0.1
    configure(&options)
    let sim = try await RadiantSimulator.start(options: options)
    do {
        try await body(sim)
    } catch {
        await sim.stop()
        throw error
    }
    await sim.stop()
}

/// Runs blocking work (libcurl, waiting for a child process) on a thread of its own.
func offPool<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
