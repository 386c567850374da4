/// A JSON document as a tree. Numbers keep their exact source text, so an
/// integer beyond 64 bits or a decimal like `0.1` survives a round trip.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (or as produced by a writer), e.g. `"0.1"`, `"18446744073709551616"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order. Duplicate keys are not represented (the last one wins when parsing).
    case object([JSONMember])

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [JSONMember]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var numberText: String? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The number as an Int when it is an integer that fits.
    public var intValue: Int? {
        guard case .number(let n) = self else { return nil }
        return Int(n)
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public static func number(_ i: Int) -> JSONValue { .number(String(i)) }

    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
    }
}

public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
