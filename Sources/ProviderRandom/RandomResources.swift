import BigInt
import Engine
import Foundation
import Values

/// A source of randomness: the system's, or — when a resource has a `seed` — a
/// deterministic one keyed by the seed's CRC-64 (ISO), as the provider keys Go's
/// math/rand. The sequence is this build's own (SplitMix64), not Go's, so a seed
/// gives a stable result here but not the same one terraform's provider gives.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64?
    var system = SystemRandomNumberGenerator()

    init(seed: String?) {
        if let seed, !seed.isEmpty { state = SeededRandom.crc64ISO(Array(seed.utf8)) }
    }

    mutating func next() -> UInt64 {
        guard var s = state else { return system.next() }
        s &+= 0x9E37_79B9_7F4A_7C15
        state = s
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let crcTable: [UInt64] = (0..<256).map { i -> UInt64 in
        var crc = UInt64(i)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xD800_0000_0000_0000 : crc >> 1 }
        return crc
    }

    static func crc64ISO(_ bytes: [UInt8]) -> UInt64 {
        var crc = ~UInt64(0)
        for b in bytes { crc = crcTable[Int(UInt8(truncatingIfNeeded: crc) ^ b)] ^ (crc >> 8) }
        return ~crc
    }
}

enum RandomResources {
    static func randomBytes(_ n: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xf)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Go's base64.RawURLEncoding.DecodeString: no padding accepted, URL alphabet only.
    static func decodeBase64URL(_ s: String) -> [UInt8]? {
        if s.contains("=") || s.contains("+") || s.contains("/") || s.utf8.count % 4 == 1 { return nil }
        var std = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while std.utf8.count % 4 != 0 { std += "=" }
        return Data(base64Encoded: std).map { Array($0) }
    }

    static func goDecimal(_ bytes: [UInt8]) -> String { String(BigUInt(Data(bytes))) }

    // MARK: random_id

    static let idSchema = ResourceSchema(block: .flat([
        ("b64_std", .string, "c"), ("b64_url", .string, "c"), ("byte_length", .number, "r"), ("dec", .string, "c"),
        ("hex", .string, "c"), ("id", .string, "c"), ("keepers", .map(.string), "o"), ("prefix", .string, "o"),
    ]))
    static let idRules: [String: FrameworkAttributeRules] = [
        "keepers": .keepers, "byte_length": .replaces, "prefix": .replaces,
        "b64_url": .stateForUnknown, "b64_std": .stateForUnknown, "hex": .stateForUnknown, "dec": .stateForUnknown, "id": .stateForUnknown,
    ]

    static func idValues(_ bytes: [UInt8], prefix: String) -> [String: Value] {
        let id = base64URL(bytes)
        return ["id": .string(id), "b64_url": .string(prefix + id), "b64_std": .string(prefix + Data(bytes).base64EncodedString()),
                "hex": .string(prefix + hex(bytes)), "dec": .string(prefix + goDecimal(bytes))]
    }

    static func createID(_ planned: [String: Value]) -> ([String: Value], [ProviderDiagnostic]) {
        var a = planned
        let n = planned["byte_length"]?.numberValue?.intValue ?? 0
        guard (0...RandomProvider.maxLength).contains(n) else {
            return (a, [.error("Create Random ID Error", "byte_length must be a non-negative number of bytes, got: \(n)", attribute: .attribute("byte_length"))])
        }
        a.merge(idValues(randomBytes(n), prefix: planned["prefix"]?.stringValue ?? "")) { _, b in b }
        return (a, [])
    }

    static func importID(_ raw: String) -> ([String: Value]?, [ProviderDiagnostic]) {
        var id = raw
        var prefix = ""
        if let comma = raw.lastIndex(of: ",") {
            prefix = String(raw[..<comma])
            id = String(raw[raw.index(after: comma)...])
        }
        guard let bytes = decodeBase64URL(id) else {
            return (nil, [.error("Import Random ID Error",
                                 "While attempting to import a random id there was a decoding error.\n\n+" + RandomProvider.retryMessage
                                    + "Original Error: illegal base64 data at input byte \(firstBadBase64Index(id))")])
        }
        var a = idValues(bytes, prefix: prefix)
        a["byte_length"] = .int(bytes.count)
        a["prefix"] = prefix.isEmpty ? .null(.string) : .string(prefix)
        return (a, [])
    }

