import Foundation
import BigInt

/// An IP address as Terraform's cidr functions see it: 4 bytes for IPv4
/// syntax, 16 for IPv6 syntax (including `::ffff:a.b.c.d`). Parsing follows
/// Terraform's fork of Go's `net` package, which still accepts leading zeros
/// in IPv4 octets (`010.0.0.1` is 10.0.0.1, not octal).
public struct IPAddress: Equatable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public var bitLength: Int { bytes.count * 8 }

    public var integer: BigUInt { BigUInt(Data(bytes)) }

    /// The address for an integer, keeping the low `bits` bits; a negative
    /// value contributes its magnitude, as Go's big.Int.Bytes() does.
    public init(integer: BigInt, bits: Int) {
        let magnitude = integer.magnitude
        var out = [UInt8](repeating: 0, count: bits / 8)
        let raw = Array(magnitude.serialize())
        for i in 0..<min(raw.count, out.count) {
            out[out.count - 1 - i] = raw[raw.count - 1 - i]
        }
        self.bytes = out
    }

    private static let v4InV6Prefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]

    /// The IPv4 form of a 4-byte address or of an IPv4-mapped IPv6 address.
    public var ipv4: IPAddress? {
        if bytes.count == 4 { return self }
        if bytes.count == 16 && Array(bytes[0..<12]) == Self.v4InV6Prefix { return IPAddress(bytes: Array(bytes[12...])) }
        return nil
    }

    public static func parse(_ s: String) -> IPAddress? {
        let chars = Array(s.utf8)
        if chars.contains(UInt8(ascii: ":")) { return parseIPv6(chars) }
        return parseIPv4(chars[...]).map { IPAddress(bytes: $0) }
    }

    private static func parseIPv4(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var i = s.startIndex
        for part in 0..<4 {
            if part > 0 {
                guard i < s.endIndex, s[i] == UInt8(ascii: ".") else { return nil }
                i += 1
            }
            var n = 0
            let start = i
            while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39 {
                n = n * 10 + Int(s[i] - 0x30)
                if n > 0xFF { return nil }
                i += 1
            }
            if i == start { return nil }
            out.append(UInt8(n))
        }
        return i == s.endIndex ? out : nil
    }

    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        default: return nil
        }
    }

    private static func parseIPv6(_ s: [UInt8]) -> IPAddress? {
        var ip = [UInt8](repeating: 0, count: 16)
        var ellipsis = -1
        var i = 0
        if s.count >= 2 && s[0] == UInt8(ascii: ":") && s[1] == UInt8(ascii: ":") {
            ellipsis = 0
            i = 2
            if i == s.count { return IPAddress(bytes: ip) }
        }
        var j = 0
        while j < 16 {
            // A group: hex digits, or an embedded IPv4 address at the end.
            var n = 0
            var k = i
            while k < s.count, let h = hexValue(s[k]) {
                n = n * 16 + h
                if n > 0xFFFF { return nil }
                k += 1
            }
            if k == i { return nil }
            if k < s.count && s[k] == UInt8(ascii: ".") {
                if ellipsis < 0 && j != 12 { return nil }
                if j + 4 > 16 { return nil }
                guard let v4 = parseIPv4(s[i...]) else { return nil }
                ip[j] = v4[0]; ip[j + 1] = v4[1]; ip[j + 2] = v4[2]; ip[j + 3] = v4[3]
                i = s.count
                j += 4
                break
            }
            ip[j] = UInt8(n >> 8)
            ip[j + 1] = UInt8(n & 0xFF)
            j += 2
            i = k
            if i == s.count { break }
            guard s[i] == UInt8(ascii: ":"), i + 1 < s.count else { return nil }
            i += 1
            if s[i] == UInt8(ascii: ":") {
                if ellipsis >= 0 { return nil }
                ellipsis = j
                i += 1
                if i == s.count { break }
            }
        }
        if i != s.count { return nil }
        if j < 16 {
            if ellipsis < 0 { return nil }
            let n = 16 - j
            var k = j - 1
            while k >= ellipsis { ip[k + n] = ip[k]; k -= 1 }
            for k in ellipsis..<(ellipsis + n) { ip[k] = 0 }
        } else if ellipsis >= 0 {
            return nil
        }
        return IPAddress(bytes: ip)
    }

    /// Go's IP.String(): dotted quad for IPv4 and IPv4-mapped addresses,
    /// otherwise RFC 5952 style with the first longest zero run as `::`.
    public var description: String {
        if let v4 = ipv4 { return v4.bytes.map { String($0) }.joined(separator: ".") }
        guard bytes.count == 16 else { return "?" }
        var groups: [Int] = []
        for g in 0..<8 { groups.append(Int(bytes[2 * g]) << 8 | Int(bytes[2 * g + 1])) }
        var bestStart = -1, bestLen = 0, g = 0
        while g < 8 {
            var e = g
            while e < 8 && groups[e] == 0 { e += 1 }
            if e - g > bestLen && e - g >= 2 { bestStart = g; bestLen = e - g }
            g = e == g ? g + 1 : e
        }
        var out = ""
        var k = 0
        while k < 8 {
            if k == bestStart {
                out += "::"
                k += bestLen
                continue
            }
            if k > 0 && !out.hasSuffix(":") { out += ":" }
            out += String(groups[k], radix: 16)
            k += 1
        }
        return out
    }

    func masked(prefixLength: Int) -> IPAddress {
        var out = bytes
        for i in 0..<out.count {
            let bitsHere = max(0, min(8, prefixLength - i * 8))
            out[i] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        return IPAddress(bytes: out)
    }
}

