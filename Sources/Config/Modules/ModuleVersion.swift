/// A module version as registries publish them (`1.2.3`, `1.2`, `2.0.0-beta.1+build`),
/// ordered the way terraform orders them.
public struct ModuleVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var segments: [Int]
    /// How many numeric segments were written (`~> 1.2` differs from `~> 1.2.0`).
    public var specified: Int
    public var prerelease: String
    public var metadata: String
    /// The text as given, which terraform prints back.
    public var original: String

    public init?(_ text: String) {
        var s = Substring(text.trimmingSpaces())
        if s.hasPrefix("v") { s = s.dropFirst() }
        original = text.trimmingSpaces()
        metadata = ""
        prerelease = ""
        if let plus = s.firstIndex(of: "+") {
            metadata = String(s[s.index(after: plus)...])
            s = s[..<plus]
            guard !metadata.isEmpty, metadata.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        }
        if let dash = s.firstIndex(of: "-") {
            prerelease = String(s[s.index(after: dash)...])
            s = s[..<dash]
            guard !prerelease.isEmpty, prerelease.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        specified = numbers.count
        while numbers.count < 3 { numbers.append(0) }
        segments = numbers
    }

    public var description: String {
        var s = segments.map(String.init).joined(separator: ".")
        if !prerelease.isEmpty { s += "-" + prerelease }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    public static func == (a: ModuleVersion, b: ModuleVersion) -> Bool {
        a.segments == b.segments && a.prerelease == b.prerelease
    }

    public func hash(into h: inout Hasher) {
        h.combine(segments)
        h.combine(prerelease)
    }

    public static func < (a: ModuleVersion, b: ModuleVersion) -> Bool {
        if a.segments != b.segments { return a.segments.lexicographicallyPrecedes(b.segments) }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): return comparePrerelease(a.prerelease, b.prerelease) < 0
        }
    }

    private static func comparePrerelease(_ a: String, _ b: String) -> Int {
        let pa = a.split(separator: "."), pb = b.split(separator: ".")
        for i in 0..<max(pa.count, pb.count) {
            guard i < pa.count else { return -1 }
            guard i < pb.count else { return 1 }
            let x = pa[i], y = pb[i]
            if x == y { continue }
            switch (Int(x), Int(y)) {
            case let (nx?, ny?): return nx < ny ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            default: return x < y ? -1 : 1
            }
        }
        return 0
    }
}

/// A version constraint string (`">= 1.0, < 2.0"`, `"~> 1.2"`), with the
/// operators and matching rules terraform applies to module versions.
public struct VersionConstraints: Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case pessimistic = "~>"
    }

    public struct Constraint: Sendable {
        public var op: Operator
        public var version: ModuleVersion
    }

    public var constraints: [Constraint]
    public var description: String

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws {
        description = text
        constraints = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            var s = Substring(piece.trimmingSpaces())
            guard !s.isEmpty else { throw ParseError(description: "Malformed constraint: \(text)") }
            var op = Operator.equal
            for candidate in ["~>", ">=", "<=", "!=", ">", "<", "="] where s.hasPrefix(candidate) {
                op = Operator(rawValue: candidate)!
                s = s.dropFirst(candidate.count)
                break
            }
            guard let v = ModuleVersion(String(s.trimmingSpaces())) else {
                throw ParseError(description: "Malformed constraint: \(piece.trimmingSpaces())")
            }
            constraints.append(Constraint(op: op, version: v))
        }
        if constraints.isEmpty { throw ParseError(description: "Malformed constraint: \(text)") }
    }

    /// True when a prerelease version is named exactly (`= 2.0.0-beta`), the only
    /// way terraform lets a constraint select a prerelease.
    public func requestsExactly(_ v: ModuleVersion) -> Bool {
        constraints.contains { $0.op == .equal && $0.version == v }
    }

    public func allows(_ v: ModuleVersion) -> Bool {
        if !v.prerelease.isEmpty && !requestsExactly(v) { return false }
        return constraints.allSatisfy { c in
            let cv = c.version
            switch c.op {
            case .equal: return v == cv
            case .notEqual: return v != cv
            case .greater: return v > cv
            case .less: return v < cv
            case .greaterOrEqual: return v >= cv
            case .lessOrEqual: return v <= cv
            case .pessimistic:
                guard v >= cv else { return false }
                for i in 0..<max(0, cv.specified - 1) where v.segments[i] != cv.segments[i] {
                    return false
                }
                return true
            }
        }
    }

    /// The newest version allowed, or nil.
    public func newest(of versions: [ModuleVersion]) -> ModuleVersion? {
        versions.filter(allows).max()
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