    /// Where Go's decoder stops: the first byte outside the alphabet (URL-safe or standard).
    static func firstBadBase64Index(_ s: String, standard: Bool = false) -> Int {
        let ok = Set(("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (standard ? "+/=" : "-_")).utf8)
        for (i, c) in s.utf8.enumerated() where !ok.contains(c) { return i }
        return s.utf8.count
    }

    // MARK: random_bytes

    static let bytesSchema = ResourceSchema(block: .flat([
        ("base64", .string, "cs"), ("hex", .string, "cs"), ("keepers", .map(.string), "o"), ("length", .number, "r"),
    ]))
    static let bytesRules: [String: FrameworkAttributeRules] = [
        "keepers": .replaces, "length": .replaces, "base64": .stateForUnknown, "hex": .stateForUnknown,
    ]

    static func validateBytes(_ config: Value) -> [ProviderDiagnostic] {
        let (n, diags) = FrameworkPlanning.int64(config.attributes?["length"], "length")
        if let n, n < 1 {
            return diags + [.error("Invalid Attribute Value", "Attribute length value must be at least 1, got: \(n)", attribute: .attribute("length"))]
        }
        return diags
    }

    static func createBytes(_ planned: [String: Value]) -> ([String: Value], [ProviderDiagnostic]) {
        var a = planned
        let n = planned["length"]?.numberValue?.intValue ?? 0
        guard (0...RandomProvider.maxLength).contains(n) else {
            return (a, [.error("Create Random bytes error", "There was an error during random generation.\n\n" + RandomProvider.retryMessage
                                + "Original Error: length \(n) is more than this build generates (\(RandomProvider.maxLength) bytes)")])
        }
        let bytes = randomBytes(n)
        a["base64"] = .string(Data(bytes).base64EncodedString())
        a["hex"] = .string(hex(bytes))
        return (a, [])
    }

    static func importBytes(_ id: String) -> ([String: Value]?, [ProviderDiagnostic]) {
        guard let data = Data(base64Encoded: id) else {
            return (nil, [.error("Import Random bytes Error",
                                 "There was an error during the parsing of the base64 string.\n\n" + RandomProvider.retryMessage
                                    + "Original Error: illegal base64 data at input byte \(firstBadBase64Index(id, standard: true))")])
        }
        return (["length": .int(data.count), "base64": .string(id), "hex": .string(hex(Array(data)))], [])
    }

    // MARK: random_integer

    static let integerSchema = ResourceSchema(block: .flat([
        ("id", .string, "c"), ("keepers", .map(.string), "o"), ("max", .number, "r"), ("min", .number, "r"),
        ("result", .number, "c"), ("seed", .string, "o"),
    ]))
    static let integerRules: [String: FrameworkAttributeRules] = [
        "keepers": .keepers, "min": .replaces, "max": .replaces, "seed": .replaces, "result": .stateForUnknown, "id": .stateForUnknown,
    ]

    static func createInteger(_ planned: [String: Value]) -> ([String: Value], [ProviderDiagnostic]) {
        var a = planned
        let lo = Int64(planned["min"]?.numberValue?.intValue ?? 0), hi = Int64(planned["max"]?.numberValue?.intValue ?? 0)
        guard hi >= lo else {
            return (a, [.error("Create Random Integer Error", "The minimum (minVal) value needs to be smaller than or equal to maximum (maxVal) value.")])
        }
        var rng = SeededRandom(seed: planned["seed"]?.stringValue)
        let n = Int64.random(in: lo...hi, using: &rng)
        a["result"] = .int(Int(n))
        a["id"] = .string(String(n))
        if (planned["seed"]?.stringValue ?? "").isEmpty { a["seed"] = .null(.string) }
        return (a, [])
    }

    static func importInteger(_ id: String) -> ([String: Value]?, [ProviderDiagnostic]) {
        let parts = id.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || parts.count == 4 else {
            return (nil, [.error("Import Random Integer Error", "Invalid import usage: expecting {result},{min},{max} or {result},{min},{max},{seed}")])
        }
        let what = ["The value supplied", "The min value supplied", "The max value supplied"]
        var nums: [Int64] = []
        for i in 0..<3 {
            guard let n = Int64(parts[i]) else {
                let reason = parts[i].allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }) && !parts[i].isEmpty ? "value out of range" : "invalid syntax"
                return (nil, [.error("Import Random Integer Error",
                                     "\(what[i]) could not be parsed as an integer.\n\nOriginal Error: strconv.ParseInt: parsing \(GoQuote.quote(parts[i])): \(reason)")])
            }
            nums.append(n)
        }
        var a: [String: Value] = ["id": .string(parts[0]), "result": .int(Int(nums[0])), "min": .int(Int(nums[1])), "max": .int(Int(nums[2]))]
        if parts.count == 4 { a["seed"] = .string(parts[3]) }
        return (a, [])
    }

    // MARK: random_shuffle

    static let shuffleSchema = ResourceSchema(block: .flat([
        ("id", .string, "c"), ("input", .list(.string), "r"), ("keepers", .map(.string), "o"),
        ("result", .list(.string), "c"), ("result_count", .number, "o"), ("seed", .string, "o"),
    ]))
    static let shuffleRules: [String: FrameworkAttributeRules] = [
        "keepers": .keepers, "seed": .replaces, "input": .replaces, "result_count": .replaces,
        "result": .stateForUnknown, "id": .stateForUnknown,
    ]

