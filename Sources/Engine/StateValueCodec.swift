import JSON
import Values

/// Values as terraform stores them in state and plans: cty's JSON encoding
/// under a known type, with dynamically-typed attributes wrapped as
/// `{"value": ..., "type": ...}`. Object members are written in byte order,
/// as Go writes map keys.
public enum StateValueCodec {
    public struct DecodeError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    // MARK: Encoding

    /// Encodes a wholly known value of type `type`; nil when it still holds unknowns.
    public static func encode(_ v: Value, as type: ValueType) -> JSONValue? {
        let (value, _) = v.unmarked()
        if !value.isKnown { return nil }
        if type == .dynamic {
            if value.isNull { return .null }
            guard let inner = encode(value, as: value.type) else { return nil }
            return .object([JSONMember(key: "value", value: inner), JSONMember(key: "type", value: typeJSON(value.type))])
        }
        if value.isNull { return .null }
        switch value.content {
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n.description)
        case .string(let s): return .string(s)
        case .elements(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            let types: [ValueType]
            switch type {
            case .list(let e), .set(let e): types = Array(repeating: e, count: items.count)
            case .tuple(let ts): types = ts
            default: types = items.map(\.type)
            }
            for (i, item) in items.enumerated() {
                guard let j = encode(item, as: i < types.count ? types[i] : item.type) else { return nil }
                out.append(j)
            }
            return .array(out)
        case .attributes(let attrs):
            var out: [JSONMember] = []
            out.reserveCapacity(attrs.count)
            for key in attrs.keys.sorted(by: byteOrder) {
                guard let item = attrs[key] else { continue }
                let t: ValueType
                switch type {
                case .map(let e): t = e
                case .object(let ts, _): t = ts[key] ?? item.type
                default: t = item.type
                }
                guard let j = encode(item, as: t) else { return nil }
                out.append(JSONMember(key: key, value: j))
            }
            return .object(out)
        case .unknown, .null, .type: return .null
        }
    }

    /// cty's JSON form of a type.
    public static func typeJSON(_ t: ValueType) -> JSONValue {
        switch t {
        case .bool: return .string("bool")
        case .number: return .string("number")
        case .string: return .string("string")
        case .dynamic, .typeValue: return .string("dynamic")
        case .list(let e): return .array([.string("list"), typeJSON(e)])
        case .set(let e): return .array([.string("set"), typeJSON(e)])
        case .map(let e): return .array([.string("map"), typeJSON(e)])
        case .tuple(let ts): return .array([.string("tuple"), .array(ts.map(typeJSON))])
        case .object(let attrs, _):
            let members = attrs.keys.sorted(by: byteOrder).map { JSONMember(key: $0, value: typeJSON(attrs[$0] ?? .dynamic)) }
            return .array([.string("object"), .object(members)])
        }
    }

    public static func parseType(_ j: JSONValue) -> ValueType? {
        switch j {
        case .string("bool"): return .bool
        case .string("number"): return .number
        case .string("string"): return .string
        case .string("dynamic"): return .dynamic
        case .array(let parts) where parts.count == 2:
            guard let kind = parts[0].stringValue else { return nil }
            switch kind {
            case "list": return parseType(parts[1]).map { .list($0) }
            case "set": return parseType(parts[1]).map { .set($0) }
            case "map": return parseType(parts[1]).map { .map($0) }
            case "tuple":
                guard let items = parts[1].arrayValue else { return nil }
                var ts: [ValueType] = []
                for i in items { guard let t = parseType(i) else { return nil }; ts.append(t) }
                return .tuple(ts)
            case "object":
                guard let members = parts[1].objectValue else { return nil }
                var ts: [String: ValueType] = [:]
                for m in members { guard let t = parseType(m.value) else { return nil }; ts[m.key] = t }
                return .object(ts)
            default: return nil
            }
        default: return nil
        }
    }

    // MARK: Decoding

    public static func decode(_ j: JSONValue, as block: SchemaBlock) -> Result<Value, DecodeError> {
        decode(j, type: block.impliedType)
    }

