import Foundation
import HTTPClient

/// Downloads a remote module package (git repository, archive over HTTP, or a
/// local directory given as `file://`) into a directory.
public struct PackageFetcher: Sendable {
    public var environment: [String: String]
    public var timeout: Double = 120

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func fetch(_ package: String, into destination: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: destination)
        try fm.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var address = package
        var forced = ""
        if let sep = address.range(of: "::"), address[..<sep.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber }) {
            forced = String(address[..<sep.lowerBound])
            address = String(address[sep.upperBound...])
        }
        let (base, query) = splitQuery(address)
        if forced == "git" || base.hasSuffix(".git") && forced.isEmpty {
            try fetchGit(base, query: query, into: destination)
        } else if base.hasPrefix("file://") && archiveKind(base, query) == nil {
            try copyDirectory(String(base.dropFirst("file://".count)), to: destination)
        } else if base.hasPrefix("http://") || base.hasPrefix("https://") || base.hasPrefix("file://") {
            try fetchHTTP(base, query: query, into: destination, redirects: 0)
        } else {
            throw Failure(description: "unsupported module source \(package)")
        }
    }

    func splitQuery(_ s: String) -> (String, [(String, String)]) {
        guard let q = s.firstIndex(of: "?") else { return (s, []) }
        let pairs = s[s.index(after: q)...].split(separator: "&").map { item -> (String, String) in
            let kv = item.split(separator: "=", maxSplits: 1)
            let key = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let value = kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
            return (key, value)
        }
        return (String(s[..<q]), pairs)
    }

    func fetchGit(_ url: String, query: [(String, String)], into destination: String) throws {
        var cloneArgs = ["clone", "--quiet"]
        if let depth = query.first(where: { $0.0 == "depth" })?.1 { cloneArgs += ["--depth", depth] }
        let ref = query.first(where: { $0.0 == "ref" })?.1
        if let ref, query.contains(where: { $0.0 == "depth" }) { cloneArgs += ["--branch", ref] }
        try run("/usr/bin/git", cloneArgs + ["--", url, destination])
        if let ref, !query.contains(where: { $0.0 == "depth" }) {
            try run("/usr/bin/git", ["-C", destination, "checkout", "--quiet", ref])
        }
    }

    func archiveKind(_ url: String, _ query: [(String, String)]) -> String? {
        if let a = query.first(where: { $0.0 == "archive" })?.1 { return a }
        let path = url.split(separator: "?").first.map(String.init) ?? url
        for ext in ["tar.gz", "tgz", "zip", "tar.bz2", "tbz2", "tar.xz", "txz", "tar"] where path.hasSuffix("." + ext) {
            return ext
        }
        return nil
    }

    func fetchHTTP(_ url: String, query: [(String, String)], into destination: String, redirects: Int) throws {
        guard redirects < 5 else { throw Failure(description: "too many X-Terraform-Get redirections") }
        let kind = archiveKind(url, query)
        let passQuery = query.filter { $0.0 != "archive" }
        var full = url
        if !passQuery.isEmpty {
            full += "?" + passQuery.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0.1)" }.joined(separator: "&")
        }
        if kind == nil {
            // Not an archive: the server may point elsewhere with X-Terraform-Get.
            let probe = full + (full.contains("?") ? "&" : "?") + "terraform-get=1"
            let response = try send(probe)
            guard (200..<300).contains(response.status) else {
                throw Failure(description: "bad response code: \(response.status)")
            }
            guard let next = response.header("X-Terraform-Get") else {
                throw Failure(description: "no source URL was returned")
            }
            let resolved = URL(string: next, relativeTo: URL(string: url))?.absoluteString ?? next
            try fetch(resolved, into: destination)
            return
        }
        let response = try send(full)
        guard (200..<300).contains(response.status) else {
            throw Failure(description: "bad response code: \(response.status)")
        }
        let tmp = destination + ".download"
        try Data(response.body).write(to: URL(fileURLWithPath: tmp))
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        switch kind {
        case "zip":
            try run("/usr/bin/unzip", ["-q", "-o", tmp, "-d", destination])
        case "tar.gz", "tgz":
            try run("/bin/tar", ["-xzf", tmp, "-C", destination])
        case "tar.bz2", "tbz2":
            try run("/bin/tar", ["-xjf", tmp, "-C", destination])
        case "tar.xz", "txz":
            try run("/bin/tar", ["-xJf", tmp, "-C", destination])
        case "tar":
            try run("/bin/tar", ["-xf", tmp, "-C", destination])
        default:
            throw Failure(description: "unsupported archive format \(kind ?? "")")
        }
    }

    func send(_ url: String) throws -> HTTPResponse {
        do {
            return try HTTPClient.send(HTTPRequest(url: url, timeout: timeout))
        } catch let e as HTTPError {
            throw Failure(description: e.message)
        }
    }

    func copyDirectory(_ source: String, to destination: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(description: "source path \(source) is not a directory")
        }
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    func run(_ tool: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            throw Failure(description: "\(tool) could not be started: \(error.localizedDescription)")
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(tool) exited with \(p.terminationStatus): \(message)")
        }
    }
}
