import Foundation

/// Time in the forms the APIs print it.
enum Clock {
    static func now() -> Double { Date().timeIntervalSince1970 }

    private static func parts(_ t: Double) -> tm {
        var seconds = time_t(t.rounded(.down))
        var out = tm()
        gmtime_r(&seconds, &out)
        return out
    }

    private static func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `2026-01-01T12:00:00Z` (Neutron, Glance, Nova `created`).
    static func iso(_ t: Double) -> String {
        let p = parts(t)
        return "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec))Z"
    }

    /// `2026-01-01T12:00:00.000000Z` (Keystone).
    static func isoMicro(_ t: Double) -> String {
        let p = parts(t)
        let micros = Int((t - t.rounded(.down)) * 1_000_000)
        var m = String(micros)
        while m.count < 6 { m = "0" + m }
        return "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday))T\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec)).\(m)Z"
    }

    /// `2026-01-01T12:00:00.000000` (Cinder, Nova launched_at: no zone suffix).
    static func isoMicroNoZone(_ t: Double) -> String {
        String(isoMicro(t).dropLast())
    }
}

/// Identifiers in the forms each API uses.
enum IDs {
    static func uuid() -> String { UUID().uuidString.lowercased() }
    /// Keystone-style 32 hex digits.
    static func hex32() -> String { uuid().replacingOccurrences(of: "-", with: "") }
    static func random(_ count: Int, alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        let chars = Array(alphabet)
        var g = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in chars[Int(g.next() % UInt64(chars.count))] })
    }
    static func mac() -> String {
        var g = SystemRandomNumberGenerator()
        let tail = (0..<3).map { _ in String(format: "%02x", Int(g.next() % 256)) }
        return "fa:16:3e:" + tail.joined(separator: ":")
    }
}
