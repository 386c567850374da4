import BigInt
import Foundation

/// An RSA private key from PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8
/// "PRIVATE KEY"), enough for `rsadecrypt`'s PKCS#1 v1.5 decryption, with
/// the error wording Terraform's `rsadecrypt` shows (from Go's ssh and asn1
/// packages).
struct RSAPrivateKey {
    var modulus: BigUInt
    var privateExponent: BigUInt

    enum KeyError: Error {
        /// "invalid private key: <message>"
        case invalid(String)
        /// "invalid ASN1 data in the given private key: <message>"
        case asn1(String)
    }

    static func parse(pem: String) throws -> RSAPrivateKey {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            throw KeyError.invalid("ssh: no key found")
        }
        let label = lines[begin].dropFirst(11).dropLast(5)
        guard let end = lines[(begin + 1)...].firstIndex(where: { $0 == "-----END \(label)-----" }) else {
            throw KeyError.invalid("ssh: no key found")
        }
        var body: [String] = []
        var encrypted = false
        for l in lines[(begin + 1)..<end] {
            if l.contains(":") {
                if l.hasPrefix("Proc-Type:") && l.contains("ENCRYPTED") { encrypted = true }
                continue
            }
            body.append(l)
        }
        if encrypted { throw KeyError.invalid("ssh: this private key is passphrase protected") }
        guard case .success(let der) = GoBase64.decode(body.joined()) else { throw KeyError.invalid("ssh: no key found") }
        switch label {
        case "RSA PRIVATE KEY": return try pkcs1(der)
        case "PRIVATE KEY": return try pkcs8(der)
        case "ENCRYPTED PRIVATE KEY": throw KeyError.invalid("ssh: this private key is passphrase protected")
        default: throw KeyError.invalid("ssh: unsupported key type \(GoQuote.quote(String(label)))")
        }
    }

    static func pkcs1(_ der: [UInt8]) throws -> RSAPrivateKey {
        var r = DERReader(der)
        var seq = try r.element(tag: 0x30)
        _ = try seq.integer()
        let n = try seq.integer()
        _ = try seq.integer()
        let d = try seq.integer()
        return RSAPrivateKey(modulus: n, privateExponent: d)
    }

    static func pkcs8(_ der: [UInt8]) throws -> RSAPrivateKey {
        var r = DERReader(der)
        var seq = try r.element(tag: 0x30)
        _ = try seq.integer()
        _ = try seq.element(tag: 0x30)
        let inner = try seq.element(tag: 0x04)
        return try pkcs1(Array(inner.bytes[inner.position...]))
    }

    /// RSA decryption with PKCS#1 v1.5 padding; nil on any padding problem.
    func decrypt(_ c: [UInt8]) -> [UInt8]? {
        let k = (modulus.bitWidth + 7) / 8
        guard c.count == k, k >= 11 else { return nil }
        let ci = BigUInt(Data(c))
        guard ci < modulus else { return nil }
        let m = ci.power(privateExponent, modulus: modulus)
        var em = Array(m.serialize())
        if em.count < k { em = [UInt8](repeating: 0, count: k - em.count) + em }
        guard em[0] == 0, em[1] == 2, let zero = em[2...].firstIndex(of: 0), zero >= 10 else { return nil }
        return Array(em[(zero + 1)...])
    }
}

/// Just enough DER to read RSA keys; every length is checked.
struct DERReader {
    var bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func element(tag: UInt8) throws -> DERReader {
        guard position + 2 <= bytes.count else { throw RSAPrivateKey.KeyError.asn1("truncated tag or length") }
        guard bytes[position] == tag else { throw RSAPrivateKey.KeyError.asn1("structure error: tags don't match") }
        var len = Int(bytes[position + 1])
        var p = position + 2
        if len & 0x80 != 0 {
            let n = len & 0x7F
            guard n > 0, n <= 4, p + n <= bytes.count else { throw RSAPrivateKey.KeyError.asn1("truncated tag or length") }
            len = 0
            for i in 0..<n { len = len << 8 | Int(bytes[p + i]) }
            p += n
        }
        guard p + len <= bytes.count else { throw RSAPrivateKey.KeyError.asn1("data truncated") }
        let inner = DERReader(Array(bytes[p..<(p + len)]))
        position = p + len
        return inner
    }

    mutating func integer() throws -> BigUInt {
        let e = try element(tag: 0x02)
        return BigUInt(Data(e.bytes))
    }
}