    public static func decode(_ j: JSONValue, type: ValueType) -> Result<Value, DecodeError> {
        if case .null = j { return .success(.null(type)) }
        switch type {
        case .dynamic, .typeValue:
            guard let inner = j["value"], let tj = j["type"], let t = parseType(tj) else {
                return .failure(DecodeError(message: "a dynamically-typed value must be an object with \"value\" and \"type\""))
            }
            return decode(inner, type: t)
        case .bool:
            guard case .bool(let b) = j else { return .failure(DecodeError(message: "bool required")) }
            return .success(.bool(b))
        case .number:
            switch j {
            case .number(let text): return Value.number(parsing: text).map { .success($0) } ?? .failure(DecodeError(message: "invalid number \(text)"))
            case .string(let text): return Value.number(parsing: text).map { .success($0) } ?? .failure(DecodeError(message: "invalid number \(text)"))
            default: return .failure(DecodeError(message: "number required"))
            }
        case .string:
            switch j {
            case .string(let s): return .success(.string(s))
            case .number(let n): return .success(.string(n))
            case .bool(let b): return .success(.string(b ? "true" : "false"))
            default: return .failure(DecodeError(message: "string required"))
            }
        case .list(let e), .set(let e):
            guard let items = j.arrayValue else { return .failure(DecodeError(message: "array required")) }
            var out: [Value] = []
            for i in items {
                switch decode(i, type: e) {
                case .success(let v): out.append(v)
                case .failure(let m): return .failure(m)
                }
            }
            if case .set = type { return .success(.set(out, elementType: e)) }
            return .success(.list(out, elementType: e))
        case .tuple(let ts):
            guard let items = j.arrayValue, items.count == ts.count else { return .failure(DecodeError(message: "tuple of \(ts.count) elements required")) }
            var out: [Value] = []
            for (i, t) in zip(items, ts) {
                switch decode(i, type: t) {
                case .success(let v): out.append(v)
                case .failure(let m): return .failure(m)
                }
            }
            return .success(.tuple(out))
        case .map(let e):
            guard let members = j.objectValue else { return .failure(DecodeError(message: "object required")) }
            var out: [String: Value] = [:]
            for m in members {
                switch decode(m.value, type: e) {
                case .success(let v): out[m.key] = v
                case .failure(let msg): return .failure(msg)
                }
            }
            return .success(.map(out, elementType: e))
        case .object(let ts, _):
            guard let members = j.objectValue else { return .failure(DecodeError(message: "object required")) }
            var out: [String: Value] = [:]
            for (name, t) in ts {
                let mj = members.last(where: { $0.key == name })?.value ?? .null
                switch decode(mj, type: t) {
                case .success(let v): out[name] = v
                case .failure(let msg): return .failure(DecodeError(message: "\(name): \(msg)"))
                }
            }
            for m in members where ts[m.key] == nil {
                return .failure(DecodeError(message: "unsupported attribute \"\(m.key)\""))
            }
            return .success(Value(type: type, content: .attributes(out)))
        }
    }
}

extension StateValueCodec {
    /// The paths of sensitive-marked values inside `v`, in terraform's
    /// `sensitive_attributes` form (`[{"type":"get_attr","value":"input"}]`).
    public static func sensitivePaths(_ v: Value) -> [JSONValue] {
        var out: [JSONValue] = []
        func walk(_ v: Value, _ path: [JSONValue]) {
            if v.marks.contains(.sensitive) && !path.isEmpty {
                out.append(.array(path))
                return
            }
            switch v.content {
            case .attributes(let attrs):
                let isMap = v.type.isMap
                for k in attrs.keys.sorted(by: byteOrder) {
                    guard let item = attrs[k] else { continue }
                    let step: JSONValue = isMap
                        ? .object([JSONMember(key: "type", value: .string("index")),
                                   JSONMember(key: "value", value: .object([JSONMember(key: "value", value: .string(k)), JSONMember(key: "type", value: .string("string"))]))])
                        : .object([JSONMember(key: "type", value: .string("get_attr")), JSONMember(key: "value", value: .string(k))])
                    walk(item, path + [step])
                }
            case .elements(let items):
                if v.type.isSet { return }
                for (i, item) in items.enumerated() {
                    let step: JSONValue = .object([JSONMember(key: "type", value: .string("index")),
                                                   JSONMember(key: "value", value: .object([JSONMember(key: "value", value: .number(String(i))), JSONMember(key: "type", value: .string("number"))]))])
                    walk(item, path + [step])
                }
            default: break
            }
        }
        walk(v, [])
        return out
    }
}

extension StateValueCodec {
    /// Marks the values at `paths` (terraform's `sensitive_attributes` form) as sensitive.
    public static func markSensitive(_ v: Value, paths: [JSONValue]) -> Value {
        var out = v
        for p in paths {
            guard let steps = p.arrayValue else { continue }
            out = mark(out, steps[...])
        }
        return out
    }

    private static func mark(_ v: Value, _ steps: ArraySlice<JSONValue>) -> Value {
        guard let step = steps.first else { return v.marked(.sensitive) }
        let rest = steps.dropFirst()
        switch (step["type"]?.stringValue, step["value"]) {
        case ("get_attr", .string?), ("index", .object?) where v.attributes != nil:
            let key: String
            if case .string(let n)? = step["value"] { key = n } else { key = step["value"]?["value"]?.stringValue ?? "" }
            guard var attrs = v.attributes, let item = attrs[key] else { return v }
            attrs[key] = mark(item, rest)
            return Value(type: v.type, content: .attributes(attrs), marks: v.marks)
        case ("index", let idx?):
            guard var items = v.elements, let i = idx["value"]?.intValue, i >= 0, i < items.count else { return v }
            items[i] = mark(items[i], rest)
            return Value(type: v.type, content: .elements(items), marks: v.marks)
        default:
            return v
        }
    }
}
