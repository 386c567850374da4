import BigInt
import Crypto
import Foundation

// The hash and crypto family: digests of strings and files (swift-crypto),
// bcrypt, uuid/uuidv5 and rsadecrypt, as Terraform 1.11 defines them.

extension FunctionTable {
    public static let cryptoFamily: [String: Function] = [
        "md5": unary("str") { .string(hex(Insecure.MD5.hash(data: Array($0.utf8)))) },
        "sha1": unary("str") { .string(hex(Insecure.SHA1.hash(data: Array($0.utf8)))) },
        "sha256": unary("str") { .string(hex(SHA256.hash(data: Array($0.utf8)))) },
        "sha512": unary("str") { .string(hex(SHA512.hash(data: Array($0.utf8)))) },
        "base64sha256": unary("str") { .string(GoBase64.encode(Array(SHA256.hash(data: Array($0.utf8))))) },
        "base64sha512": unary("str") { .string(GoBase64.encode(Array(SHA512.hash(data: Array($0.utf8))))) },
        "filemd5": fileHash { hex(Insecure.MD5.hash(data: $0)) },
        "filesha1": fileHash { hex(Insecure.SHA1.hash(data: $0)) },
        "filesha256": fileHash { hex(SHA256.hash(data: $0)) },
        "filesha512": fileHash { hex(SHA512.hash(data: $0)) },
        "filebase64sha256": fileHash { GoBase64.encode(Array(SHA256.hash(data: $0))) },
        "filebase64sha512": fileHash { GoBase64.encode(Array(SHA512.hash(data: $0))) },
        "bcrypt": Function(
            parameters: [FunctionParameter("str", .string)],
            variadic: FunctionParameter("cost", .number),
            returns: .string
        ) { args, _ in
            var cost = Bcrypt.defaultCost
            if args.count > 2 { throw FunctionCallError("bcrypt() takes no more than two arguments") }
            if args.count == 2 { cost = try wholeInt(args[1]) }
            var salt = [UInt8](repeating: 0, count: 16)
            var rng = SystemRandomNumberGenerator()
            for i in 0..<16 { salt[i] = UInt8.random(in: 0...255, using: &rng) }
            do {
                return .string(try Bcrypt.hash(password: Array(args[0].str.utf8), cost: cost, salt: salt))
            } catch let e as Bcrypt.BcryptError {
                throw FunctionCallError("error occured generating password \(e.description)")
            }
        },
        "uuid": Function(parameters: [], returns: .string) { _, _ in
            var rng = SystemRandomNumberGenerator()
            return .string(uuidText((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        },
        "uuidv5": Function(
            parameters: [FunctionParameter("namespace", .string), FunctionParameter("name", .string)], returns: .string
        ) { args, _ in
            let ns: [UInt8]
            switch args[0].str {
            case "dns": ns = parseUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8") ?? []
            case "url": ns = parseUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8") ?? []
            case "oid": ns = parseUUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8") ?? []
            case "x500": ns = parseUUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8") ?? []
            default:
                let s = args[0].str
                guard [32, 36, 38, 45].contains(s.utf8.count) else {
                    throw FunctionCallError("uuidv5() doesn't support namespace \(s) (invalid UUID length: \(s.utf8.count))")
                }
                guard let parsed = parseUUID(s) else {
                    throw FunctionCallError("uuidv5() doesn't support namespace \(s) (invalid UUID format)")
                }
                ns = parsed
            }
            var digest = Array(Insecure.SHA1.hash(data: ns + Array(args[1].str.utf8)).prefix(16))
            digest[6] = (digest[6] & 0x0F) | 0x50
            digest[8] = (digest[8] & 0x3F) | 0x80
            return .string(uuidText(digest))
        },
        "rsadecrypt": Function(
            parameters: [FunctionParameter("ciphertext", .string), FunctionParameter("privatekey", .string)], returns: .string
        ) { args, _ in
            guard case .success(let ct) = GoBase64.decode(args[0].str) else {
                throw FunctionArgumentError(argument: 0, "failed to decode input \(GoQuote.quote(args[0].str)): cipher text must be base64-encoded")
            }
            let key: RSAPrivateKey
            do {
                key = try RSAPrivateKey.parse(pem: args[1].str)
            } catch let e as RSAPrivateKey.KeyError {
                switch e {
                case .invalid(let m): throw FunctionArgumentError(argument: 1, "invalid private key: \(m)")
                case .asn1(let m): throw FunctionArgumentError(argument: 1, "invalid ASN1 data in the given private key: \(m)")
                }
            }
            guard let plain = key.decrypt(ct) else { throw FunctionCallError("failed to decrypt: crypto/rsa: decryption error") }
            return .string(String(decoding: plain, as: UTF8.self))
        },
    ]

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func uuidText(_ b: [UInt8]) -> String {
        let h = hex(b)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    /// google/uuid's Parse: plain, braced, urn:uuid: and 32-hex forms.
    static func parseUUID(_ s: String) -> [UInt8]? {
        var t = Array(s.utf8)
        switch t.count {
        case 36: break
        case 45:
            guard String(decoding: t[0..<9], as: UTF8.self).lowercased() == "urn:uuid:" else { return nil }
            t = Array(t[9...])
        case 38:
            guard t.first == UInt8(ascii: "{"), t.last == UInt8(ascii: "}") else { return nil }
            t = Array(t[1..<37])
        case 32:
            var out: [UInt8] = []
            for i in stride(from: 0, to: 32, by: 2) {
                guard let v = UInt8(String(decoding: t[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
            }
            return out
        default: return nil
        }
        guard t[8] == UInt8(ascii: "-"), t[13] == UInt8(ascii: "-"), t[18] == UInt8(ascii: "-"), t[23] == UInt8(ascii: "-") else { return nil }
        let hexOnly = t.enumerated().filter { ![8, 13, 18, 23].contains($0.offset) }.map(\.element)
        var out: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
            guard let v = UInt8(String(decoding: hexOnly[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(v)
        }
        return out
    }

    /// A digest of a file's bytes; read errors are worded as Go's os errors.
    static func fileHash(_ digest: @escaping @Sendable ([UInt8]) -> String) -> Function {
        Function(parameters: [FunctionParameter("path", .string)], returns: .string) { args, context in
            let path = args[0].str
            switch FileAccess.read(path, base: context.baseDirectory) {
            case .success(let bytes): return .string(digest(bytes))
            case .failure(let e):
                switch e {
                case .missing: throw FunctionCallError("open \(path): no such file or directory")
                case .directory: throw FunctionCallError("read \(path): is a directory")
                case .other(let m): throw FunctionCallError(m)
                case .homeUser: throw FunctionCallError("cannot expand user-specific home dir")
                }
            }
        }
    }
}
