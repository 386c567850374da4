import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HTTPTypes
import JSON
import Logging
import NIOCore
import ServiceLifecycle

/// A running simulator: start it (in a test or from `radiant-sim serve`), read its endpoints, stop it.
///
///     let sim = try await RadiantSimulator.start(port: 0, stateDir: dir)
///     defer { Task { await sim.stop() } }
///     // sim.authURL, sim.rancherURL, sim.credentials ...
public final class RadiantSimulator: @unchecked Sendable {
    let core: Simulator
    private let group: ServiceGroup
    private let task: Task<Void, Error>
    public let port: Int
    /// The generated certificates when serving TLS.
    public let tls: SimTLSFiles?
    /// The CA certificate clients should trust (TLS only).
    public var caCertificatePath: String? { tls?.caCertificatePath }

    public var baseURL: String { core.baseURL }
    public var authURL: String { core.baseURL + "/identity/v3" }
    public var rancherURL: String { core.baseURL }
    public var credentials: SimCredentials { SimCredentials(core) }

    private init(core: Simulator, group: ServiceGroup, task: Task<Void, Error>, port: Int, tls: SimTLSFiles?) {
        self.tls = tls
        self.core = core
        self.group = group
        self.task = task
        self.port = port
    }

    public static func start(port: Int = 0, stateDir: String? = nil) async throws -> RadiantSimulator {
        var options = SimOptions()
        options.port = port
        options.stateDir = stateDir
        return try await start(options: options)
    }

    public static func start(options: SimOptions) async throws -> RadiantSimulator {
        let core = try Simulator(options: options)
        let bound = BoundPort()
        var logger = Logger(label: "radiant-sim")
        logger.logLevel = .critical
        let responder = SimResponder(sim: core)
        var tls: SimTLSFiles?
        var server = HTTPServerBuilder.http1()
        if options.tls {
            let dir = options.stateDir.map { $0 + "/tls" }
                ?? NSTemporaryDirectory() + "radiant-sim-tls-" + UUID().uuidString
            let files = try SimTLSFiles.prepare(in: dir)
            server = try .tls(.http1(), tlsConfiguration: try files.serverConfiguration())
            tls = files
        }
        core.caCertificatePath = tls?.caCertificatePath
        let app = Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "radiant-sim"),
            onServerRunning: { channel in await bound.set(channel.localAddress?.port ?? -1) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        let port = try await bound.wait(task: task)
        let scheme = tls == nil ? "http" : "https"
        core.baseURL = options.host.contains(":") ? "\(scheme)://[\(options.host)]:\(port)" : "\(scheme)://\(options.host):\(port)"
        if let dir = options.stateDir {
            try SimCredentials(core).writeFiles(into: dir)
        }
        return RadiantSimulator(core: core, group: group, task: task, port: port, tls: tls)
    }

    /// Replaces the fault plan (same JSON as `PUT /_sim/faults`); returns a problem description or nil.
    public func setFaults(_ plan: JSONValue) -> String? { core.faults.configure(plan) }

    /// Stops accepting connections and waits for requests in flight; after 5 s the server is cancelled
    /// outright, so a client that keeps a connection open cannot hold a test (or CI) hostage.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let server = task
        let finished = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask { _ = try? await server.value; return true }
            group.addTask { try? await Task.sleep(nanoseconds: 5_000_000_000); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished {
            server.cancel()
            _ = try? await server.value
        }
        core.log?.close()
    }

    /// Runs until the process is told to stop (SIGINT/SIGTERM).
    public func waitUntilStopped() async {
        _ = try? await task.value
    }
}

/// The port the listener got, handed from Hummingbird's callback to `start`.
private actor BoundPort {
    private var port: Int?

    func set(_ p: Int) { port = p }

    func wait(task: Task<Void, Error>) async throws -> Int {
        for _ in 0..<1000 {
            if let port {
                guard port > 0 else { throw SimStartError(message: "the listener has no port") }
                return port
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        task.cancel()
        throw SimStartError(message: "the HTTP listener did not start within 10 s (is the address in use?)")
    }
}

public struct SimStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

struct DroppedConnection: Error {}

/// Adapts Hummingbird's request/response types to the simulator's own.
struct SimResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let sim: Simulator

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // Read one byte past the limit, so a body that is too large is seen as such and answered with 413.
        let limit = sim.options.maxBodyBytes + 1
        let body: [UInt8]
        do {
            var buffer = try await request.collectBody(upTo: limit)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            body = [UInt8](repeating: 0, count: limit)
        }
        let simRequest = SimRequest(method: request.method.rawValue, target: request.uri.string, headers: headers, body: body)
        let r = await sim.respond(simRequest)
        if r.dropConnection {
            // Throwing from the body writer makes the server close the connection mid-response.
            return Response(status: .ok, headers: [:], body: ResponseBody { _ in throw DroppedConnection() })
        }
        var fields = HTTPFields()
        for (name, value) in r.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        let buffer = ByteBuffer(bytes: r.body)
        return Response(status: .init(code: r.status), headers: fields, body: simRequest.method == "HEAD" ? ResponseBody() : .init(byteBuffer: buffer))
    }
}