    static func createShuffle(_ planned: [String: Value]) -> [String: Value] {
        var a = planned
        a["id"] = .string("-")
        let input = planned["input"]?.elements ?? []
        let count = planned["result_count"].flatMap { $0.isNull ? nil : $0.numberValue?.intValue } ?? input.count
        guard count != 0, !input.isEmpty else {
            a["result"] = .emptyList(.string)
            return a
        }
        var rng = SeededRandom(seed: planned["seed"]?.stringValue)
        var out: [Value] = []
        // Whole permutations, repeated until enough (at least one element, as the provider's loop).
        batches: while true {
            for i in Array(input.indices).shuffled(using: &rng) {
                out.append(input[i])
                if out.count >= count { break batches }
            }
        }
        a["result"] = .list(out, elementType: .string)
        return a
    }

    // MARK: random_uuid

    static let uuidSchema = ResourceSchema(block: .flat([
        ("id", .string, "c"), ("keepers", .map(.string), "o"), ("result", .string, "c"),
    ]))
    static let uuidRules: [String: FrameworkAttributeRules] = ["keepers": .keepers, "result": .stateForUnknown, "id": .stateForUnknown]

    /// hashicorp/go-uuid's GenerateUUID: 16 random bytes, 8-4-4-4-12, no version bits.
    static func uuidString(_ b: [UInt8]) -> String {
        let h = hex(b)
        let u = Array(h.utf8)
        func part(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        return [part(0..<8), part(8..<12), part(12..<16), part(16..<20), part(20..<32)].joined(separator: "-")
    }

    static func importUUID(_ id: String) -> ([String: Value]?, [ProviderDiagnostic]) {
        func fail(_ why: String) -> ([String: Value]?, [ProviderDiagnostic]) {
            (nil, [.error("Import Random UUID Error",
                          "There was an error during the parsing of the UUID.\n\n" + RandomProvider.retryMessage + "Original Error: \(why)")])
        }
        let u = Array(id.utf8)
        guard u.count == 36 else { return fail("uuid string is wrong length") }
        guard u[8] == UInt8(ascii: "-"), u[13] == UInt8(ascii: "-"), u[18] == UInt8(ascii: "-"), u[23] == UInt8(ascii: "-") else {
            return fail("uuid is improperly formatted")
        }
        var bytes: [UInt8] = []
        var hexDigits = u
        hexDigits.removeAll { $0 == UInt8(ascii: "-") }
        func val(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        guard hexDigits.count == 32 else { return fail("decoded hex is the wrong length") }
        for i in stride(from: 0, to: 32, by: 2) {
            guard let hi = val(hexDigits[i]) else { return fail("encoding/hex: invalid byte: \(goRune(hexDigits[i]))") }
            guard let lo = val(hexDigits[i + 1]) else { return fail("encoding/hex: invalid byte: \(goRune(hexDigits[i + 1]))") }
            bytes.append(hi << 4 | lo)
        }
        let result = uuidString(bytes)
        return (["id": .string(result), "result": .string(result)], [])
    }

    /// Go's `%#U` of a byte, as encoding/hex reports a bad one.
    static func goRune(_ c: UInt8) -> String {
        let code = String(c, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        if c >= 0x20 && c < 0x7f { return "U+\(padded) '\(Character(Unicode.Scalar(c)))'" }
        return "U+\(padded)"
    }

    // MARK: random_pet

    static let petSchema = ResourceSchema(block: .flat([
        ("id", .string, "c"), ("keepers", .map(.string), "o"), ("length", .number, "oc"), ("prefix", .string, "o"), ("separator", .string, "oc"),
    ]))
    static let petRules: [String: FrameworkAttributeRules] = [
        "keepers": .keepers, "length": FrameworkAttributeRules(default: .int(2), replace: .always), "prefix": .replaces,
        "separator": FrameworkAttributeRules(default: .string("-"), replace: .always), "id": .stateForUnknown,
    ]

    static func createPet(_ planned: [String: Value]) -> [String: Value] {
        var a = planned
        let length = planned["length"]?.numberValue?.intValue ?? 2
        let separator = planned["separator"]?.stringValue ?? "-"
        let prefix = planned["prefix"]?.stringValue ?? ""
        var rng = SystemRandomNumberGenerator()
        var name = PetNames.generate(words: length, separator: separator, using: &rng).lowercased()
        if !prefix.isEmpty { name = prefix + separator + name } else { a["prefix"] = .null(.string) }
        a["id"] = .string(name)
        return a
    }
}
