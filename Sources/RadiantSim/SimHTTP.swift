import JSON

/// A request as the simulator's handlers see it, independent of the HTTP server library.
public struct SimRequest: Sendable {
    public var method: String
    /// Percent-decoded path segments, e.g. ["compute", "v2.1", "servers"].
    public var segments: [String]
    public var rawPath: String
    /// Query parameters in order; repeated keys kept.
    public var query: [(String, String)]
    /// Lower-cased header names.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = String(parts.first ?? "/")
        segments = rawPath.split(separator: "/", omittingEmptySubsequences: true).map { SimRequest.percentDecode(String($0)) }
        query = parts.count > 1 ? SimRequest.parseQuery(String(parts[1])) : []
        var lower: [String: String] = [:]
        for (k, v) in headers { lower[k.lowercased()] = v }
        self.headers = lower
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    func queryValue(_ key: String) -> String? { query.first { $0.0 == key }?.1 }
    func queryValues(_ key: String) -> [String] { query.filter { $0.0 == key }.map(\.1) }

    /// The body parsed as JSON, or the API's "malformed" message.
    func jsonBody() -> Result<JSONValue, BodyProblem> {
        if body.isEmpty { return .failure(.empty) }
        do { return .success(try JSON.parse(body)) } catch { return .failure(.malformed("\(error)")) }
    }

    enum BodyProblem: Error {
        case empty
        case malformed(String)
        var message: String {
            switch self {
            case .empty: return "The request body is empty."
            case .malformed(let m): return "Malformed request body: \(m)"
            }
        }
    }

    static func percentDecode(_ s: String) -> String {
        guard s.contains("%") || s.contains("+") else { return s }
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func parseQuery(_ q: String) -> [(String, String)] {
        q.split(separator: "&").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = kv.first, !k.isEmpty else { return nil }
            let key = percentDecode(String(k).replacingOccurrences(of: "+", with: " "))
            let value = kv.count > 1 ? percentDecode(String(kv[1]).replacingOccurrences(of: "+", with: " ")) : ""
            return (key, value)
        }
    }
}

public struct SimResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Close the connection without a complete response (fault injection).
    public var dropConnection = false

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "application/json")] + headers,
                    body: JSONWriter(escapeHTML: false).bytes(value))
    }

    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8") -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    static func empty(_ status: Int) -> SimResponse { SimResponse(status: status) }

    func header(_ name: String) -> String? {
        headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// The error body each API family really returns.
enum APIError {
    static func keystone(_ status: Int, _ title: String, _ message: String) -> SimResponse {
        .json(status, .obj([("error", .obj([("code", .int(status)), ("title", .string(title)), ("message", .string(message))]))]))
    }

    static func unauthorized() -> SimResponse {
        var r = keystone(401, "Unauthorized", "The request you have made requires authentication.")
        r.headers.append(("WWW-Authenticate", "Keystone uri=\"/identity\""))
        return r
    }

    /// Nova and Cinder: `{"itemNotFound": {"code": 404, "message": ...}}`.
    static func nova(_ status: Int, _ message: String) -> SimResponse {
        let key: String
        switch status {
        case 400: key = "badRequest"
        case 403: key = "forbidden"
        case 404: key = "itemNotFound"
        case 405: key = "HTTPMethodNotAllowed"
        case 409: key = "conflictingRequest"
        case 413: key = "overLimit"
        case 429: key = "overLimit"
        default: key = "computeFault"
        }
        return .json(status, .obj([(key, .obj([("code", .int(status)), ("message", .string(message))]))]))
    }

    static func neutron(_ status: Int, _ type: String, _ message: String) -> SimResponse {
        .json(status, .obj([("NeutronError", .obj([("type", .string(type)), ("message", .string(message)), ("detail", .string(""))]))]))
    }

    /// Glance answers errors as plain text pages in a JSON-less body; clients only read the status.
    static func glance(_ status: Int, _ message: String) -> SimResponse {
        let title: String
        switch status {
        case 400: title = "400 Bad Request"
        case 404: title = "404 Not Found"
        case 409: title = "409 Conflict"
        case 413: title = "413 Request Entity Too Large"
        default: title = "\(status) Error"
        }
        return .text(status, "<html>\n <head>\n  <title>\(title)</title>\n </head>\n <body>\n  <h1>\(title)</h1>\n  \(message)<br /><br />\n\n\n\n </body>\n</html>", contentType: "text/html; charset=UTF-8")
    }

    static func rancher(_ status: Int, _ code: String, _ message: String) -> SimResponse {
        .json(status, .obj([("type", .string("error")), ("status", .int(status)), ("code", .string(code)), ("message", .string(message))]))
    }

    /// Kubernetes `Status` object.
    static func kube(_ status: Int, _ reason: String, _ message: String, details: JSONValue = .emptyObject) -> SimResponse {
        .json(status, .obj([
            ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .emptyObject),
            ("status", .string("Failure")), ("message", .string(message)), ("reason", .string(reason)),
            ("details", details), ("code", .int(status)),
        ]))
    }
}
extension SimResponse: Error {}
