import TestSupport
import Foundation
import JSON

/// A GitLab-compatible Terraform state endpoint on 127.0.0.1 for tests:
/// GET/POST `/state`, LOCK/UNLOCK `/state/lock` (409 with the holder's lock info
/// when taken), optional basic auth, and switches to misbehave (HTML, 500s).
final class GitLabStateServer: @unchecked Sendable {
    private let lock = NSLock()
    private var server: LoopbackServer?
    private(set) var state: [UInt8]?
    private(set) var lockInfo: [UInt8]?
    private(set) var requests: [String] = []
    var credentials: (String, String)?
    /// Answer every request with an HTML error page.
    var serveHTML = false
    /// Fail this many requests with 502 before behaving.
    var failuresLeft = 0

    init() throws {
        server = try LoopbackServer { [unowned self] req in self.handle(req) }
    }

    var address: String { (server?.baseURL ?? "") + "/state" }
    var lockAddress: String { address + "/lock" }

    func stop() { server?.stop() }

    func setState(_ bytes: [UInt8]?) { lock.lock(); state = bytes; lock.unlock() }
    func setLock(_ bytes: [UInt8]?) { lock.lock(); lockInfo = bytes; lock.unlock() }
    var currentState: [UInt8]? { lock.lock(); defer { lock.unlock() }; return state }
    var currentLock: [UInt8]? { lock.lock(); defer { lock.unlock() }; return lockInfo }
    var log: [String] { lock.lock(); defer { lock.unlock() }; return requests }

    private func handle(_ r: LoopbackServer.Request) -> (Int, [(String, String)], [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        requests.append("\(r.method) \(r.path)")
        if failuresLeft > 0 {
            failuresLeft -= 1
            return (502, [], Array("bad gateway".utf8))
        }
        if serveHTML {
            return (200, [("Content-Type", "text/html")], Array("<html><body><h1>Sign in</h1></body></html>".utf8))
        }
        if let (user, password) = credentials {
            let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            guard r.headers.first(where: { $0.key.lowercased() == "authorization" })?.value == expected else {
                return (401, [], Array("{\"message\":\"401 Unauthorized\"}".utf8))
            }
        }
        let path = r.path.split(separator: "?").first.map(String.init) ?? r.path
        switch (r.method, path) {
        case ("GET", "/state"):
            guard let state else { return (204, [], []) }
            return (200, [("Content-Type", "application/json")], state)
        case ("POST", "/state"):
            if let held = lockInfo, let info = try? JSON.parse(held), let id = info["ID"]?.stringValue {
                guard r.path.contains("ID=\(id)") else { return (409, [("Content-Type", "application/json")], held) }
            }
            state = r.body
            return (200, [], [])
        case ("LOCK", "/state/lock"):
            if let held = lockInfo { return (409, [("Content-Type", "application/json")], held) }
            lockInfo = r.body
            return (200, [], [])
        case ("UNLOCK", "/state/lock"):
            // GitLab releases the lock whatever ID is sent (force-unlock sends none).
            lockInfo = nil
            return (200, [], [])
        default:
            return (405, [], [])
        }
    }
}
