/// IPv4 arithmetic for subnets and allocation pools; IPv6 subnets are accepted but allocate from a counter.
struct IPv4: Comparable, Hashable {
    var value: UInt32

    init(_ value: UInt32) { self.value = value }

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, let b = UInt32(p), b <= 255 else { return nil }
            v = v << 8 | b
        }
        value = v
    }

    var text: String { "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)" }

    static func < (a: IPv4, b: IPv4) -> Bool { a.value < b.value }
}

struct CIDR {
    var network: IPv4
    var prefix: Int
    var isIPv6 = false
    var text: String

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        if parts[0].contains(":") {
            guard prefix >= 0, prefix <= 128, parts[0].allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return nil }
            isIPv6 = true
            network = IPv4(0)
            self.prefix = prefix
            self.text = text.lowercased()
            return
        }
        guard let ip = IPv4(String(parts[0])), prefix >= 0, prefix <= 32 else { return nil }
        self.prefix = prefix
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        network = IPv4(ip.value & mask)
        self.text = "\(network.text)/\(prefix)"
    }

    var size: UInt64 { isIPv6 ? UInt64.max : UInt64(1) << UInt64(32 - prefix) }
    var first: IPv4 { network }
    var last: IPv4 { IPv4(network.value &+ UInt32(truncatingIfNeeded: size &- 1)) }

    func contains(_ ip: IPv4) -> Bool { !isIPv6 && ip >= first && ip <= last }

    func overlaps(_ other: CIDR) -> Bool {
        if isIPv6 || other.isIPv6 { return isIPv6 && other.isIPv6 && text == other.text }
        return first <= other.last && other.first <= last
    }

    /// Usable hosts: without the network and broadcast addresses when there is room for them.
    var hostRange: (IPv4, IPv4) {
        prefix >= 31 ? (first, last) : (IPv4(first.value + 1), IPv4(last.value - 1))
    }
}
