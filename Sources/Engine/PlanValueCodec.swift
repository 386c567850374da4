import JSON
import Values

/// Values as a saved plan keeps them: the cty JSON encoding (unknowns written
/// as null), the paths that are unknown, and the paths marked sensitive, so a
/// value read back is the value that was planned.
public enum PlanValueCodec {
    /// A path as terraform's JSON plan writes one: attribute names and map keys
    /// as strings, list/tuple/set positions as numbers.
    public typealias Path = [JSONValue]

    public static func encode(_ v: Value) -> JSONValue {
        .object([
            JSONMember(key: "type", value: StateValueCodec.typeJSON(v.type)),
            JSONMember(key: "value", value: encodeTolerant(v, as: v.type)),
            JSONMember(key: "unknown", value: .array(unknownPaths(v).map { .array($0) })),
            JSONMember(key: "sensitive", value: .array(StateValueCodec.sensitivePaths(v))),
            // sensitivePaths names marks below the top only; a wholly sensitive value (a variable) says so here.
            JSONMember(key: "marked", value: .bool(v.isSensitive)),
        ])
    }

    public static func decode(_ j: JSONValue) -> Value? {
        guard let tj = j["type"], let type = StateValueCodec.parseType(tj),
              case .success(var v) = StateValueCodec.decode(j["value"] ?? .null, type: type) else { return nil }
        for p in j["unknown"]?.arrayValue ?? [] {
            guard let steps = p.arrayValue else { continue }
            v = setUnknown(v, steps[...])
        }
        v = StateValueCodec.markSensitive(v, paths: j["sensitive"]?.arrayValue ?? [])
        return j["marked"]?.boolValue == true ? v.marked(.sensitive) : v
    }

    /// StateValueCodec's encoding, with unknowns written as null instead of failing.
    static func encodeTolerant(_ v: Value, as type: ValueType) -> JSONValue {
        let (value, _) = v.unmarked()
        // An unknown in a dynamic slot keeps its type, so `(known after apply)` of an object stays an object.
        if !value.isKnown && type == .dynamic && value.type != .dynamic {
            return .object([JSONMember(key: "value", value: .null), JSONMember(key: "type", value: StateValueCodec.typeJSON(value.type))])
        }
        if !value.isKnown || value.isNull { return .null }
        if type == .dynamic {
            return .object([JSONMember(key: "value", value: encodeTolerant(value, as: value.type)),
                            JSONMember(key: "type", value: StateValueCodec.typeJSON(value.type))])
        }
        switch value.content {
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n.description)
        case .string(let s): return .string(s)
        case .elements(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let t: ValueType
                switch type {
                case .list(let e), .set(let e): t = e
                case .tuple(let ts): t = i < ts.count ? ts[i] : item.type
                default: t = item.type
                }
                out.append(encodeTolerant(item, as: t))
            }
            return .array(out)
        case .attributes(let attrs):
            var out: [JSONMember] = []
            for key in attrs.keys.sorted(by: StateValueCodec.byteOrder) {
                guard let item = attrs[key] else { continue }
                let t: ValueType
                switch type {
                case .map(let e): t = e
                case .object(let ts, _): t = ts[key] ?? item.type
                default: t = item.type
                }
                out.append(JSONMember(key: key, value: encodeTolerant(item, as: t)))
            }
            return .object(out)
        case .unknown, .null, .type: return .null
        }
    }

    static func unknownPaths(_ v: Value) -> [Path] {
        var out: [Path] = []
        func walk(_ v: Value, _ path: Path) {
            switch v.content {
            case .unknown: out.append(path)
            case .elements(let items):
                for (i, item) in items.enumerated() { walk(item, path + [.number(i)]) }
            case .attributes(let attrs):
                for k in attrs.keys.sorted(by: StateValueCodec.byteOrder) {
                    if let item = attrs[k] { walk(item, path + [.string(k)]) }
                }
            default: break
            }
        }
        walk(v, [])
        return out
    }

    private static func setUnknown(_ v: Value, _ steps: ArraySlice<JSONValue>) -> Value {
        guard let step = steps.first else { return Value(type: v.type, content: .unknown, marks: v.marks) }
        let rest = steps.dropFirst()
        switch step {
        case .string(let key):
            guard var attrs = v.attributes, let item = attrs[key] else { return v }
            attrs[key] = setUnknown(item, rest)
            return Value(type: v.type, content: .attributes(attrs), marks: v.marks)
        case .number:
            guard var items = v.elements, let i = step.intValue, i >= 0, i < items.count else { return v }
            items[i] = setUnknown(items[i], rest)
            return Value(type: v.type, content: .elements(items), marks: v.marks)
        default:
            return v
        }
    }
}

