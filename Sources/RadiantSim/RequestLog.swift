import Foundation
import JSON

/// Appends one line per request to `requests.log`. Bodies are logged with every secret replaced,
/// and headers (which carry tokens) are never logged.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?

    init(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = FileHandle(forWritingAtPath: path)
        handle?.seekToEndOfFile()
    }

    static let secretKeys: Set<String> = [
        "password", "secret", "token", "adminpass", "admin_pass", "private_key", "user_data", "value", "data",
        "stringdata", "kubeconfig", "config", "nodecommand", "insecurenodecommand", "command", "insecurecommand",
        "windowsnodecommand", "token_key", "access_key", "secret_key", "personality", "contents",
    ]

    static func redact(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let members):
            return .object(members.map { m in
                secretKeys.contains(m.key.lowercased()) && !m.value.isNull
                    ? JSONMember(key: m.key, value: .string("***"))
                    : JSONMember(key: m.key, value: redact(m.value))
            })
        case .array(let items):
            return .array(items.map(redact))
        default:
            return v
        }
    }

    /// The body as a log line fragment: redacted JSON, or only its size when it is not JSON.
    static func describeBody(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        guard let v = try? JSON.parse(body) else { return "<\(body.count) bytes>" }
        let text = JSONWriter(escapeHTML: false).string(redact(v))
        return text.count > 2000 ? String(text.prefix(2000)) + "..." : text
    }

    /// Query values named like secrets are hidden too.
    static func redactedPath(_ req: SimRequest) -> String {
        guard !req.query.isEmpty else { return req.rawPath }
        let q = req.query.map { k, v in secretKeys.contains(k.lowercased()) ? "\(k)=***" : "\(k)=\(v)" }
        return req.rawPath + "?" + q.joined(separator: "&")
    }

    func record(_ req: SimRequest, status: Int, seconds: Double, note: String = "") {
        guard let handle else { return }
        var line = "\(Clock.isoMicro(Clock.now())) \(req.method) \(RequestLog.redactedPath(req)) \(status) \(Int(seconds * 1000))ms"
        if !note.isEmpty { line += " [\(note)]" }
        if req.method != "GET", req.method != "HEAD" {
            let b = RequestLog.describeBody(req.body)
            if !b.isEmpty { line += " " + b }
        }
        line += "\n"
        lock.lock()
        handle.write(Data(line.utf8))
        lock.unlock()
    }

    func close() {
        lock.lock()
        try? handle?.close()
        lock.unlock()
    }
}
