import Foundation

/// Where a module call's code comes from, classified as terraform classifies
/// `source` strings: a local path, a registry address, or a remote package.
public enum ModuleSource: Equatable, Sendable, CustomStringConvertible {
    /// `./x` or `../x`, cleaned.
    case local(String)
    case registry(RegistryModuleAddress, subdir: String)
    /// A package address in go-getter form after shorthand expansion
    /// (`git::https://host/repo.git?ref=v1`, `https://host/x.tgz`), and a sub-directory.
    case remote(package: String, subdir: String)

    public var description: String {
        switch self {
        case .local(let p): return p
        case .registry(let a, let sub): return sub.isEmpty ? a.description : a.description + "//" + sub
        case .remote(let package, let sub):
            guard !sub.isEmpty else { return package }
            if let q = package.firstIndex(of: "?") {
                return package[..<q] + "//" + sub + package[q...]
            }
            return package + "//" + sub
        }
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ raw: String) throws -> ModuleSource {
        if isLocal(raw) {
            let cleaned = cleanPath(raw.replacingBackslashes())
            return .local(cleaned.hasPrefix("../") || cleaned == ".." ? cleaned : "./" + (cleaned == "." ? "" : cleaned))
        }
        if let registry = try? RegistryModuleAddress.parseWithSubdir(raw) {
            return .registry(registry.0, subdir: registry.1)
        }
        return try parseRemote(raw)
    }

    static func isLocal(_ raw: String) -> Bool {
        raw.hasPrefix("./") || raw.hasPrefix("../") || raw.hasPrefix(".\\") || raw.hasPrefix("..\\")
    }

    static func parseRemote(_ raw: String) throws -> ModuleSource {
        guard !raw.isEmpty else { throw ParseError(description: "a module source address is required") }
        var (package, subdir) = splitPackageSubdir(raw)
        if subdir.hasPrefix("../") {
            throw ParseError(description: "subdirectory path \"\(subdir)\" leads outside of the module package")
        }
        var forced = ""
        if let sep = package.range(of: "::"), package[..<sep.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber }) {
            forced = String(package[..<sep.lowerBound])
            package = String(package[sep.upperBound...])
        }
        if !package.contains("://") {
            guard let expanded = expandShorthand(package) else {
                throw ParseError(description: "invalid source address: \(raw)")
            }
            let (base, extraSubdir) = splitPackageSubdir(expanded.address)
            package = base
            if !extraSubdir.isEmpty {
                subdir = subdir.isEmpty ? cleanPath(extraSubdir) : cleanPath(extraSubdir + "/" + subdir)
            }
            if forced.isEmpty { forced = expanded.forced }
        }
        if !subdir.isEmpty { subdir = cleanPath(subdir) }
        return .remote(package: forced.isEmpty ? package : forced + "::" + package, subdir: subdir)
    }

    /// Expands the forms terraform accepts without a scheme: `github.com/org/repo`,
    /// `git@host:org/repo.git`, `bitbucket.org/...` and absolute file paths.
    static func expandShorthand(_ s: String) -> (forced: String, address: String)? {
        if s.hasPrefix("github.com/") {
            let parts = s.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return nil }
            var repo = String(parts[2])
            var query = ""
            if let q = repo.firstIndex(of: "?") {
                query = String(repo[q...])
                repo = String(repo[..<q])
            }
            if !repo.hasSuffix(".git") { repo += ".git" }
            var url = "https://github.com/\(parts[1])/\(repo)"
            if parts.count == 4 { url += "//" + parts[3] }
            return ("git", url + query)
        }
        if s.hasPrefix("git@"), let colon = s.firstIndex(of: ":") {
            let host = s[s.index(s.startIndex, offsetBy: 4)..<colon]
            let path = s[s.index(after: colon)...]
            return ("git", "ssh://git@\(host)/\(path)")
        }
        if s.hasPrefix("/") {
            return ("", "file://" + s)
        }
        return nil
    }

    /// Splits `addr//sub/dir?q` into `addr?q` and `sub/dir`, ignoring the `//` of a scheme.
    static func splitPackageSubdir(_ s: String) -> (String, String) {
        var searchStart = s.startIndex
        if let scheme = s.range(of: "://") { searchStart = scheme.upperBound }
        guard let sep = s.range(of: "//", range: searchStart..<s.endIndex) else { return (s, "") }
        var subdir = String(s[sep.upperBound...])
        var base = String(s[..<sep.lowerBound])
        if let q = subdir.firstIndex(of: "?") {
            base += subdir[q...]
            subdir = String(subdir[..<q])
        }
        return (base, subdir)
    }

    static func cleanPath(_ p: String) -> String {
        var out: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = out.last, last != ".." {
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        return out.isEmpty ? "." : out.joined(separator: "/")
    }
}

/// `[HOST/]NAMESPACE/NAME/TARGET` — a module in a module registry.
public struct RegistryModuleAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    public static let defaultHost = "registry.terraform.io"
    public var host: String
    public var namespace: String
    public var name: String
    public var target: String

    public var description: String { "\(host)/\(namespace)/\(name)/\(target)" }
    /// How terraform shows it to users: the default host left out.
    public var forDisplay: String { host == Self.defaultHost ? "\(namespace)/\(name)/\(target)" : description }
    public var path: String { "\(namespace)/\(name)/\(target)" }

    static func parseWithSubdir(_ raw: String) throws -> (RegistryModuleAddress, String) {
        guard !raw.contains("::"), !raw.contains("://") else { throw ModuleSource.ParseError(description: "not a registry address") }
        let (base, subdir) = ModuleSource.splitPackageSubdir(raw)
        guard !base.contains("?") else { throw ModuleSource.ParseError(description: "not a registry address") }
        let parts = base.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var host = defaultHost
        var rest = parts[...]
        if parts.count == 4 {
            host = parts[0].lowercased()
            guard isHostname(host) else { throw ModuleSource.ParseError(description: "invalid module registry hostname \(parts[0])") }
            rest = parts[1...]
        } else if parts.count != 3 {
            throw ModuleSource.ParseError(description: "a module registry source address must have either three or four slash-separated components")
        }
        let r = Array(rest)
        // github.com and bitbucket.org addresses look like registry ones but are git shorthands.
        if ["github.com", "bitbucket.org"].contains(r[0].lowercased()) || ["github.com", "bitbucket.org"].contains(host) && parts.count == 4 {
            throw ModuleSource.ParseError(description: "can't use \(host) as a module registry host")
        }
        guard isNamePart(r[0]), isNamePart(r[1]), isTarget(r[2]) else {
            throw ModuleSource.ParseError(description: "invalid module registry address")
        }
        return (RegistryModuleAddress(host: host, namespace: r[0], name: r[1], target: r[2]),
                subdir.isEmpty ? "" : ModuleSource.cleanPath(subdir))
    }

    static func isHostname(_ h: String) -> Bool {
        guard h.contains(".") || h.hasPrefix("localhost") || h.contains(":") else { return false }
        return !h.isEmpty && h.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }
    }

    static func isNamePart(_ s: String) -> Bool {
        guard (1...64).contains(s.count), let f = s.first, let l = s.last,
              f.isASCII, l.isASCII, f.isLetter || f.isNumber, l.isLetter || l.isNumber else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func isTarget(_ s: String) -> Bool {
        (1...64).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}

extension String {
    func replacingBackslashes() -> String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