/// The JSON views of a value that terraform's plan representation uses.
public enum PlanJSONValues {
    /// cty's JSON of a value under its own (concrete) type; unknowns must be removed first.
    public static func plain(_ v0: Value) -> JSONValue {
        let v = v0.unmarked().0
        switch v.content {
        case .unknown, .null, .type: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n.description)
        case .string(let s): return .string(s)
        case .elements(let items): return .array(items.map(plain))
        case .attributes(let attrs):
            return .object(attrs.keys.sorted(by: StateValueCodec.byteOrder).map { JSONMember(key: $0, value: plain(attrs[$0] ?? .dynamicNull)) })
        }
    }

    /// terraform's omitUnknowns then JSON: unknown attributes left out, unknown elements null. Nil when the whole value is unknown.
    public static func knownPart(_ v0: Value) -> JSONValue? {
        let v = v0.unmarked().0
        switch v.content {
        case .unknown: return nil
        case .elements(let items): return .array(items.map { knownPart($0) ?? .null })
        case .attributes(let attrs):
            var out: [JSONMember] = []
            for k in attrs.keys.sorted(by: StateValueCodec.byteOrder) {
                if let item = attrs[k], let j = knownPart(item) { out.append(JSONMember(key: k, value: j)) }
            }
            return .object(out)
        default: return plain(v)
        }
    }

    /// terraform's unknownAsBool: true where unknown, known leaves false (left out of objects).
    public static func unknownAsBool(_ v0: Value) -> JSONValue {
        let v = v0.unmarked().0
        switch v.content {
        case .null: return .bool(false)
        case .unknown:
            // An unknown collection or object says nothing about its parts.
            switch v.type {
            case .list, .set, .tuple: return .bool(true)
            case .map, .object: return .bool(true)
            default: return .bool(true)
            }
        case .elements(let items): return .array(items.map(unknownAsBool))
        case .attributes(let attrs):
            var out: [JSONMember] = []
            for k in attrs.keys.sorted(by: StateValueCodec.byteOrder) {
                guard let item = attrs[k] else { continue }
                let j = unknownAsBool(item)
                if j != .bool(false) { out.append(JSONMember(key: k, value: j)) }
            }
            return .object(out)
        default: return .bool(false)
        }
    }

    /// terraform's SensitiveAsBool over a marked value.
    public static func sensitiveAsBool(_ v: Value) -> JSONValue {
        if v.isSensitive { return .bool(true) }
        switch v.content {
        case .unknown:
            switch v.type {
            case .list, .set, .tuple: return .array([])
            case .map, .object: return .object([])
            default: return .bool(false)
            }
        case .elements(let items): return .array(items.map(sensitiveAsBool))
        case .attributes(let attrs):
            var out: [JSONMember] = []
            for k in attrs.keys.sorted(by: StateValueCodec.byteOrder) {
                guard let item = attrs[k] else { continue }
                let j = sensitiveAsBool(item)
                if j != .bool(false) { out.append(JSONMember(key: k, value: j)) }
            }
            return .object(out)
        default: return .bool(false)
        }
    }
}
