import BigInt
import JSON

/// Terraform's JSON view of values (cty's json.Marshal with the value's own
/// type, and decoding to the structural types jsondecode produces).
enum ValueJSON {
    struct EncodeError: Error {
        var message: String
    }

    static func toJSON(_ v: Value) throws -> JSONValue {
        if !v.isKnown { throw EncodeError(message: "value is not known") }
        if v.isNull { return .null }
        switch v.content {
        case .bool(let b): return .bool(b)
        case .number(let n):
            if n.isInfinite { throw EncodeError(message: "cannot serialize infinity as JSON") }
            return .number(n.description)
        case .string(let s): return .string(s)
        case .elements(let e): return .array(try e.map(toJSON))
        case .attributes(let a):
            return .object(try a.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).map {
                JSONMember(key: $0, value: try toJSON(a[$0] ?? .dynamicNull))
            })
        default:
            throw EncodeError(message: "value of type \(v.type.friendlyName) cannot be represented as JSON")
        }
    }

    static func encode(_ v: Value) throws -> String {
        JSONWriter().string(try toJSON(v))
    }

    static func quoted(_ s: String) -> String { JSONWriter.quoted(s) }

    /// Objects become object values, arrays tuples, numbers exact.
    static func toValue(_ j: JSONValue) -> Value {
        switch j {
        case .null: return .dynamicNull
        case .bool(let b): return .bool(b)
        case .number(let text): return Value.number(parsing: text) ?? .dynamicNull
        case .string(let s): return .string(s)
        case .array(let a): return .tuple(a.map(toValue))
        case .object(let members):
            var attrs: [String: Value] = [:]
            attrs.reserveCapacity(members.count)
            for m in members { attrs[m.key] = toValue(m.value) }
            return .object(attrs)
        }
    }
}

extension ValueJSON {
    /// jsondecode's view of a parsed document, built straight from the
    /// wrapper's tree. `invalidNumber` is set for a number token that is not
    /// a decimal (json-c takes NaN and Infinity, Go's decoder does not).
    static func toValue(_ node: JSONNode, invalidNumber: inout Bool) -> Value {
        switch node.kind {
        case .null: return .dynamicNull
        case .bool: return node.bool ? .true : .false
        case .number:
            switch node.number {
            case .integer(let i):
                if i.magnitude < (1 << 62) { return .number(.small(Int(i), precision: Number.defaultPrecision)) }
                return Value.number(parsing: String(i)) ?? .dynamicNull
            case .text(let text):
                let first = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst().first : text.utf8.first
                guard let first, first >= 0x30 && first <= 0x39, let n = Number(parsing: text) else {
                    invalidNumber = true
                    return .dynamicNull
                }
                return .number(n)
            }
        case .string: return .string(node.string)
        case .array:
            let n = node.count
            var elements: [Value] = []
            elements.reserveCapacity(n)
            for i in 0..<n { elements.append(toValue(node.element(i), invalidNumber: &invalidNumber)) }
            return .tuple(elements)
        case .object:
            var attrs: [String: Value] = [:]
            attrs.reserveCapacity(node.count)
            for (key, value) in node.members { attrs[key] = toValue(value, invalidNumber: &invalidNumber) }
            return .object(attrs)
        }
    }
}

extension Value {
    /// A JSON document as jsondecode sees it: objects become object values,
    /// arrays tuples, numbers exact. For data without a schema (e.g. state of
    /// a resource whose provider this build does not carry).
    public static func fromJSON(_ j: JSONValue) -> Value { ValueJSON.toValue(j) }
}
