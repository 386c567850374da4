/// Terraform's `formatdate` mini-language: runs of one letter are verbs
/// (`YYYY`, `MMM`, `hh`, ...), `'...'` quotes literal text with `''` for a
/// quote, and anything else is copied through.
public enum DateFormat {
    public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }

    /// Splits the format into tokens the way cty's scanner does.
    static func tokens(_ format: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var i = 0
        let q = UInt8(ascii: "'")
        scan: while i < format.count {
            let c = format[i]
            if c == q {
                if i + 1 < format.count && format[i + 1] == q {
                    out.append(format[i..<(i + 2)]); i += 2; continue
                }
                var j = i + 1
                while j < format.count {
                    if format[j] == q {
                        if j + 1 < format.count && format[j + 1] == q { j += 2; continue }
                        out.append(format[i...j]); i = j + 1; continue scan
                    }
                    j += 1
                }
                out.append(format[i...]); break
            } else if isLetter(c) {
                var j = i + 1
                while j < format.count && format[j] == c { j += 1 }
                out.append(format[i..<j]); i = j
            } else {
                var j = i + 1
                while j < format.count && format[j] != q && !isLetter(format[j]) { j += 1 }
                out.append(format[i..<j]); i = j
            }
        }
        return out
    }

    public static func format(_ format: String, _ t: Timestamp) throws -> String {
        let l = t.local
        var out = ""
        func num(_ v: Int, _ len: Int) -> String { len == 2 ? Timestamp.pad(Int64(v), 2) : String(v) }
        for tok in tokens(Array(format.utf8)) {
            let text = String(decoding: tok, as: UTF8.self)
            let first = tok[tok.startIndex]
            let n = tok.count
            if first == UInt8(ascii: "'") {
                if tok.last != first || n == 1 { throw FormatError(description: "unterminated literal '") }
                if n == 2 { out += "'"; continue }
                var raw = Array(tok.dropFirst().dropLast())
                var k = 0
                var lit: [UInt8] = []
                while k < raw.count {
                    lit.append(raw[k])
                    if raw[k] == first { k += 1 }
                    k += 1
                }
                raw = lit
                out += String(decoding: raw, as: UTF8.self)
                continue
            }
            guard isLetter(first) else { out += text; continue }
            let verb = GoQuote.quote(text)
            switch first {
            case UInt8(ascii: "Y"):
                switch n {
                case 2: out += Timestamp.pad(((l.year % 100) + 100) % 100, 2)
                case 4: out += Timestamp.pad(l.year, 4)
                default: throw FormatError(description: "invalid date format verb \(verb): year must either be \"YY\" or \"YYYY\"")
                }
            case UInt8(ascii: "M"):
                switch n {
                case 1, 2: out += num(l.month, n)
                case 3: out += String(monthNames[l.month - 1].prefix(3))
                case 4: out += monthNames[l.month - 1]
                default: throw FormatError(description: "invalid date format verb \(verb): month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"")
                }
            case UInt8(ascii: "D"):
                guard n <= 2 else { throw FormatError(description: "invalid date format verb \(verb): day of month must either be \"D\" or \"DD\"") }
                out += num(l.day, n)
            case UInt8(ascii: "E"):
                switch n {
                case 3: out += String(dayNames[l.weekday].prefix(3))
                case 4: out += dayNames[l.weekday]
                default: throw FormatError(description: "invalid date format verb \(verb): day of week must either be \"EEE\" or \"EEEE\"")
                }
            case UInt8(ascii: "h"):
                guard n <= 2 else { throw FormatError(description: "invalid date format verb \(verb): 24-hour must either be \"h\" or \"hh\"") }
                out += num(l.hour, n)
            case UInt8(ascii: "H"):
                guard n <= 2 else { throw FormatError(description: "invalid date format verb \(verb): 12-hour must either be \"H\" or \"HH\"") }
                out += num(l.hour % 12 == 0 ? 12 : l.hour % 12, n)
            case UInt8(ascii: "A"), UInt8(ascii: "a"):
                guard n == 2 else {
                    let c = String(UnicodeScalar(first))
                    throw FormatError(description: "invalid date format verb \(verb): must be \"\(c)\(c)\"")
                }
                let pm = l.hour >= 12
                out += first == UInt8(ascii: "A") ? (pm ? "PM" : "AM") : (pm ? "pm" : "am")
            case UInt8(ascii: "m"):
                guard n <= 2 else { throw FormatError(description: "invalid date format verb \(verb): minute must either be \"m\" or \"mm\"") }
                out += num(l.minute, n)
            case UInt8(ascii: "s"):
                guard n <= 2 else { throw FormatError(description: "invalid date format verb \(verb): second must either be \"s\" or \"ss\"") }
                out += num(l.second, n)
            case UInt8(ascii: "Z"):
                switch n {
                case 1: out += t.offsetText(colon: true, zForUTC: true)
                case 3:
                    let s = t.offsetText(colon: false, zForUTC: false)
                    out += s == "+0000" ? "UTC" : s
                case 4: out += t.offsetText(colon: false, zForUTC: false)
                case 5: out += t.offsetText(colon: true, zForUTC: false)
                default: throw FormatError(description: "invalid date format verb \(verb): timezone must be Z, ZZZZ, or ZZZZZ")
                }
            default:
                throw FormatError(description: "invalid date format verb \(verb)")
            }
        }
        return out
    }
}

