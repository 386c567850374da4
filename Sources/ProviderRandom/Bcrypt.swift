import BigInt

/// bcrypt (`$2a$`), as golang.org/x/crypto/bcrypt produces it for random_password's
/// `bcrypt_hash`. Blowfish's initial P-array and S-boxes are the hexadecimal digits of
/// pi's fraction; they are computed here (Machin's formula) rather than tabulated.
enum Bcrypt {
    static let defaultCost = 10
    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The 18 + 4·256 words Blowfish starts from.
    static let piWords: [UInt32] = computePiWords(count: 18 + 4 * 256)

    static func computePiWords(count: Int) -> [UInt32] {
        let bits = count * 32
        let guardBits = 64
        let one = BigUInt(1) << (bits + guardBits)
        func arctanInverse(_ x: UInt) -> BigUInt {
            // Alternating series; positive and negative parts summed apart to stay unsigned.
            var power = one / BigUInt(x)
            let x2 = BigUInt(x * x)
            var plus = BigUInt(0), minus = BigUInt(0)
            var k: UInt = 0
            while !power.isZero {
                let term = power / BigUInt(2 * k + 1)
                if k % 2 == 0 { plus += term } else { minus += term }
                power /= x2
                k += 1
            }
            return plus - minus
        }
        let pi = 16 * arctanInverse(5) - 4 * arctanInverse(239)
        let fraction = (pi - 3 * one) >> guardBits
        var bytes = Array(fraction.serialize())
        if bytes.count < count * 4 { bytes = Array(repeating: 0, count: count * 4 - bytes.count) + bytes }
        var words: [UInt32] = []
        words.reserveCapacity(count)
        for i in 0..<count {
            let b = bytes[(i * 4)..<(i * 4 + 4)]
            words.append(b.reduce(0) { $0 << 8 | UInt32($1) })
        }
        return words
    }

    struct Blowfish {
        var p: [UInt32]
        var s: [UInt32]

        init() {
            let w = Bcrypt.piWords
            p = Array(w[0..<18])
            s = Array(w[18...])
        }

        @inline(__always) func f(_ x: UInt32) -> UInt32 {
            let a = s[Int(x >> 24)], b = s[256 + Int((x >> 16) & 0xff)]
            let c = s[512 + Int((x >> 8) & 0xff)], d = s[768 + Int(x & 0xff)]
            return ((a &+ b) ^ c) &+ d
        }

        func encrypt(_ l0: UInt32, _ r0: UInt32) -> (UInt32, UInt32) {
            var l = l0, r = r0
            for i in stride(from: 0, to: 16, by: 2) {
                l ^= p[i]
                r ^= f(l)
                r ^= p[i + 1]
                l ^= f(r)
            }
            l ^= p[16]
            r ^= p[17]
            return (r, l)
        }

        static func word(_ data: [UInt8], _ j: inout Int) -> UInt32 {
            var w: UInt32 = 0
            for _ in 0..<4 {
                w = w << 8 | UInt32(data[j])
                j = (j + 1) % data.count
            }
            return w
        }

        mutating func expand(key: [UInt8], salt: [UInt8]?) {
            var j = 0
            for i in 0..<18 { p[i] ^= Blowfish.word(key, &j) }
            var l: UInt32 = 0, r: UInt32 = 0
            var k = 0
            for i in stride(from: 0, to: 18, by: 2) {
                if let salt { l ^= Blowfish.word(salt, &k); r ^= Blowfish.word(salt, &k) }
                (l, r) = encrypt(l, r)
                p[i] = l
                p[i + 1] = r
            }
            for i in stride(from: 0, to: 1024, by: 2) {
                if let salt { l ^= Blowfish.word(salt, &k); r ^= Blowfish.word(salt, &k) }
                (l, r) = encrypt(l, r)
                s[i] = l
                s[i + 1] = r
            }
        }
    }

    /// bcrypt's own base64: its alphabet, no padding.
    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let b0 = Int(data[i]), b1 = i + 1 < data.count ? Int(data[i + 1]) : 0, b2 = i + 2 < data.count ? Int(data[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            if i + 1 < data.count { out.append(alphabet[((b1 & 0xf) << 2) | (b2 >> 6)]) }
            if i + 2 < data.count { out.append(alphabet[b2 & 0x3f]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        for c in text.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(v)
        }
        var out: [UInt8] = []
        var i = 0
        while i < values.count {
            let n = min(4, values.count - i)
            guard n >= 2 else { return nil }
            let v = values[i..<(i + n)].map { $0 } + Array(repeating: 0, count: 4 - n)
            out.append(UInt8((v[0] << 2 | v[1] >> 4) & 0xff))
            if n > 2 { out.append(UInt8((v[1] << 4 | v[2] >> 2) & 0xff)) }
            if n > 3 { out.append(UInt8((v[2] << 6 | v[3]) & 0xff)) }
            i += 4
        }
        return out
    }

    /// The `$2a$` hash of `password` (at most its first 72 bytes count) with a 16-byte salt.
    static func hash(_ password: [UInt8], cost: Int = defaultCost, salt: [UInt8]) -> String {
        var key = Array(password.prefix(72))
        key.append(0)
        var state = Blowfish()
        state.expand(key: key, salt: salt)
        for _ in 0..<(1 << cost) {
            state.expand(key: key, salt: nil)
            state.expand(key: salt, salt: nil)
        }
        var text = Array("OrpheanBeholderScryDoubt".utf8)
        var words: [UInt32] = []
        var j = 0
        for _ in 0..<6 { words.append(Blowfish.word(text, &j)) }
        for _ in 0..<64 {
            for i in stride(from: 0, to: 6, by: 2) { (words[i], words[i + 1]) = state.encrypt(words[i], words[i + 1]) }
        }
        text = words.flatMap { w in [UInt8(w >> 24), UInt8((w >> 16) & 0xff), UInt8((w >> 8) & 0xff), UInt8(w & 0xff)] }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$" + costText + "$" + encode(salt) + encode(Array(text.prefix(23)))
    }

    static func hash(_ password: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return hash(Array(password.utf8), salt: salt)
    }

    /// Whether `hashed` (a `$2a$`/`$2b$` hash) matches `password`.
    static func verify(_ password: String, hashed: String) -> Bool {
        let parts = hashed.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, let cost = Int(parts[2]), (4...31).contains(cost), parts[3].count == 53,
              let salt = decode(String(parts[3].prefix(22))), salt.count == 16 else { return false }
        let again = hash(Array(password.utf8), cost: cost, salt: salt)
        return again.dropFirst(4) == hashed.dropFirst(4)
    }
}
