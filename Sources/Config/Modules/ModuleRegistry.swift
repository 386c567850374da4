import Foundation
import HTTPClient
import JSON

/// A client for the module registry protocol: service discovery, version
/// listing and the download location (`X-Terraform-Get`).
public struct ModuleRegistryClient: Sendable {
    public var environment: [String: String]
    public var timeout: Double = 30

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The registry answered that the module does not exist.
        public var notFound = false
    }

    /// Hosts to reach over plain HTTP instead of HTTPS — only for tests that run a
    /// registry on 127.0.0.1 without a certificate (`TERRASWIFT_PLAIN_HTTP_REGISTRIES=host:port,...`).
    var plainHTTPHosts: Set<String> {
        Set((environment["TERRASWIFT_PLAIN_HTTP_REGISTRIES"] ?? "").split(separator: ",").map { $0.lowercased().trimmingSpaces() })
    }

    /// The token for a host from `TF_TOKEN_<host>` (dots as `_`, dashes as `__`).
    public func token(for host: String) -> String? {
        let name = "TF_TOKEN_" + host.lowercased().replacingOccurrences(of: "-", with: "__").replacingOccurrences(of: ".", with: "_")
        if let t = environment[name], !t.isEmpty { return t }
        return nil
    }

    private func get(_ url: String, host: String) throws -> HTTPResponse {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token = token(for: host) { headers.append(("Authorization", "Bearer \(token)")) }
        do {
            return try HTTPClient.send(HTTPRequest(url: url, headers: headers, timeout: timeout, connectTimeout: 10))
        } catch let error as HTTPError {
            throw Failure(description: error.message)
        }
    }

    /// The base URL of the `modules.v1` service on `host`.
    public func discover(host: String) throws -> String {
        let scheme = plainHTTPHosts.contains(host) ? "http" : "https"
        let discoveryURL = "\(scheme)://\(host)/.well-known/terraform.json"
        let response = try get(discoveryURL, host: host)
        guard response.status == 200 else {
            throw Failure(description: "failed to request discovery document: \(response.status) \(statusText(response.status))")
        }
        guard let doc = try? JSON.parse(response.body), case .object = doc else {
            throw Failure(description: "service discovery document from \(host) is not valid JSON")
        }
        guard let base = doc["modules.v1"]?.stringValue else {
            throw Failure(description: "host \(host) does not provide a module registry")
        }
        return resolve(base, against: discoveryURL, ensureTrailingSlash: true)
    }

    public func versions(of module: RegistryModuleAddress) throws -> [String] {
        let base = try discover(host: module.host)
        let response = try get(base + module.path + "/versions", host: module.host)
        if response.status == 404 {
            throw Failure(description: "module not found", notFound: true)
        }
        guard response.status == 200 else {
            throw Failure(description: "error looking up module versions: \(response.status) \(statusText(response.status))")
        }
        guard let doc = try? JSON.parse(response.body), let modules = doc["modules"]?.arrayValue else {
            throw Failure(description: "the registry returned an invalid response")
        }
        return modules.flatMap { ($0["versions"]?.arrayValue ?? []).compactMap { $0["version"]?.stringValue } }
    }

    /// The go-getter address to download `version` of `module` from.
    public func location(of module: RegistryModuleAddress, version: String) throws -> String {
        let base = try discover(host: module.host)
        let downloadURL = base + module.path + "/" + version + "/download"
        let response = try get(downloadURL, host: module.host)
        guard response.status == 200 || response.status == 204 else {
            throw Failure(description: "error getting download location for \"\(module.forDisplay)\": \(response.status) \(statusText(response.status)) resp:\(response.bodyText)")
        }
        var location = response.header("X-Terraform-Get")
        if location == nil, response.status == 200, let doc = try? JSON.parse(response.body) {
            location = doc["location"]?.stringValue
        }
        guard let location, !location.isEmpty else {
            throw Failure(description: "failed to get download URL for \"\(module.forDisplay)\": \(response.status) \(statusText(response.status)) resp:\(response.bodyText)")
        }
        if location.hasPrefix("/") || location.hasPrefix("./") || location.hasPrefix("../") {
            return resolve(location, against: downloadURL, ensureTrailingSlash: false)
        }
        return location
    }

    func resolve(_ ref: String, against base: String, ensureTrailingSlash: Bool) -> String {
        var result = URL(string: ref, relativeTo: URL(string: base))?.absoluteString ?? ref
        if ensureTrailingSlash && !result.hasSuffix("/") { result += "/" }
        return result
    }

    func statusText(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return ""
        }
    }
}
