import Foundation
import HTTPClient
import JSON

/// The `http` backend as terraform implements it and GitLab serves it: GET and
/// POST (or `update_method`) on `address`, LOCK/UNLOCK (or the configured
/// methods) on `lock_address`/`unlock_address` with the lock info as body.
/// One workspace only.
public final class HTTPBackend: Backend {
    public struct Settings: Sendable {
        public var address = ""
        public var updateMethod = "POST"
        public var lockAddress = ""
        public var lockMethod = "LOCK"
        public var unlockAddress = ""
        public var unlockMethod = "UNLOCK"
        public var username = ""
        public var password = ""
        public var skipCertVerification = false
        public var retryMax = 2
        public var retryWaitMin: Double = 1
        public var retryWaitMax: Double = 30
        public var clientCACertificatePEM = ""
        public var clientCertificatePEM = ""
        public var clientPrivateKeyPEM = ""

        public init() {}

        /// Settings from the backend configuration, with `TF_HTTP_*` variables filling what it leaves unset.
        public static func from(config: [String: JSONValue], environment: [String: String]) -> Result<Settings, StateStoreError> {
            var s = Settings()
            func str(_ key: String, _ env: String) -> String? {
                if let v = config[key]?.stringValue, !v.isEmpty { return v }
                if let v = environment[env], !v.isEmpty { return v }
                return nil
            }
            func num(_ key: String, _ env: String) -> Double? {
                if let v = config[key]?.numberText { return Double(v) }
                if let v = environment[env], let d = Double(v) { return d }
                return nil
            }
            guard let address = str("address", "TF_HTTP_ADDRESS") else {
                return .failure(.failure("address argument is required"))
            }
            guard address.hasPrefix("http://") || address.hasPrefix("https://") else {
                return .failure(.failure("address must be a URL with http or https scheme"))
            }
            s.address = address
            s.updateMethod = str("update_method", "TF_HTTP_UPDATE_METHOD") ?? "POST"
            s.lockAddress = str("lock_address", "TF_HTTP_LOCK_ADDRESS") ?? ""
            s.unlockAddress = str("unlock_address", "TF_HTTP_UNLOCK_ADDRESS") ?? ""
            s.lockMethod = str("lock_method", "TF_HTTP_LOCK_METHOD") ?? "LOCK"
            s.unlockMethod = str("unlock_method", "TF_HTTP_UNLOCK_METHOD") ?? "UNLOCK"
            s.username = str("username", "TF_HTTP_USERNAME") ?? ""
            s.password = str("password", "TF_HTTP_PASSWORD") ?? ""
            s.skipCertVerification = config["skip_cert_verification"]?.boolValue ?? false
            s.retryMax = Int(num("retry_max", "TF_HTTP_RETRY_MAX") ?? 2)
            s.retryWaitMin = num("retry_wait_min", "TF_HTTP_RETRY_WAIT_MIN") ?? 1
            s.retryWaitMax = num("retry_wait_max", "TF_HTTP_RETRY_WAIT_MAX") ?? 30
            s.clientCACertificatePEM = str("client_ca_certificate_pem", "TF_HTTP_CLIENT_CA_CERTIFICATE_PEM") ?? ""
            s.clientCertificatePEM = str("client_certificate_pem", "TF_HTTP_CLIENT_CERTIFICATE_PEM") ?? ""
            s.clientPrivateKeyPEM = str("client_private_key_pem", "TF_HTTP_CLIENT_PRIVATE_KEY_PEM") ?? ""
            if s.clientCertificatePEM.isEmpty != s.clientPrivateKeyPEM.isEmpty {
                return .failure(.failure(s.clientCertificatePEM.isEmpty
                    ? "client_certificate_pem must be set when client_private_key_pem is set"
                    : "client_private_key_pem must be set when client_certificate_pem is set"))
            }
            return .success(s)
        }
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    public func workspaces() -> Result<[String], StateStoreError> { .success(["default"]) }

    public var supportsWorkspaces: Bool { false }

    public func stateStore(workspace: String) -> Result<StateStore, StateStoreError> {
        guard workspace == "default" else { return .failure(.failure("workspaces not supported")) }
        return .success(HTTPStateStore(settings: settings))
    }

    public func deleteWorkspace(_ name: String, force: Bool) -> Result<Void, StateStoreError> {
        .failure(.failure("workspaces not supported"))
    }
}

public final class HTTPStateStore: StateStore {
    let settings: HTTPBackend.Settings
    private var lockID: String?
    private var lockInfo: LockInfo?
    /// PEM material written to private temporary files for libcurl, removed on deinit.
    private var tls = TLSOptions()
    private var tempFiles: [String] = []

    init(settings: HTTPBackend.Settings) {
        self.settings = settings
        tls.skipVerification = settings.skipCertVerification
        tls.caFile = pemFile(settings.clientCACertificatePEM)
        tls.clientCertFile = pemFile(settings.clientCertificatePEM)
        tls.clientKeyFile = pemFile(settings.clientPrivateKeyPEM)
    }

    deinit {
        for f in tempFiles { unlink(f) }
    }

