import Engine
import JSON
import Values

/// random_string and random_password: the same generator and rules; the
/// password also keeps a bcrypt hash, marks its result sensitive and has id "none".
enum RandomString {
    static let numChars = "0123456789"
    static let lowerChars = "abcdefghijklmnopqrstuvwxyz"
    static let upperChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let defaultSpecial = "!@#$%&*()-_=+[]{}<>:?"

    static func schema(password: Bool) -> ResourceSchema {
        var rows: [(String, ValueType, String)] = [
            ("id", .string, "c"), ("keepers", .map(.string), "o"), ("length", .number, "r"),
            ("lower", .bool, "oc"), ("min_lower", .number, "oc"), ("min_numeric", .number, "oc"),
            ("min_special", .number, "oc"), ("min_upper", .number, "oc"), ("number", .bool, "oc"),
            ("numeric", .bool, "oc"), ("override_special", .string, "o"), ("special", .bool, "oc"), ("upper", .bool, "oc"),
            ("result", .string, password ? "cs" : "c"),
        ]
        if password { rows.append(("bcrypt_hash", .string, "cs")) }
        return ResourceSchema(version: password ? 3 : 2, block: .flat(rows))
    }

    static func rules(password: Bool) -> [String: FrameworkAttributeRules] {
        var r: [String: FrameworkAttributeRules] = [
            "keepers": .keepers, "length": .replaces, "number": .replaces, "numeric": .replaces,
            "override_special": FrameworkAttributeRules(replace: .unlessEmptyStringToNull),
            "result": .stateForUnknown, "id": .stateForUnknown,
        ]
        for b in ["special", "upper", "lower"] { r[b] = FrameworkAttributeRules(default: .true, replace: .always) }
        for m in ["min_numeric", "min_upper", "min_lower", "min_special"] { r[m] = FrameworkAttributeRules(default: .int(0), replace: .always) }
        if password { r["bcrypt_hash"] = .stateForUnknown }
        return r
    }

    static func validate(_ config: Value) -> [ProviderDiagnostic] {
        guard let c = config.attributes else { return [] }
        var diags: [ProviderDiagnostic] = []
        var ints: [String: Int64] = [:]
        for name in ["length", "min_upper", "min_lower", "min_numeric", "min_special"] {
            let (v, d) = FrameworkPlanning.int64(c[name], name)
            diags += d
            if let v { ints[name] = v }
        }
        if let length = ints["length"] {
            if length < 1 {
                diags.append(.error("Invalid Attribute Value", "Attribute length value must be at least 1, got: \(length)", attribute: .attribute("length")))
            }
            let parts = ["min_upper", "min_lower", "min_numeric", "min_special"]
            if !parts.contains(where: { !(c[$0]?.isKnown ?? true) }) {
                let sum = parts.reduce(Int64(0)) { $0 &+ (ints[$1] ?? 0) }
                if length < sum {
                    diags.append(.error("Invalid Attribute Value",
                                        "Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: \(length)",
                                        attribute: .attribute("length")))
                }
            }
        }
        // The framework warns when a deprecated attribute is set.
        if let n = c["number"], !n.isNull {
            diags.append(ProviderDiagnostic(.warning, "Attribute Deprecated", "**NOTE**: This is deprecated, use `numeric` instead.", attribute: .attribute("number")))
        }
        // AtLeastOneOfTrue(special, upper, lower) on number and numeric: only when set to false.
        for name in ["number", "numeric"] {
            guard let v = c[name], v.isKnown, v.boolValue == false else { continue }
            let others = ["special", "upper", "lower"].map { c[$0] ?? .null(.bool) }
            if others.contains(where: { !$0.isKnown || $0.isNull || $0.boolValue == true }) { continue }
            diags.append(.error("Invalid Attribute Combination",
                                "At least one attribute out of [\(name),special,upper,lower] must be specified as true",
                                attribute: .attribute(name)))
        }
        return diags
    }

    /// The provider's number/numeric modifier: the two stay equal, true when neither is set.
    // Not optimised: the release compiler (CopyPropagation's ownership check) crashes on this function.
    @_optimize(none)
    static func syncNumeric(_ planned: inout [String: Value], _ config: [String: Value]) -> [ProviderDiagnostic] {
        let number = config["number"] ?? .null(.bool), numeric = config["numeric"] ?? .null(.bool)
        if !number.isNull, !numeric.isNull, number.isKnown, numeric.isKnown, number.boolValue != numeric.boolValue {
            return [.error("Number and numeric are both configured with different values", "Number is deprecated, use numeric instead")]
        }
        let value: Value
        if number.isNull && numeric.isNull { value = .true } else if number.isNull { value = numeric } else { value = number }
        planned["number"] = value
        planned["numeric"] = value
        return []
    }

    struct Params {
        var length = 0
        var upper = true, lower = true, numeric = true, special = true
        var minUpper = 0, minLower = 0, minNumeric = 0, minSpecial = 0
        var overrideSpecial = ""

