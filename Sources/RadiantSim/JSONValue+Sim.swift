import JSON

/// Small conveniences for building and editing API objects held as `JSONValue`.
extension JSONValue {
    /// An object from ordered pairs (keys are kept in the given order, as APIs print them).
    static func obj(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, value: $0.1) })
    }

    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func int(_ i: Int) -> JSONValue { .number(String(i)) }
    static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
    static let emptyObject = JSONValue.object([])
    static let emptyArray = JSONValue.array([])

    /// Sets (or appends) a member; a no-op on non-objects.
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let i = members.lastIndex(where: { $0.key == key }) {
            members[i].value = value
        } else {
            members.append(JSONMember(key: key, value: value))
        }
        self = .object(members)
    }

    mutating func remove(_ key: String) {
        guard case .object(var members) = self else { return }
        members.removeAll { $0.key == key }
        self = .object(members)
    }

    func has(_ key: String) -> Bool {
        guard case .object(let members) = self else { return false }
        return members.contains { $0.key == key }
    }

    /// Member as text whatever its JSON type, the way a query-string filter compares it.
    func text(_ key: String) -> String? {
        guard let v = self[key] else { return nil }
        return v.plainText
    }

    var plainText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return nil
        default: return nil
        }
    }

    func string(_ key: String) -> String? { self[key]?.stringValue }
    func bool(_ key: String) -> Bool? { self[key]?.boolValue }
    func int(_ key: String) -> Int? {
        guard let v = self[key] else { return nil }
        if let i = v.intValue { return i }
        if let n = v.numberText, let d = Double(n), d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        return nil
    }
    func double(_ key: String) -> Double? { self[key]?.numberText.flatMap(Double.init) }
    func array(_ key: String) -> [JSONValue]? { self[key]?.arrayValue }

    var isObject: Bool { if case .object = self { return true } else { return false } }

    /// Keys of an object, in order.
    var keys: [String] { objectValue?.map(\.key) ?? [] }

    /// A copy without members whose key starts with the simulator's private prefix.
    var publicView: JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !$0.key.hasPrefix(SimKey.privatePrefix) })
    }

    /// Keeps only the named members (Neutron's `fields`).
    func only(_ fields: [String]) -> JSONValue {
        guard case .object(let members) = self, !fields.isEmpty else { return self }
        return .object(members.filter { fields.contains($0.key) })
    }

    /// Recursive merge used by Kubernetes merge patches: objects merge, `null` deletes, the rest replaces.
    func mergePatched(with patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result: JSONValue = isObject ? self : .emptyObject
        for m in patchMembers {
            if m.value.isNull {
                result.remove(m.key)
            } else if let existing = result[m.key], existing.isObject, m.value.isObject {
                result.set(m.key, existing.mergePatched(with: m.value))
            } else {
                result.set(m.key, m.value)
            }
        }
        return result
    }
}

/// Names of members the simulator keeps inside stored objects but never shows.
enum SimKey {
    static let privatePrefix = "__"
    static let readyAt = "__ready_at"
    static let goneAt = "__gone_at"
    static let createdAt = "__created"
    static let seq = "__seq"
}