/// Go's time.ParseDuration, which `timeadd` uses: signed sequences of
/// decimal numbers with units ns, us/µs/μs, ms, s, m, h; the total must fit
/// in a signed 64-bit count of nanoseconds.
public enum GoDuration {
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    public static func parse(_ text: String) throws -> Int64 {
        let orig = GoQuote.quote(text)
        let invalid = ParseError(description: "time: invalid duration \(orig)")
        var s = Array(text.utf8)[...]
        var neg = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            neg = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return 0 }
        if s.isEmpty { throw invalid }
        let limit: UInt64 = 1 << 63
        var d: UInt64 = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while let c0 = s.first {
            guard c0 == UInt8(ascii: ".") || isDigit(c0) else { throw invalid }
            var v: UInt64 = 0
            let before = s.count
            while let c = s.first, isDigit(c) {
                if v > limit / 10 { throw invalid }
                v = v * 10 + UInt64(c - 0x30)
                if v > limit { throw invalid }
                s = s.dropFirst()
            }
            let pre = s.count != before
            var f: UInt64 = 0
            var scale = 1.0
            var post = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                let b2 = s.count
                var overflow = false
                while let c = s.first, isDigit(c) {
                    if !overflow {
                        if f > (UInt64.max >> 1) / 10 { overflow = true } else {
                            let y = f * 10 + UInt64(c - 0x30)
                            if y > limit { overflow = true } else { f = y; scale *= 10 }
                        }
                    }
                    s = s.dropFirst()
                }
                post = s.count != b2
            }
            if !pre && !post { throw invalid }
            var i = s.startIndex
            while i < s.endIndex && s[i] != UInt8(ascii: ".") && !isDigit(s[i]) { i += 1 }
            if i == s.startIndex { throw ParseError(description: "time: missing unit in duration \(orig)") }
            let u = String(decoding: s[s.startIndex..<i], as: UTF8.self)
            s = s[i...]
            guard let unit = units[u] else {
                throw ParseError(description: "time: unknown unit \(GoQuote.quote(u)) in duration \(orig)")
            }
            if v > limit / unit { throw invalid }
            v *= unit
            if f > 0 {
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > limit { throw invalid }
            }
            d += v
            if d > limit { throw invalid }
        }
        if neg { return d == limit ? Int64.min : -Int64(d) }
        if d > limit - 1 { throw invalid }
        return Int64(d)
    }
}