        init(_ a: [String: Value]) {
            func int(_ n: String) -> Int { a[n]?.numberValue?.intValue ?? 0 }
            func bool(_ n: String) -> Bool { a[n]?.boolValue ?? false }
            length = int("length")
            upper = bool("upper"); lower = bool("lower"); numeric = bool("numeric"); special = bool("special")
            minUpper = int("min_upper"); minLower = int("min_lower"); minNumeric = int("min_numeric"); minSpecial = int("min_special")
            overrideSpecial = a["override_special"]?.stringValue ?? ""
        }
    }

    enum GenerationError: Error, CustomStringConvertible {
        case emptyCharset
        case tooLong(Int)
        var description: String {
            switch self {
            case .emptyCharset: return "the character set specified is empty"
            case .tooLong(let n): return "length \(n) is more than this build generates (\(RandomProvider.maxLength) characters)"
            }
        }
    }

    /// The provider's generator: the minimum counts from each class first, the rest
    /// from the union of enabled classes, then shuffled. Bytes, as Go indexes strings.
    static func generate(_ p: Params) throws -> [UInt8] {
        let special = p.overrideSpecial.isEmpty ? defaultSpecial : p.overrideSpecial
        var chars: [UInt8] = []
        if p.upper { chars += upperChars.utf8 }
        if p.lower { chars += lowerChars.utf8 }
        if p.numeric { chars += numChars.utf8 }
        if p.special { chars += special.utf8 }
        if chars.isEmpty { throw GenerationError.emptyCharset }
        if p.length > RandomProvider.maxLength { throw GenerationError.tooLong(p.length) }
        var rng = SystemRandomNumberGenerator()
        func pick(_ set: [UInt8], _ n: Int) throws -> [UInt8] {
            guard n > 0 else { return [] }
            if set.isEmpty { throw GenerationError.emptyCharset }
            return (0..<n).map { _ in set[Int.random(in: 0..<set.count, using: &rng)] }
        }
        var result: [UInt8] = []
        result += try pick(Array(numChars.utf8), p.minNumeric)
        result += try pick(Array(lowerChars.utf8), p.minLower)
        result += try pick(Array(upperChars.utf8), p.minUpper)
        result += try pick(Array(special.utf8), p.minSpecial)
        result += try pick(chars, p.length - result.count)
        result.shuffle(using: &rng)
        return result
    }

    static func randomReadError(_ message: String) -> ProviderDiagnostic {
        .error("Random Read Error",
               "While attempting to generate a random value for this resource, a read error was generated.\n\n" + RandomProvider.retryMessage + "Original Error: \(message)")
    }

    static func create(_ planned: Value, block: SchemaBlock, password: Bool) -> ProviderMessages.ApplyResourceChangeResponse {
        guard var a = planned.attributes else { return .init(newState: planned) }
        let bytes: [UInt8]
        do { bytes = try generate(Params(a)) } catch {
            return .init(newState: .null(block.impliedType), diagnostics: [randomReadError("\(error)")])
        }
        let result = String(decoding: bytes, as: UTF8.self)
        a["result"] = .string(result)
        if password {
            a["id"] = .string("none")
            a["bcrypt_hash"] = .string(PasswordHash.bcrypt(result))
        } else {
            a["id"] = .string(result)
        }
        return .init(newState: Value(type: block.impliedType, content: .attributes(a)))
    }

    static func importState(_ id: String, block: SchemaBlock, password: Bool) -> Value {
        var a: [String: Value] = [
            "id": .string(password ? "none" : id), "result": .string(id), "length": .int(id.utf8.count),
            "special": .true, "upper": .true, "lower": .true, "number": .true, "numeric": .true,
            "min_special": .int(0), "min_upper": .int(0), "min_lower": .int(0), "min_numeric": .int(0),
        ]
        if password { a["bcrypt_hash"] = .string(PasswordHash.bcrypt(id)) }
        return block.object(a)
    }

    /// Older schema versions: fills what they lacked the way the provider's upgraders do.
    static func upgrade(_ raw: JSONValue, block: SchemaBlock, password: Bool) -> (Value, [ProviderDiagnostic]) {
        var members: [JSONMember] = []
        for name in block.sortedAttributeNames { members.append(JSONMember(key: name, value: raw[name] ?? .null)) }
        let value: Value
        switch StateValueCodec.decode(.object(members), as: block) {
        case .success(let v): value = v
        case .failure(let e): return (.dynamicNull, [.error("Failed to decode resource state", e.message)])
        }
        guard var a = value.attributes else { return (value, []) }
        let result = a["result"]?.stringValue ?? ""
        if a["length"]?.isNull ?? true { a["length"] = .int(result.utf8.count) }
        for m in ["min_numeric", "min_upper", "min_lower", "min_special"] where a[m]?.isNull ?? true { a[m] = .int(0) }
        for b in ["special", "upper", "lower", "number"] where a[b]?.isNull ?? true { a[b] = .true }
        if a["numeric"]?.isNull ?? true { a["numeric"] = a["number"] }
        if password, a["bcrypt_hash"]?.isNull ?? true { a["bcrypt_hash"] = .string(PasswordHash.bcrypt(result)) }
        return (Value(type: block.impliedType, content: .attributes(a)), [])
    }
}
