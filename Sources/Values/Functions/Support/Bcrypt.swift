/// bcrypt password hashing ($2a$ variant, as Go's x/crypto/bcrypt produces
/// for Terraform's `bcrypt`): Blowfish with the expensive key schedule.
/// swift-crypto has no bcrypt, so this is written from the published
/// algorithm (Provos and Mazières, 1999) and checked against hashes that
/// Terraform itself produced.
public enum Bcrypt {
    public static let minCost = 4
    public static let maxCost = 31
    public static let defaultCost = 10

    public struct BcryptError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Standard base64 bit order over bcrypt's alphabet, without padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i]), b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            if i + 1 < bytes.count { out.append(alphabet[((b1 & 15) << 2) | (b2 >> 6)]) }
            if i + 2 < bytes.count { out.append(alphabet[b2 & 63]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// bcrypt's base64 (its own alphabet, no padding) back to bytes; nil on a foreign character.
    public static func decode(_ text: String) -> [UInt8]? {
        var table = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = i }
        var bits = 0, nbits = 0
        var out: [UInt8] = []
        for c in text.utf8 {
            let v = table[Int(c)]
            if v < 0 { return nil }
            bits = (bits << 6) | v
            nbits += 6
            if nbits >= 8 {
                nbits -= 8
                out.append(UInt8((bits >> nbits) & 0xFF))
            }
        }
        return out
    }

    /// Hashes with the given cost (below the minimum means the default, as in
    /// Go) and 16-byte salt.
    public static func hash(password: [UInt8], cost requested: Int, salt: [UInt8]) throws -> String {
        if password.count > 72 { throw BcryptError(description: "bcrypt: password length exceeds 72 bytes") }
        let cost = requested < minCost ? defaultCost : requested
        if cost > maxCost {
            throw BcryptError(description: "crypto/bcrypt: cost \(cost) is outside allowed range (\(minCost),\(maxCost))")
        }
        precondition(salt.count == 16, "bcrypt salt is 16 bytes")
        var key = password
        key.append(0)
        let state = Blowfish()
        defer { state.free() }
        state.expand(key: key, salt: salt)
        let rounds = UInt64(1) << UInt64(cost)
        var r: UInt64 = 0
        while r < rounds {
            state.expand(key: key, salt: nil)
            state.expand(key: salt, salt: nil)
            r += 1
        }
        var data = Array("OrpheanBeholderScryDoubt".utf8)
        for block in stride(from: 0, to: 24, by: 8) {
            var l = word(data, block), rr = word(data, block + 4)
            for _ in 0..<64 { (l, rr) = state.encrypt(l, rr) }
            put(l, &data, block)
            put(rr, &data, block + 4)
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(costText)$" + encode(salt) + encode(Array(data[0..<23]))
    }

    /// Re-computes a hash from its own salt and cost and compares.
    public static func verify(password: [UInt8], hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "2a" || parts[1] == "2b", let cost = Int(parts[2]), parts[3].count == 53,
              let salt = decode(String(parts[3].prefix(22))), salt.count == 16,
              let again = try? Self.hash(password: password, cost: cost, salt: salt)
        else { return false }
        return again.dropFirst(4) == hash.dropFirst(4)
    }

    static func word(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func put(_ w: UInt32, _ b: inout [UInt8], _ i: Int) {
        b[i] = UInt8(w >> 24); b[i + 1] = UInt8((w >> 16) & 0xFF); b[i + 2] = UInt8((w >> 8) & 0xFF); b[i + 3] = UInt8(w & 0xFF)
    }
}

/// Blowfish state: the P-array and the four S-boxes in one raw buffer. The key
/// schedule runs about a million block encryptions at cost 10, and array
/// bounds checks and copy-on-write made it several times slower in debug builds.
struct Blowfish {
    let w: UnsafeMutablePointer<UInt32>

    init() {
        w = UnsafeMutablePointer<UInt32>.allocate(capacity: 18 + 1024)
        BlowfishConstants.p.withUnsafeBufferPointer { w.initialize(from: $0.baseAddress!, count: 18) }
        BlowfishConstants.s.withUnsafeBufferPointer { (w + 18).initialize(from: $0.baseAddress!, count: 1024) }
    }

    func free() { w.deallocate() }

    @inline(__always)
    func f(_ x: UInt32) -> UInt32 {
        let s = w + 18
        let a = s[Int(x >> 24)], b = s[256 + Int((x >> 16) & 0xFF)]
        let c = s[512 + Int((x >> 8) & 0xFF)], d = s[768 + Int(x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }

    @inline(__always)
    func encrypt(_ l0: UInt32, _ r0: UInt32) -> (UInt32, UInt32) {
        var l = l0 ^ w[0]
        var r = r0
        var i = 1
        while i <= 16 {
            r ^= f(l) ^ w[i]
            l ^= f(r) ^ w[i + 1]
            i += 2
        }
        r ^= w[17]
        return (r, l)
    }

    @inline(__always)
    static func next(_ data: [UInt8], _ pos: inout Int) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            v = v << 8 | UInt32(data[pos])
            pos += 1
            if pos == data.count { pos = 0 }
        }
        return v
    }

    /// The key schedule step; with a salt, the salt is folded into every
    /// block that is encrypted (the "expensive" variant's first step).
    func expand(key: [UInt8], salt: [UInt8]?) {
        var j = 0
        for i in 0..<18 { w[i] ^= Blowfish.next(key, &j) }
        var sj = 0
        var l: UInt32 = 0, r: UInt32 = 0
        var i = 0
        // P-array and S-boxes are contiguous: one pass fills all 1042 words.
        while i < 18 + 1024 {
            if let salt { l ^= Blowfish.next(salt, &sj); r ^= Blowfish.next(salt, &sj) }
            (l, r) = encrypt(l, r)
            w[i] = l
            w[i + 1] = r
            i += 2
        }
    }
}
