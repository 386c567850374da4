import Foundation

/// An RE2 pattern (Go's regexp syntax, which Terraform's regex functions
/// use) translated to an ICU pattern for NSRegularExpression.
///
/// Differences handled by the translation:
/// - `\d \s \w \b \B` and POSIX `[[:alpha:]]` classes are ASCII-only in RE2;
///   they become explicit ASCII sets (ICU's are Unicode-wide).
/// - `.` excludes only `\n` (ICU also excludes `\r`, U+2028...); `$` without
///   `(?m)` matches only at the very end (ICU also before a final newline);
///   `(?m)^`/`$` react to `\n` only.
/// - The `U` (ungreedy) flag, which ICU lacks, swaps greedy and lazy quantifiers.
/// - `(?P<name>...)` and `(?<name>...)` become plain groups (names are kept
///   here), so duplicate names work as in Go.
/// - Literal `[`, `&`, `-` inside classes and literal `{` are escaped, since
///   ICU gives them set-operation or quantifier meaning.
/// - Syntax RE2 rejects is rejected with Go's error code and fragment:
///   lookaround, backreferences, atomic groups, `\C`, `\Z`, nested repetition
///   (`a**`), repeat counts over 1000, unknown flags.
/// Not emulated: RE2's linear-time guarantee (ICU backtracks), and Go's
/// "expression too large" limit on nested repeat counts.
public struct RE2Pattern: Sendable {
    public let source: String
    public let icuPattern: String
    /// Names of the capture groups in order; "" for unnamed groups.
    public let groupNames: [String]

    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Go's regexp/syntax error code text, e.g. "missing closing )".
        public var code: String
        /// The offending part of the pattern.
        public var expr: String
        /// As Go prints it: error parsing regexp: <code>: `<expr>`
        public var description: String { "error parsing regexp: \(code): `\(expr)`" }
    }

    public init(_ source: String) throws {
        var t = Translator(Array(source.unicodeScalars), source: source)
        try t.run()
        self.source = source
        self.icuPattern = t.out
        self.groupNames = t.names
    }

    // MARK: Translation

    private struct Flags {
        var caseInsensitive = false
        var multiLine = false
        var dotAll = false
        var ungreedy = false
    }

    private struct Translator {
        let s: [Unicode.Scalar]
        let source: String
        var i = 0
        var out = ""
        var names: [String] = []
        var flags = Flags()
        /// Flags to restore when each open group closes.
        var stack: [Flags] = []
        /// Whether the last emitted item can take a repetition operator, and
        /// the text of the last repetition operator (for nested-repeat errors).
        var canRepeat = false
        var lastRepeat: String? = nil

        init(_ s: [Unicode.Scalar], source: String) {
            self.s = s
            self.source = source
        }

        func text(_ a: Int, _ b: Int) -> String {
            var r = String.UnicodeScalarView()
            r.append(contentsOf: s[max(0, a)..<min(b, s.count)])
            return String(r)
        }

        func err(_ code: String, _ expr: String) -> SyntaxError { SyntaxError(code: code, expr: expr) }

        static func isAlnum(_ c: Unicode.Scalar) -> Bool {
            (c >= "0" && c <= "9") || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
        }

        /// A code point written so ICU reads it literally, in or out of a class.
        static func literal(_ c: Unicode.Scalar) -> String {
            if isAlnum(c) || c == "_" { return String(c) }
            if c.value < 0x80 {
                if c.value >= 0x21 && c.value < 0x7F { return "\\" + String(c) }
                return String(format: "\\x{%x}", c.value)
            }
            switch c.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator:
                return String(format: "\\x{%x}", c.value)
            default:
                return String(c)
            }
        }

        static let perlClasses: [Unicode.Scalar: (String, Bool)] = [
            "d": ("0-9", false), "D": ("0-9", true),
            "s": ("\\t\\n\\f\\r\\x{20}", false), "S": ("\\t\\n\\f\\r\\x{20}", true),
            "w": ("0-9A-Za-z_", false), "W": ("0-9A-Za-z_", true),
        ]

        static let posixClasses: [String: String] = [
            "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x{0}-\\x{7f}", "blank": "\\t\\x{20}",
            "cntrl": "\\x{0}-\\x{1f}\\x{7f}", "digit": "0-9", "graph": "!-~", "lower": "a-z",
            "print": "\\x{20}-~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\x{b}\\f\\r\\x{20}",
            "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
        ]

        mutating func run() throws {
            var depth = 0
            while i < s.count {
                let c = s[i]
                switch c {
                case "(":
                    depth += 1
                    if depth > 1000 { throw err("expression nests too deeply", source) }
                    try openGroup()
                case ")":
                    guard let saved = stack.popLast() else { throw err("unexpected )", source) }
                    depth -= 1
                    flags = saved
                    out += ")"
                    i += 1
                    canRepeat = true
                    lastRepeat = nil
                case "|":
                    out += "|"
                    i += 1
                    canRepeat = false
                    lastRepeat = nil
                case "*", "+", "?":
                    try repetition(String(c), start: i, end: i + 1)
                case "{":
                    if let (n, m, end) = parseRepeatBraces() {
                        if n > 1000 || (m ?? 0) > 1000 || (m != nil && m! < n) {
                            throw err("invalid repeat count", text(i, end))
                        }
                        try repetition("{\(n)" + (m == nil ? (text(i, end).contains(",") ? ",}" : "}") : ",\(m!)}"), start: i, end: end)
                    } else {
                        out += "\\{"
                        i += 1
                        canRepeat = true
                        lastRepeat = nil
                    }
                case "[":
                    try parseClass()
                    canRepeat = true
                    lastRepeat = nil
                case ".":
                    out += flags.dotAll ? "(?s:.)" : "[^\\n]"
                    i += 1
                    canRepeat = true
                    lastRepeat = nil
                case "^":
                    out += flags.multiLine ? "(?:\\A|(?<=\\n))" : "\\A"
                    i += 1
                    canRepeat = true
                    lastRepeat = nil
                case "$":
                    out += flags.multiLine ? "(?:\\z|(?=\\n))" : "\\z"
                    i += 1
                    canRepeat = true
                    lastRepeat = nil
                case "\\":
                    try escapeOutsideClass()
                    lastRepeat = nil
                default:
                    out += Self.literal(c)
                    i += 1
                    canRepeat = true
                    lastRepeat = nil
                }
            }
            if !stack.isEmpty { throw err("missing closing )", source) }
        }

        /// `{n}`, `{n,}` or `{n,m}` at i; nil when the brace is a literal.
        func parseRepeatBraces() -> (Int, Int?, Int)? {
            var j = i + 1
            func number() -> Int? {
                let start = j
                var v = 0
                while j < s.count, s[j] >= "0", s[j] <= "9" {
                    if v < 100_000 { v = v * 10 + Int(s[j].value - 48) }
                    j += 1
                }
                return j > start ? v : nil
            }
            guard let n = number() else { return nil }
            var m: Int? = n
            if j < s.count && s[j] == "," {
                j += 1
                if j < s.count && s[j] == "}" { m = nil } else {
                    guard let mm = number() else { return nil }
                    m = mm
                }
            }
            guard j < s.count && s[j] == "}" else { return nil }
            return (n, m, j + 1)
        }

        mutating func repetition(_ op: String, start: Int, end: Int) throws {
            var e = end
            var lazy = false
            if e < s.count && s[e] == "?" { lazy = true; e += 1 }
            let opText = text(start, e)
            if let last = lastRepeat {
                throw err("invalid nested repetition operator", last + opText)
            }
            guard canRepeat else { throw err("missing argument to repetition operator", opText) }
            out += op + ((lazy != flags.ungreedy) ? "?" : "")
            i = e
            lastRepeat = opText
        }

        mutating func openGroup() throws {
            let start = i
            if i + 1 < s.count && s[i + 1] == "?" {
                // Named capture: (?P<name>re) or (?<name>re).
                var j = i + 2
                if j < s.count && s[j] == "P" { j += 1 }
                if j < s.count && s[j] == "<" {
                    guard let close = s[(j + 1)...].firstIndex(of: ">") else {
                        throw err("invalid named capture", text(start, s.count))
                    }
                    let name = text(j + 1, close)
                    if name.isEmpty || !name.unicodeScalars.allSatisfy({ Self.isAlnum($0) || $0 == "_" }) {
                        throw err("invalid named capture", text(start, close + 1))
                    }
                    names.append(name)
                    stack.append(flags)
                    out += "("
                    i = close + 1
                    canRepeat = false
                    lastRepeat = nil
                    return
                }
                // Flags: (?flags) or (?flags:re).
                j = i + 2
                var f = flags
                var negated = false
                var sawFlag = false
                var icuOn = "", icuOff = ""
                while j < s.count {
                    let c = s[j]
                    switch c {
                    case "i": if negated { f.caseInsensitive = false; icuOff = "i" } else { f.caseInsensitive = true; icuOn = "i" }; sawFlag = true
                    case "m": f.multiLine = !negated; sawFlag = true
                    case "s": f.dotAll = !negated; sawFlag = true
                    case "U": f.ungreedy = !negated; sawFlag = true
                    case "-":
                        if negated { throw err("invalid or unsupported Perl syntax", text(start, j + 1)) }
                        negated = true
                        sawFlag = false
                    case ":", ")":
                        if negated && !sawFlag { throw err("invalid or unsupported Perl syntax", text(start, j + 1)) }
                        if c == ":" {
                            stack.append(flags)
                            flags = f
                            out += icuOn.isEmpty && icuOff.isEmpty ? "(?:" : "(?\(icuOn)\(icuOff.isEmpty ? "" : "-" + icuOff):"
                            canRepeat = false
                        } else {
                            if j == i + 2 { throw err("missing argument to repetition operator", "?") }
                            flags = f
                            if !(icuOn.isEmpty && icuOff.isEmpty) {
                                out += "(?\(icuOn)\(icuOff.isEmpty ? "" : "-" + icuOff))"
                            }
                        }
                        i = j + 1
                        lastRepeat = nil
                        return
                    default:
                        throw err("invalid or unsupported Perl syntax", text(start, j + 1))
                    }
                    j += 1
                }
                throw err("missing closing )", source)
            }
            names.append("")
            stack.append(flags)
            out += "("
            i += 1
            canRepeat = false
            lastRepeat = nil
        }

        /// Parses an escape that stands for a single code point (shared by
        /// classes and plain text); returns nil when it is not one.
        mutating func simpleEscape(_ start: Int) throws -> Unicode.Scalar? {
            guard start + 1 < s.count else { throw err("trailing backslash at end of expression", "") }
            let c = s[start + 1]
            switch c {
            case "1"..."7":
                // A lone digit would be a backreference, which RE2 lacks.
                guard start + 2 < s.count, s[start + 2] >= "0", s[start + 2] <= "7" else {
                    throw err("invalid escape sequence", text(start, start + 2))
                }
                fallthrough
            case "0":
                var v: UInt32 = 0
                var j = start + 1
                while j < s.count, j < start + 4, s[j] >= "0", s[j] <= "7" {
                    v = v * 8 + (s[j].value - 48)
                    j += 1
                }
                i = j
                return Unicode.Scalar(v)
            case "x":
                var j = start + 2
                guard j < s.count else { throw err("invalid escape sequence", text(start, j)) }
                var v: UInt32 = 0
                if s[j] == "{" {
                    j += 1
                    let digitsStart = j
                    while j < s.count, s[j].properties.isASCIIHexDigit, let h = UInt32(String(s[j]), radix: 16) {
                        v = v &* 16 &+ h
                        if v > 0x10FFFF { throw err("invalid escape sequence", text(start, j + 1)) }
                        j += 1
                    }
                    guard j < s.count, s[j] == "}", j > digitsStart else { throw err("invalid escape sequence", text(start, min(j + 1, s.count))) }
                    i = j + 1
                } else {
                    guard j + 1 < s.count, let h = UInt32(text(j, j + 2), radix: 16), text(j, j + 2).unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) else {
                        throw err("invalid escape sequence", text(start, min(j + 2, s.count)))
                    }
                    v = h
                    i = j + 2
                }
                guard let u = Unicode.Scalar(v) else { throw err("invalid escape sequence", text(start, i)) }
                return u
            case "a": i = start + 2; return "\u{07}"
            case "f": i = start + 2; return "\u{0C}"
            case "n": i = start + 2; return "\n"
            case "r": i = start + 2; return "\r"
            case "t": i = start + 2; return "\t"
            case "v": i = start + 2; return "\u{0B}"
            default:
                if c.value < 0x80 && !Self.isAlnum(c) {
                    i = start + 2
                    return c
                }
                return nil
            }
        }

        /// `\pN`, `\p{Name}`, `\PN`, `\P{^Name}` at i, as an ICU property escape.
        mutating func unicodeClass(_ start: Int) throws -> String? {
            let c = s[start + 1]
            guard c == "p" || c == "P" else { return nil }
            var negate = c == "P"
            var j = start + 2
            guard j < s.count else { throw err("invalid character class range", text(start, j)) }
            var name: String
            if s[j] == "{" {
                guard let close = s[j...].firstIndex(of: "}") else { throw err("invalid character class range", text(start, s.count)) }
                name = text(j + 1, close)
                j = close + 1
            } else {
                name = String(s[j])
                j += 1
            }
            let expr = text(start, j)
            if name.hasPrefix("^") { negate.toggle(); name.removeFirst() }
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ Self.isAlnum($0) || $0 == "_" }) else {
                throw err("invalid character class range", expr)
            }
            i = j
            return (negate ? "\\P{" : "\\p{") + name + "}"
        }

        mutating func escapeOutsideClass() throws {
            let start = i
            guard i + 1 < s.count else { throw err("trailing backslash at end of expression", "") }
            let c = s[i + 1]
            switch c {
            case "A": out += "\\A"; i += 2; canRepeat = true; return
            case "z": out += "\\z"; i += 2; canRepeat = true; return
            case "b", "B":
                let w = "[0-9A-Za-z_]"
                out += c == "b"
                    ? "(?:(?<=\(w))(?!\(w))|(?<!\(w))(?=\(w)))"
                    : "(?:(?<=\(w))(?=\(w))|(?<!\(w))(?!\(w)))"
                i += 2; canRepeat = true; return
            case "Q":
                var j = i + 2
                while j < s.count {
                    if s[j] == "\\" && j + 1 < s.count && s[j + 1] == "E" { break }
                    out += Self.literal(s[j])
                    j += 1
                }
                i = min(j + 2, s.count)
                canRepeat = j > start + 2
                return
            default: break
            }
            if let (set, negated) = Self.perlClasses[c] {
                out += (negated ? "[^" : "[") + set + "]"
                i += 2; canRepeat = true; return
            }
            if let prop = try unicodeClass(start) {
                out += prop
                canRepeat = true
                return
            }
            if let u = try simpleEscape(start) {
                out += Self.literal(u)
                canRepeat = true
                return
            }
            throw err("invalid escape sequence", text(start, start + 2))
        }

        mutating func parseClass() throws {
            let start = i
            var j = i + 1
            var item = ""
            if j < s.count && s[j] == "^" { item += "^"; j += 1 }
            var first = true
            while j >= s.count || s[j] != "]" || first {
                guard j < s.count else { throw err("missing closing ]", text(start, s.count)) }
                first = false
                // POSIX classes such as [:alpha:] and [:^alpha:].
                if s[j] == "[" && j + 1 < s.count && s[j + 1] == ":" {
                    if let close = findPOSIXEnd(j) {
                        var name = text(j + 2, close)
                        let neg = name.hasPrefix("^")
                        if neg { name.removeFirst() }
                        guard let set = Self.posixClasses[name] else {
                            throw err("invalid character class range", text(j, close + 2))
                        }
                        item += neg ? "[^\(set)]" : "[\(set)]"
                        j = close + 2
                        continue
                    }
                }
                if s[j] == "\\" && j + 1 < s.count {
                    if let (set, negated) = Self.perlClasses[s[j + 1]] {
                        item += negated ? "[^\(set)]" : set
                        j += 2
                        continue
                    }
                    if s[j + 1] == "p" || s[j + 1] == "P" {
                        i = j
                        if let prop = try unicodeClass(j) { item += prop; j = i; continue }
                    }
                }
                let rangeStart = j
                let lo = try classChar(&j, start)
                var hi = lo
                if j + 1 < s.count && s[j] == "-" && s[j + 1] != "]" {
                    j += 1
                    hi = try classChar(&j, start)
                    if hi.value < lo.value { throw err("invalid character class range", text(rangeStart, j)) }
                }
                item += lo == hi ? Self.literal(lo) : Self.literal(lo) + "-" + Self.literal(hi)
            }
            i = j + 1
            // ICU rejects an empty class; [^] cannot occur (] first is literal).
            out += "[" + item + "]"
        }

        func findPOSIXEnd(_ j: Int) -> Int? {
            var k = j + 2
            while k + 1 < s.count {
                if s[k] == ":" && s[k + 1] == "]" { return k }
                if s[k] == "]" { return nil }
                k += 1
            }
            return nil
        }

        mutating func classChar(_ j: inout Int, _ classStart: Int) throws -> Unicode.Scalar {
            guard j < s.count else { throw err("missing closing ]", text(classStart, s.count)) }
            if s[j] == "\\" {
                let save = i
                i = j
                if let u = try simpleEscape(j) {
                    j = i
                    i = save
                    return u
                }
                i = save
                throw err("invalid escape sequence", text(j, j + 2))
            }
            let c = s[j]
            j += 1
            return c
        }
    }
}