    private func pemFile(_ pem: String) -> String? {
        guard !pem.isEmpty else { return nil }
        var template = Array((NSTemporaryDirectory() + "/terraswift-pem-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let bytes = Array(pem.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, bytes.count) }
        close(fd)
        let path = String(cString: template)
        tempFiles.append(path)
        return path
    }

    public var locationDescription: String { settings.address }

    /// Sends with terraform's retry policy (go-retryablehttp): connection errors and
    /// 5xx responses are retried up to `retry_max` times with exponential backoff.
    func send(_ method: String, _ url: String, body: [UInt8]? = nil, contentType: String? = nil) -> Result<HTTPResponse, StateStoreError> {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        if !settings.username.isEmpty || !settings.password.isEmpty {
            request.basicAuth = (settings.username, settings.password)
        }
        request.tls = tls
        var attempt = 0
        while true {
            var retryable: Bool
            var outcome: Result<HTTPResponse, StateStoreError>
            do {
                let response = try HTTPClient.send(request)
                outcome = .success(response)
                retryable = response.status == 0 || (response.status >= 500 && response.status != 501)
            } catch let e as HTTPError {
                outcome = .failure(.failure("\(method) \(redacted(url)) giving up after \(attempt + 1) attempt(s): \(e.message)"))
                retryable = true
            } catch {
                outcome = .failure(.failure("\(error)"))
                retryable = false
            }
            if !retryable || attempt >= settings.retryMax { return outcome }
            let wait = min(settings.retryWaitMax, settings.retryWaitMin * pow(2, Double(attempt)))
            if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
            attempt += 1
        }
    }

    /// URLs are shown without credentials.
    private func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        if c.password != nil { c.password = "redacted" }
        return c.string ?? url
    }

    public func read() -> Result<StateFile?, StateStoreError> {
        let response: HTTPResponse
        switch send("GET", settings.address) {
        case .success(let r): response = r
        case .failure(let e): return .failure(e)
        }
        switch response.status {
        case 200: break
        case 204, 404: return .success(nil)
        case 401: return .failure(.failure("HTTP remote state endpoint requires auth"))
        case 403: return .failure(.failure("HTTP remote state endpoint invalid auth"))
        case 500: return .failure(.failure("HTTP remote state internal server error"))
        default: return .failure(.failure("Unexpected HTTP response code \(response.status)"))
        }
        switch StateFileReader.read(response.body) {
        case .noState: return .success(nil)
        case .state(let f): return .success(f)
        case .failed(let diags): return .failure(.unusable(diags))
        }
    }

    public func write(_ state: StateFile) -> Result<Void, StateStoreError> {
        var url = settings.address
        if let id = lockID, !settings.lockAddress.isEmpty {
            url += (url.contains("?") ? "&" : "?") + "ID=" + (id.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? id)
        }
        switch send(settings.updateMethod, url, body: StateFileWriter.bytes(state), contentType: "application/json") {
        case .success(let r):
            switch r.status {
            case 200, 201, 204: return .success(())
            default: return .failure(.failure("HTTP error: \(r.status)"))
            }
        case .failure(let e): return .failure(e)
        }
    }

    public func lock(_ info: LockInfo) -> Result<String, StateStoreError> {
        guard !settings.lockAddress.isEmpty else { return .success("") }
        if let held = lockID {
            return .failure(.lockConflict(message: "HTTP remote state already locked: ID=\(held)", info: lockInfo))
        }
        var info = info
        info.path = ""
        info.created = LockInfo.goTimeJSON(Date())
        let body = Array(info.json.compactString.utf8)
        switch send(settings.lockMethod, settings.lockAddress, body: body, contentType: "application/json") {
        case .failure(let e):
            return .failure(e)
        case .success(let r):
            switch r.status {
            case 200:
                lockID = info.id
                lockInfo = info
                return .success(info.id)
            case 401: return .failure(.failure("HTTP remote state endpoint requires auth"))
            case 403: return .failure(.failure("HTTP remote state endpoint invalid auth"))
            case 409, 423:
                // terraform names the holder's ID but prints its own request as the lock info.
                guard let holder = LockInfo.parse(r.body) else {
                    return .failure(.lockConflict(message: "HTTP remote state already locked, failed to unmarshal body", info: info))
                }
                return .failure(.lockConflict(message: "HTTP remote state already locked: ID=\(holder.id)", info: info))
            default:
                return .failure(.failure("Unexpected HTTP response code \(r.status)"))
            }
        }
    }

    public func unlock(_ id: String) -> Result<Void, StateStoreError> {
        guard !settings.unlockAddress.isEmpty else { return .success(()) }
        // Like terraform, the body is the lock info this client took; force-unlock from
        // another process sends none.
        let body = lockInfo.map { Array($0.json.compactString.utf8) }
        switch send(settings.unlockMethod, settings.unlockAddress, body: body, contentType: "application/json") {
        case .failure(let e):
            return .failure(e)
        case .success(let r):
            switch r.status {
            case 200:
                lockID = nil
                lockInfo = nil
                return .success(())
            default:
                return .failure(.failure("Unexpected HTTP response code \(r.status)"))
            }
        }
    }
}