/// A network prefix as `ipaddr.ParseCIDR` yields it: the masked address and
/// a prefix length over 32 or 128 bits.
public struct IPNetwork: Equatable, Sendable, CustomStringConvertible {
    public var address: IPAddress
    public var prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    public var bitLength: Int { address.bitLength }
    public var description: String { "\(address)/\(prefixLength)" }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var input: String
        public var description: String { "invalid CIDR address: \(input)" }
    }

    public static func parse(_ s: String) throws -> IPNetwork {
        guard let slash = s.firstIndex(of: "/") else { throw ParseError(input: s) }
        let addrText = String(s[..<slash])
        let lenText = s[s.index(after: slash)...]
        guard let ip = IPAddress.parse(addrText), !lenText.isEmpty,
              lenText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), lenText.count <= 4,
              let n = Int(lenText), n <= ip.bitLength
        else { throw ParseError(input: s) }
        return IPNetwork(address: ip.masked(prefixLength: n), prefixLength: n)
    }

    public struct CIDRError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The dotted netmask, for IPv4 prefixes only.
    public var netmask: IPAddress? {
        guard address.ipv4 != nil, bitLength == 32 else {
            // An IPv4-mapped IPv6 prefix still has a 128-bit mask; Go prints its
            // 16 bytes in IPv6 form, which is only reachable through odd input.
            if address.ipv4 != nil {
                return IPAddress(bytes: IPAddress(bytes: [UInt8](repeating: 0xFF, count: 16)).masked(prefixLength: prefixLength).bytes)
            }
            return nil
        }
        return IPAddress(bytes: [0xFF, 0xFF, 0xFF, 0xFF]).masked(prefixLength: prefixLength)
    }

    /// go-cidr's HostBig as Terraform 1.11 uses it. Negative numbers count back
    /// from the end of the range.
    public func host(_ number: BigInt) throws -> IPAddress {
        let hostBits = bitLength - prefixLength
        let maxHost = (BigInt(1) << hostBits) - 1
        var num = number
        if num < 0 {
            // Go takes the low 64 bits of |num| before negating; the numbers
            // that reach here are far below that limit.
            num = maxHost - (-num - 1)
        }
        if num > maxHost {
            throw CIDRError(description: "prefix of \(prefixLength) does not accommodate a host numbered \(num)")
        }
        if num < 0 {
            throw CIDRError(description: "prefix of \(prefixLength) does not accommodate a host numbered \(num)")
        }
        // The shift uses 32 bits whenever the address has an IPv4 form, even
        // a 16-byte mapped one: that is how go-cidr behaves.
        let insertBits = address.ipv4 != nil ? 32 : 128
        return Self.insert(num, into: address, prefixLength: insertBits)
    }

    /// go-cidr's insertNumIntoIP: OR the number, shifted to sit just below the
    /// prefix, into the address, with big.Int's two's-complement OR semantics.
    static func insert(_ num: BigInt, into ip: IPAddress, prefixLength: Int) -> IPAddress {
        let total = ip.bitLength
        let shifted = num << (total - prefixLength)
        let base = BigInt(ip.integer)
        let combined: BigInt
        if shifted >= 0 {
            combined = BigInt(base.magnitude | shifted.magnitude)
        } else {
            // x | -y  ==  -(((y - 1) & ~x) + 1)   for x >= 0, y > 0
            let y1 = shifted.magnitude - 1
            let width = max(y1.bitWidth, base.magnitude.bitWidth) + 1
            let allOnes = (BigUInt(1) << width) - 1
            let notX = allOnes ^ base.magnitude
            combined = -BigInt((y1 & notX) + 1)
        }
        return IPAddress(integer: combined, bits: total)
    }

    /// go-cidr's SubnetBig.
    public func subnet(newBits: Int, number: BigInt) throws -> IPNetwork {
        let newPrefix = prefixLength + newBits
        if newPrefix > bitLength {
            throw CIDRError(description: "insufficient address space to extend prefix of \(prefixLength) by \(newBits)")
        }
        // Go computes uint64(1<<uint64(newBits)) - 1, which wraps for negative
        // or >= 64 newBits; and compares against num.Uint64(), the low 64 bits of |num|.
        let maxNet: UInt64 = (newBits < 0 || newBits >= 64) ? UInt64.max : (UInt64(1) << UInt64(newBits)) - 1
        let low64 = UInt64(truncatingIfNeeded: number.magnitude & BigUInt(UInt64.max))
        if low64 > maxNet {
            throw CIDRError(description: "prefix extension of \(newBits) does not accommodate a subnet numbered \(number)")
        }
        guard newPrefix >= 0 else {
            throw CIDRError(description: "insufficient address space to extend prefix of \(prefixLength) by \(newBits)")
        }
        return IPNetwork(address: Self.insert(number, into: address, prefixLength: newPrefix), prefixLength: newPrefix)
    }

    func contains(_ ip: IPAddress) -> Bool {
        ip.bytes.count == address.bytes.count && ip.masked(prefixLength: prefixLength) == address
    }

    private var lastAddress: IPAddress {
        let hostBits = bitLength - prefixLength
        let last = address.integer | ((BigUInt(1) << hostBits) - 1)
        return IPAddress(integer: BigInt(last), bits: bitLength)
    }

    /// Terraform's cidrsubnets: consecutive subnets, each the next aligned
    /// block after the previous one, never leaving this network.
    public func consecutiveSubnets(newBits: [Int]) -> Result<[IPNetwork], SubnetsError> {
        if newBits.isEmpty { return .success([]) }
        let width = bitLength
        func step(_ ip: BigInt, by delta: BigInt) -> IPAddress {
            let modulus = BigInt(1) << width
            var v = (ip + delta) % modulus
            if v < 0 { v += modulus }
            return IPAddress(integer: v, bits: width)
        }
        // The subnet just before the start, at the first requested size.
        let firstLen = prefixLength + newBits[0]
        var current = IPNetwork(
            address: step(BigInt(address.integer), by: -1).masked(prefixLength: max(0, min(width, firstLen))),
            prefixLength: firstLen)
        var out: [IPNetwork] = []
        for (i, bits) in newBits.enumerated() {
            if bits < 1 { return .failure(SubnetsError(argument: i + 1, message: "must extend prefix by at least one bit")) }
            if bits > 32 { return .failure(SubnetsError(argument: i + 1, message: "may not extend prefix by more than 32 bits")) }
            let length = prefixLength + bits
            if length > width {
                let proto = width == 32 ? "IPv4" : "IPv6"
                return .failure(SubnetsError(argument: i + 1, message: "would extend prefix to \(length) bits, which is too long for an \(proto) address"))
            }
            let currentLast = IPNetwork(address: current.address.masked(prefixLength: max(0, min(width, current.prefixLength))), prefixLength: max(0, min(width, current.prefixLength))).lastAddress
            let aligned = IPNetwork(address: currentLast.masked(prefixLength: length), prefixLength: length)
            let after = step(BigInt(aligned.lastAddress.integer), by: 1)
            let next = IPNetwork(address: after.masked(prefixLength: length), prefixLength: length)
            let rollover = after.integer == 0
            if rollover || !contains(next.address) {
                return .failure(SubnetsError(argument: i + 1, message: "not enough remaining address space for a subnet with a prefix of \(length) bits after \(current)"))
            }
            current = next
            out.append(next)
        }
        return .success(out)
    }

    public struct SubnetsError: Error, Equatable, Sendable {
        /// Index of the offending argument in the cidrsubnets call.
        public var argument: Int
        public var message: String
    }
}
