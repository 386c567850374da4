import Foundation

/// Matching with Go's regexp semantics on top of an ICU translation:
/// Go's rules for successive matches (an empty match right after a previous
/// match is skipped) and Go's `$1`/`${name}` replacement templates.
public struct RegexMatcher: @unchecked Sendable {
    public let pattern: RE2Pattern
    let regex: NSRegularExpression

    public init(_ source: String) throws {
        let p = try RE2Pattern(source)
        do {
            regex = try NSRegularExpression(pattern: p.icuPattern.isEmpty ? "(?:)" : p.icuPattern, options: [])
        } catch {
            // The translation only emits what ICU accepts, except for Unicode
            // property names RE2 accepts and ICU does not (or vice versa).
            throw RE2Pattern.SyntaxError(code: "invalid character class range", expr: source)
        }
        pattern = p
    }

    /// One match: the UTF-16 range of the whole match and of each group
    /// (nil when the group did not take part).
    public struct Match {
        public var range: Range<Int>
        public var groups: [Range<Int>?]
    }

    private func match(in ns: NSString, from pos: Int) -> Match? {
        let opts: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
        guard let m = regex.firstMatch(in: ns as String, options: opts, range: NSRange(location: pos, length: ns.length - pos)) else {
            return nil
        }
        var groups: [Range<Int>?] = []
        for g in 1..<max(1, m.numberOfRanges) {
            let r = m.range(at: g)
            groups.append(r.location == NSNotFound ? nil : r.location..<(r.location + r.length))
        }
        return Match(range: m.range.location..<(m.range.location + m.range.length), groups: groups)
    }

    /// Width in UTF-16 units of the character starting at pos (1 or 2).
    private static func width(_ ns: NSString, _ pos: Int) -> Int {
        guard pos < ns.length else { return 1 }
        let u = ns.character(at: pos)
        return UTF16.isLeadSurrogate(u) && pos + 1 < ns.length ? 2 : 1
    }

    public func firstMatch(in s: String) -> (NSString, Match)? {
        let ns = s as NSString
        return match(in: ns, from: 0).map { (ns, $0) }
    }

    /// Go's FindAllStringSubmatchIndex(s, -1).
    public func allMatches(in s: String) -> (NSString, [Match]) {
        let ns = s as NSString
        var out: [Match] = []
        var pos = 0
        var prevEnd = -1
        while pos <= ns.length, let m = match(in: ns, from: pos) {
            var accept = true
            if m.range.isEmpty {
                if m.range.lowerBound == prevEnd { accept = false }
                pos = m.range.lowerBound < ns.length ? m.range.lowerBound + Self.width(ns, m.range.lowerBound) : ns.length + 1
            } else {
                pos = m.range.upperBound
            }
            prevEnd = m.range.upperBound
            if accept { out.append(m) }
        }
        return (ns, out)
    }

    /// Go's ReplaceAllString: `$1`, `${1}`, `$name`, `${name}` and `$$` in
    /// the template; a reference to a missing group expands to nothing.
    public func replaceAll(in s: String, template: String) -> String {
        let ns = s as NSString
        var out = ""
        var lastEnd = 0
        var searchPos = 0
        let tmpl = Array(template.unicodeScalars)
        while searchPos <= ns.length, let m = match(in: ns, from: searchPos) {
            out += ns.substring(with: NSRange(location: lastEnd, length: m.range.lowerBound - lastEnd))
            if m.range.upperBound > lastEnd || m.range.lowerBound == 0 {
                expand(tmpl, m, ns, into: &out)
            }
            lastEnd = m.range.upperBound
            let w = Self.width(ns, searchPos)
            if searchPos + w > m.range.upperBound {
                searchPos += w
            } else if searchPos + 1 > m.range.upperBound {
                searchPos += 1
            } else {
                searchPos = m.range.upperBound
            }
        }
        out += ns.substring(from: lastEnd)
        return out
    }

    private func expand(_ t: [Unicode.Scalar], _ m: Match, _ ns: NSString, into out: inout String) {
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c >= "0" && c <= "9") || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
        }
        func group(_ name: String) -> String {
            var r: Range<Int>?
            if let n = Int(name), name.unicodeScalars.allSatisfy({ $0 >= "0" && $0 <= "9" }) {
                if n == 0 { r = m.range } else if n - 1 < m.groups.count { r = m.groups[n - 1] }
            } else if let idx = pattern.groupNames.firstIndex(of: name) {
                r = m.groups[idx]
            }
            guard let rr = r else { return "" }
            return ns.substring(with: NSRange(location: rr.lowerBound, length: rr.count))
        }
        var i = 0
        while i < t.count {
            let c = t[i]
            guard c == "$", i + 1 < t.count else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            let n = t[i + 1]
            if n == "$" { out += "$"; i += 2; continue }
            if n == "{" {
                if let close = t[(i + 2)...].firstIndex(of: "}"), close > i + 2, t[(i + 2)..<close].allSatisfy(isNameChar) {
                    var name = String.UnicodeScalarView(); name.append(contentsOf: t[(i + 2)..<close])
                    out += group(String(name))
                    i = close + 1
                    continue
                }
                out += "$"; i += 1; continue
            }
            var j = i + 1
            while j < t.count && isNameChar(t[j]) { j += 1 }
            if j == i + 1 { out += "$"; i += 1; continue }
            var name = String.UnicodeScalarView(); name.append(contentsOf: t[(i + 1)..<j])
            out += group(String(name))
            i = j
        }
    }
}
