import Foundation

/// Reading files and resolving paths the way Terraform's filesystem
/// functions do: `~` expanded, relative paths taken from the module
/// directory, Go's filepath.Clean/Dir/Base rules for path text.
enum FileAccess {
    enum ReadError: Error, Equatable {
        case missing, directory, homeUser
        case other(String)
    }

    /// Files above this size are refused rather than read into memory.
    static let maxFileSize = 1 << 30

    static var home: String {
        ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
    }

    /// go-homedir's Expand: "~" and "~/..." only.
    static func expandHome(_ path: String) throws -> String {
        guard path.hasPrefix("~") else { return path }
        if path.count > 1 && !path.hasPrefix("~/") { throw ReadError.homeUser }
        return home + path.dropFirst()
    }

    static func resolve(_ path: String, base: String) throws -> String {
        let p = try expandHome(path)
        return p.hasPrefix("/") ? p : join(base, p)
    }

    static func read(_ path: String, base: String) -> Result<[UInt8], ReadError> {
        let full: String
        do { full = try resolve(path, base: base) } catch let e as ReadError { return .failure(e) } catch { return .failure(.other("\(error)")) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { return .failure(.missing) }
        if isDir.boolValue { return .failure(.directory) }
        if let attrs = try? FileManager.default.attributesOfItem(atPath: full), let size = attrs[.size] as? Int, size > maxFileSize {
            return .failure(.other("read \(path): file is larger than \(maxFileSize) bytes"))
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failure(.other("open \(path): permission denied"))
        }
        return .success(Array(data))
    }

    // MARK: Go's path/filepath rules (Unix)

    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." { out.removeLast() } else if !rooted { out.append(part) }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return clean(b) }
        if b.isEmpty { return clean(a) }
        return clean(a + "/" + b)
    }

    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return clean(String(path[...slash]))
    }

    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { p = p[p.index(after: slash)...] }
        return p.isEmpty ? "/" : String(p)
    }
}

/// doublestar-style globbing for `fileset`: `*`, `?`, `[...]`, `{a,b}` within
/// a path segment and `**` across segments; only regular files match.
enum FileGlob {
    struct SyntaxError: Error {}

    static func segmentRegex(_ seg: String) throws -> NSRegularExpression {
        var out = "^"
        let c = Array(seg.unicodeScalars)
        var i = 0
        var braceDepth = 0
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "*": out += "[^/]*"
            case "?": out += "[^/]"
            case "\\":
                i += 1
                guard i < c.count else { throw SyntaxError() }
                out += NSRegularExpression.escapedPattern(for: String(c[i]))
            case "[":
                guard let close = c[(i + 1)...].firstIndex(of: "]"), close > i + 1 else { throw SyntaxError() }
                var body = String(String.UnicodeScalarView(c[(i + 1)..<close]))
                var neg = false
                if body.hasPrefix("!") || body.hasPrefix("^") { neg = true; body.removeFirst() }
                let escaped = body.unicodeScalars.map { $0 == "-" ? "-" : NSRegularExpression.escapedPattern(for: String($0)) }.joined()
                out += "[" + (neg ? "^" : "") + escaped + "]"
                i = close
            case "{": braceDepth += 1; out += "(?:"
            case "}":
                guard braceDepth > 0 else { throw SyntaxError() }
                braceDepth -= 1; out += ")"
            case ",": out += braceDepth > 0 ? "|" : ","
            default: out += NSRegularExpression.escapedPattern(for: String(ch))
            }
            i += 1
        }
        if braceDepth != 0 { throw SyntaxError() }
        return try NSRegularExpression(pattern: out + "$")
    }

    static func matches(_ segments: ArraySlice<String>, _ pattern: ArraySlice<NSRegularExpression?>) -> Bool {
        guard let first = pattern.first else { return segments.isEmpty }
        guard let re = first else {
            // "**": zero or more segments.
            for k in segments.startIndex...segments.endIndex where matches(segments[k...], pattern.dropFirst()) { return true }
            return false
        }
        guard let seg = segments.first else { return false }
        let ns = seg as NSString
        guard re.firstMatch(in: seg, range: NSRange(location: 0, length: ns.length)) != nil else { return false }
        return matches(segments.dropFirst(), pattern.dropFirst())
    }

    /// Files under `root` whose relative path matches, sorted.
    static func files(root: String, pattern: String) throws -> [String] {
        let compiled: [NSRegularExpression?] = try pattern.split(separator: "/", omittingEmptySubsequences: true).map {
            $0 == "**" ? nil : try segmentRegex(String($0))
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else { return [] }
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        var count = 0
        while let rel = walker.nextObject() as? String {
            count += 1
            if count > 1_000_000 { break }
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &d), !d.boolValue else { continue }
            let segs = rel.split(separator: "/").map(String.init)
            if matches(segs[...], compiled[...]) { out.append(rel) }
        }
        return out.sorted()
    }
}
