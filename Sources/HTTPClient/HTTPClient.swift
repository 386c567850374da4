import CCurl

#if canImport(Glibc)
import Glibc
#endif

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Whole-request timeout in seconds (0 = none).
    public var timeout: Double
    public var connectTimeout: Double
    public var basicAuth: (user: String, password: String)?
    public var tls: TLSOptions

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                timeout: Double = 60, connectTimeout: Double = 10) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.basicAuth = nil
        self.tls = TLSOptions()
    }
}

public struct TLSOptions: Sendable {
    public var skipVerification = false
    /// PEM file of certificate authorities to trust instead of the system ones.
    public var caFile: String?
    /// PEM client certificate and key for mutual TLS.
    public var clientCertFile: String?
    public var clientKeyFile: String?
    public init() {}
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased, in arrival order (repeated headers kept).
    public var headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last(where: { $0.0 == lower })?.1
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

public struct HTTPError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// True when the request may succeed if tried again (connection refused, timeout, reset).
    public var isTransient: Bool
    public var description: String { message }
}

/// HTTP through libcurl: the one door for every HTTP call the project makes.
/// Calls are synchronous; run them off the cooperative pool when concurrency matters.
public enum HTTPClient {
    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    public static func send(_ request: HTTPRequest) throws -> HTTPResponse {
        guard globalInit, let curl = curl_easy_init() else {
            throw HTTPError(message: "could not initialise libcurl", isTransient: false)
        }
        defer { curl_easy_cleanup(curl) }

        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }

        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // curl adds "Expect: 100-continue" to large uploads, which some servers mishandle.
        headerList = curl_slist_append(headerList, "Expect:")

        ts_curl_setopt_string(curl, CURLOPT_URL, request.url)
        ts_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        ts_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 1)
        ts_curl_setopt_long(curl, CURLOPT_MAXREDIRS, 10)
        ts_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000))
        ts_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))
        ts_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList)
        ts_curl_setopt_callback(curl, CURLOPT_WRITEFUNCTION, { ptr, size, count, user in
            guard let ptr, let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            let n = size * count
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
            }
            return n
        })
        ts_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
        ts_curl_setopt_callback(curl, CURLOPT_HEADERFUNCTION, { ptr, size, count, user in
            guard let ptr, let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            let n = size * count
            let line = ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
            }
            sink.headerLine(line)
            return n
        })
        ts_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, sinkPointer.toOpaque())

        let method = request.method.uppercased()
        switch method {
        case "GET":
            ts_curl_setopt_long(curl, CURLOPT_HTTPGET, 1)
        case "HEAD":
            ts_curl_setopt_long(curl, CURLOPT_NOBODY, 1)
        default:
            ts_curl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, method)
        }
        // The body buffer must outlive curl_easy_perform; COPYPOSTFIELDS makes curl own a copy.
        if let body = request.body {
            ts_curl_setopt_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                _ = ts_curl_setopt_pointer(curl, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        if let auth = request.basicAuth {
            ts_curl_setopt_long(curl, CURLOPT_HTTPAUTH, 1 /* CURLAUTH_BASIC, a macro Swift cannot import */)
            ts_curl_setopt_string(curl, CURLOPT_USERNAME, auth.user)
            ts_curl_setopt_string(curl, CURLOPT_PASSWORD, auth.password)
        }
        if request.tls.skipVerification {
            ts_curl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 0)
            ts_curl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let ca = request.tls.caFile { ts_curl_setopt_string(curl, CURLOPT_CAINFO, ca) }
        if let cert = request.tls.clientCertFile { ts_curl_setopt_string(curl, CURLOPT_SSLCERT, cert) }
        if let key = request.tls.clientKeyFile { ts_curl_setopt_string(curl, CURLOPT_SSLKEY, key) }

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = errorBuffer.withUnsafeMutableBufferPointer { buf -> CURLcode in
            ts_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, buf.baseAddress)
            let code = curl_easy_perform(curl)
            ts_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        if code != CURLE_OK {
            var detail = String(cString: errorBuffer)
            if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
            let transient = [CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
                             CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST].contains(code)
            throw HTTPError(message: "\(method) \(redactedURL(request.url)): \(detail)", isTransient: transient)
        }
        var status = 0
        ts_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// The URL without any user:password part, for messages.
    public static func redactedURL(_ url: String) -> String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        // ["https:", "", "user:pw@host", "path"]
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty, let at = parts[2].lastIndex(of: "@") else { return url }
        var result = parts[0] + "//REDACTED@" + parts[2][parts[2].index(after: at)...]
        if parts.count == 4 { result += "/" + parts[3] }
        return String(result)
    }
}

private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(String, String)] = []

    func headerLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: "\r\n")
        if trimmed.hasPrefix("HTTP/") {
            // A new response (after a redirect or 100-continue) replaces the previous headers.
            headers.removeAll()
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: " \t")
        headers.append((name, value))
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
