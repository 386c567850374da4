import Foundation

/// An RFC 3339 timestamp as Terraform's date functions handle it: a wall
/// clock reading plus the UTC offset it was written with. Parsing reports
/// problems in the words Terraform 1.11 uses (cty's rewording of Go's
/// time.Parse errors), and formatting never shows fractional seconds.
public struct Timestamp: Equatable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int64
    /// Offset from UTC in seconds, as written in the input.
    public var offsetSeconds: Int

    public init(unixSeconds: Int64, nanoseconds: Int64 = 0, offsetSeconds: Int = 0) {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Text after "not a valid RFC3339 timestamp".
        public var detail: String
        public var description: String { "not a valid RFC3339 timestamp" + detail }
    }

    // MARK: Calendar

    /// Days since 1970-01-01 for a proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func isLeap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The reading of the local wall clock (in the timestamp's own offset).
    public var local: (year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let local = unixSeconds + Int64(offsetSeconds)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = Int(local - days * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        // 1970-01-01 was a Thursday (weekday 4 with Sunday = 0).
        let wd = Int(((days % 7) + 7 + 4) % 7)
        return (y, Int(m), Int(d), secs / 3600, secs / 60 % 60, secs % 60, wd)
    }

    // MARK: Parsing

    public static func parse(_ text: String) throws -> Timestamp {
        let b = Array(text.utf8)
        var i = 0
        func rest(_ from: Int) -> String { String(decoding: b[min(from, b.count)...], as: UTF8.self) }
        func fail(_ detail: String) -> ParseError { ParseError(detail: detail) }
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<(at + n) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        func expect(_ c: UInt8) throws {
            let s = String(UnicodeScalar(c))
            guard i < b.count else { throw fail(": end of string where \"\(s)\" is expected") }
            guard b[i] == c else { throw fail(": found \(GoQuote.quote(rest(i))) where \"\(s)\" is expected") }
            i += 1
        }
        if b.isEmpty { throw fail(": end of string before year") }
        guard let year = digits(0, 4) else { throw fail(": cannot use \(GoQuote.quote(text)) as year") }
        i = 4
        try expect(UInt8(ascii: "-"))
        if i >= b.count { throw fail(": end of string before month") }
        guard let month = digits(i, 2) else { throw fail(": cannot use \(GoQuote.quote(rest(i))) as month") }
        i += 2
        if month < 1 || month > 12 { throw fail(": cannot use \(GoQuote.quote(rest(i))) as month") }
        try expect(UInt8(ascii: "-"))
        if i >= b.count { throw fail(": end of string before day of month") }
        guard let day = digits(i, 2) else { throw fail(": cannot use \(GoQuote.quote(rest(i))) as day of month") }
        i += 2
        guard i < b.count, b[i] == UInt8(ascii: "T") else { throw fail(": missing required time introducer 'T'") }
        i += 1
        if i >= b.count { throw fail(": end of string before hour") }
        guard let hour = digits(i, 2) else { throw fail(": hour must have exactly two digits") }
        if hour > 23 { throw fail(": hour must be between 0 and 23 inclusive") }
        i += 2
        try expect(UInt8(ascii: ":"))
        guard let minute = digits(i, 2), minute < 60 else { throw fail(": minute must have exactly two digits") }
        i += 2
        try expect(UInt8(ascii: ":"))
        if i >= b.count { throw fail(": end of string before second") }
        guard let second = digits(i, 2) else { throw fail(": cannot use \(GoQuote.quote(rest(i))) as second") }
        i += 2
        if second >= 60 { throw fail(": cannot use \(GoQuote.quote(rest(i))) as second") }
        var nanos: Int64 = 0
        if i + 1 < b.count, b[i] == UInt8(ascii: ","), b[i + 1] >= 0x30, b[i + 1] <= 0x39 {
            throw fail(": cannot use \",\" as timestamp segment")
        }
        if i + 1 < b.count, b[i] == UInt8(ascii: "."), b[i + 1] >= 0x30, b[i + 1] <= 0x39 {
            i += 1
            var scale: Int64 = 100_000_000
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                nanos += Int64(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        if i >= b.count { throw fail(": end of string before UTC offset") }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") {
            i += 1
        } else {
            guard i + 6 <= b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                  let oh = digits(i + 1, 2), b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2),
                  oh < 24, om < 60
            else {
                let shown = i + 6 <= b.count ? String(decoding: b[i..<(i + 6)], as: UTF8.self) : rest(i)
                throw fail(": cannot use \(GoQuote.quote(shown)) as UTC offset")
            }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        if i < b.count { throw fail(": cannot use \(GoQuote.quote(rest(i))) as timestamp segment") }
        if day < 1 || Int64(day) > daysIn(month: Int64(month), year: Int64(year)) { throw fail(": day out of range") }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(unixSeconds: local - Int64(offset), nanoseconds: nanos, offsetSeconds: offset)
    }

    // MARK: Formatting

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    func offsetText(colon: Bool, zForUTC: Bool) -> String {
        if offsetSeconds == 0 && zForUTC { return "Z" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let m = abs(offsetSeconds) / 60
        return sign + Self.pad(Int64(m / 60), 2) + (colon ? ":" : "") + Self.pad(Int64(m % 60), 2)
    }

    /// Go's time.RFC3339 layout: no fractional seconds, "Z" for a zero offset.
    public var rfc3339: String {
        let l = local
        return "\(Self.pad(l.year, 4))-\(Self.pad(Int64(l.month), 2))-\(Self.pad(Int64(l.day), 2))T"
            + "\(Self.pad(Int64(l.hour), 2)):\(Self.pad(Int64(l.minute), 2)):\(Self.pad(Int64(l.second), 2))"
            + offsetText(colon: true, zForUTC: true)
    }

    public func adding(nanoseconds delta: Int64) -> Timestamp {
        let total = nanoseconds + delta % 1_000_000_000
        var secs = unixSeconds + delta / 1_000_000_000
        var ns = total
        if ns < 0 { ns += 1_000_000_000; secs -= 1 } else if ns >= 1_000_000_000 { ns -= 1_000_000_000; secs += 1 }
        return Timestamp(unixSeconds: secs, nanoseconds: ns, offsetSeconds: offsetSeconds)
    }

    /// -1, 0 or 1 comparing instants (offsets do not matter).
    public static func compare(_ a: Timestamp, _ b: Timestamp) -> Int {
        if a.unixSeconds != b.unixSeconds { return a.unixSeconds < b.unixSeconds ? -1 : 1 }
        if a.nanoseconds != b.nanoseconds { return a.nanoseconds < b.nanoseconds ? -1 : 1 }
        return 0
    }

    public static var now: Timestamp {
        let d = ContinuousClockSystem.nowNanoseconds()
        return Timestamp(unixSeconds: d / 1_000_000_000, nanoseconds: d % 1_000_000_000, offsetSeconds: 0)
    }
}

enum ContinuousClockSystem {
    static func nowNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
