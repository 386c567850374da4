import JSON

/// Checks output values against their recorded cty type, as terraform does when
/// it decodes outputs from state, and puts values in the form cty writes.
enum OutputTypeCheck {
    static let primitives: Set<String> = ["string", "number", "bool", "dynamic"]

    static func isValidType(_ t: JSONValue) -> Bool {
        switch t {
        case .string(let s): return primitives.contains(s)
        case .array(let a):
            guard a.count == 2, let kind = a[0].stringValue else { return false }
            switch kind {
            case "list", "set", "map": return isValidType(a[1])
            case "tuple":
                guard let elems = a[1].arrayValue else { return false }
                return elems.allSatisfy(isValidType)
            case "object":
                guard let attrs = a[1].objectValue else { return false }
                return attrs.allSatisfy { isValidType($0.value) }
            default: return false
            }
        default: return false
        }
    }

    static func typeError(_ t: JSONValue) -> String {
        switch t {
        case .string(let s): return "invalid primitive type name \(StateFileReader.goQuote(s))"
        case .array: return "invalid complex type description"
        default: return "invalid type specification"
        }
    }

    /// Why `v` cannot be a value of type `t`, or nil when it can.
    static func valueProblem(_ v: JSONValue, _ t: JSONValue) -> String? {
        if v.isNull { return nil }
        switch t {
        case .string("string"):
            if case .string = v { return nil }
            return "string is required"
        case .string("number"):
            if case .number = v { return nil }
            return "number is required"
        case .string("bool"):
            if case .bool = v { return nil }
            return "bool is required"
        case .string("dynamic"):
            return nil
        case .array(let a) where a.count == 2:
            let kind = a[0].stringValue ?? ""
            switch kind {
            case "list", "set":
                guard let items = v.arrayValue else { return "array is required" }
                for item in items { if let p = valueProblem(item, a[1]) { return p } }
                return nil
            case "tuple":
                guard let items = v.arrayValue, let types = a[1].arrayValue else { return "array is required" }
                guard items.count == types.count else { return "wrong number of elements" }
                for (item, type) in zip(items, types) { if let p = valueProblem(item, type) { return p } }
                return nil
            case "map":
                guard let members = v.objectValue else { return "object is required" }
                for m in members { if let p = valueProblem(m.value, a[1]) { return p } }
                return nil
            case "object":
                guard let members = v.objectValue, let attrs = a[1].objectValue else { return "object is required" }
                for attr in attrs {
                    guard let m = members.first(where: { $0.key == attr.key }) else {
                        return "missing expected attribute \(StateFileReader.goQuote(attr.key))"
                    }
                    if let p = valueProblem(m.value, attr.value) { return p }
                }
                for m in members where !attrs.contains(where: { $0.key == m.key }) {
                    return "unsupported attribute \(StateFileReader.goQuote(m.key))"
                }
                return nil
            default:
                return "unsupported type"
            }
        default:
            return "unsupported type"
        }
    }

    /// Object members sorted by key, as cty's JSON encoder writes maps and objects.
    static func canonical(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let members):
            let sorted = members.map { JSONMember(key: $0.key, value: canonical($0.value)) }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return .object(sorted)
        case .array(let items):
            return .array(items.map(canonical))
        case .number(let n):
            return .number(canonicalNumber(n))
        default:
            return v
        }
    }

    /// A JSON number as cty writes it: plain decimal notation, no exponent, no
    /// trailing fraction zeros (`1.50` -> `1.5`, `1e3` -> `1000`, `-0` -> `0`).
    static func canonicalNumber(_ text: String) -> String {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...].drop(while: { $0 == "+" })) else { return text }
            exponent = x
            s = s[..<e]
        }
        var intPart = s
        var fracPart = Substring("")
        if let dot = s.firstIndex(of: ".") {
            intPart = s[..<dot]
            fracPart = s[s.index(after: dot)...]
        }
        guard (intPart + fracPart).allSatisfy({ $0.isASCII && $0.isNumber }), abs(exponent) < 10_000 else { return text }
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        // Pad so the decimal point falls within the digits.
        if point < 0 { digits.insert(contentsOf: Array(repeating: Character("0"), count: -point), at: 0); point = 0 }
        if point > digits.count { digits.append(contentsOf: Array(repeating: Character("0"), count: point - digits.count)) }
        var whole = String(digits[..<point]).drop(while: { $0 == "0" })
        var frac = String(digits[point...])
        while frac.hasSuffix("0") { frac.removeLast() }
        if whole.isEmpty { whole = "0" }
        var out = String(whole)
        if !frac.isEmpty { out += "." + frac }
        if negative && out != "0" { out = "-" + out }
        return out
    }
}
