import BigInt
import Foundation

/// A mark carried by a value and everything derived from it. `sensitive` is
/// the one Terraform users see; marks never change a value's type or content.
public struct ValueMark: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public static let sensitive = ValueMark("sensitive")
    public static let ephemeral = ValueMark("ephemeral")
    public var description: String { name }
}

/// A Terraform value: a type plus either unknown, null, or known content, and
/// marks. Collections hold their elements as values; sets keep cty's order
/// (strings lexically, numbers numerically, false before true, then others)
/// with duplicates removed.
public struct Value: Sendable, CustomStringConvertible {
    public enum Content: Sendable {
        case unknown
        case null
        case bool(Bool)
        case number(Number)
        case string(String)
        /// Elements of a list, set or tuple.
        case elements([Value])
        /// Elements of a map or attributes of an object.
        case attributes([String: Value])
        /// A type, as returned by `type()`.
        case type(ValueType)
    }

    public let type: ValueType
    public let content: Content
    public var marks: Set<ValueMark>

    public init(type: ValueType, content: Content, marks: Set<ValueMark> = []) {
        self.type = type
        self.content = content
        self.marks = marks
    }

    // MARK: Constructors

    public static let `true` = Value.bool(true)
    public static let `false` = Value.bool(false)
    public static let dynamicUnknown = Value.unknown(.dynamic)
    public static let dynamicNull = Value.null(.dynamic)
    public static let emptyObject = Value.object([:])
    public static let emptyTuple = Value.tuple([])

    public static func bool(_ b: Bool) -> Value { Value(type: .bool, content: .bool(b)) }
    public static func number(_ n: Number) -> Value { Value(type: .number, content: .number(n)) }
    public static func int(_ i: Int) -> Value { .number(Number(i)) }
    public static func bigInt(_ i: BigInt) -> Value { .number(Number(i)) }
    public static func double(_ d: Double) -> Value { .number(Number(d)) }
    public static func string(_ s: String) -> Value { Value(type: .string, content: .string(normalize(s))) }
    /// The value `type(x)` returns.
    public static func typeValue(_ t: ValueType) -> Value { Value(type: .typeValue, content: .type(t)) }
    public static func null(_ t: ValueType) -> Value { Value(type: t, content: .null) }
    public static func unknown(_ t: ValueType) -> Value { Value(type: t, content: .unknown) }

    /// A number parsed from decimal text, or nil when the text is not a number.
    public static func number(parsing text: String) -> Value? {
        Number(parsing: text).map { .number($0) }
    }

    public static func list(_ elements: [Value], elementType: ValueType) -> Value {
        Value(type: .list(elementType), content: .elements(elements))
    }
    /// A non-empty list; the element type is taken from the first element.
    public static func list(_ elements: [Value]) -> Value {
        .list(elements, elementType: elements.first?.type ?? .dynamic)
    }
    public static func emptyList(_ elementType: ValueType) -> Value { .list([], elementType: elementType) }

    public static func set(_ elements: [Value], elementType: ValueType) -> Value {
        // As cty's SetVal: elements cannot carry marks, so theirs move to the set.
        var marks = Set<ValueMark>()
        var plain = elements
        if elements.contains(where: \.containsMarks) {
            plain = elements.map { e in
                let (u, m) = e.unmarkedDeep()
                marks.formUnion(m)
                return u
            }
        }
        return Value(type: .set(elementType), content: .elements(SetOrder.normalize(plain)), marks: marks)
    }
    public static func set(_ elements: [Value]) -> Value {
        .set(elements, elementType: elements.first?.type ?? .dynamic)
    }
    public static func emptySet(_ elementType: ValueType) -> Value { .set([], elementType: elementType) }

    public static func map(_ elements: [String: Value], elementType: ValueType) -> Value {
        Value(type: .map(elementType), content: .attributes(elements))
    }
    public static func map(_ elements: [String: Value]) -> Value {
        let first = elements.keys.min().flatMap { elements[$0]?.type } ?? .dynamic
        return .map(elements, elementType: first)
    }
    public static func emptyMap(_ elementType: ValueType) -> Value { .map([:], elementType: elementType) }

    public static func object(_ attributes: [String: Value]) -> Value {
        Value(type: .object(attributes.mapValues(\.type)), content: .attributes(attributes))
    }
    public static func tuple(_ elements: [Value]) -> Value {
        Value(type: .tuple(elements.map(\.type)), content: .elements(elements))
    }

    /// NFC normalization as cty applies to every string entering the value world.
    static func normalize(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    // MARK: Queries

    public var isKnown: Bool { if case .unknown = content { return false }; return true }
    public var isNull: Bool { if case .null = content { return true }; return false }
    public var isMarked: Bool { !marks.isEmpty }
    public var isSensitive: Bool { marks.contains(.sensitive) }

    /// Known all the way down (no unknown nested anywhere).
    public var isWhollyKnown: Bool {
        switch content {
        case .unknown: return false
        case .elements(let e): return e.allSatisfy(\.isWhollyKnown)
        case .attributes(let a): return a.values.allSatisfy(\.isWhollyKnown)
        default: return true
        }
    }

    public var containsMarks: Bool {
        if !marks.isEmpty { return true }
        switch content {
        case .elements(let e): return e.contains { $0.containsMarks }
        case .attributes(let a): return a.values.contains { $0.containsMarks }
        default: return false
        }
    }

    public var boolValue: Bool? { if case .bool(let b) = content { return b }; return nil }
    public var numberValue: Number? { if case .number(let n) = content { return n }; return nil }
    public var stringValue: String? { if case .string(let s) = content { return s }; return nil }
    /// Elements of a known list, set or tuple.
    public var elements: [Value]? { if case .elements(let e) = content { return e }; return nil }
    /// Elements of a known map or attributes of a known object.
    public var attributes: [String: Value]? { if case .attributes(let a) = content { return a }; return nil }

    /// Number of elements (list/set/tuple/map/object), for known non-null collections.
    public var count: Int? {
        switch content {
        case .elements(let e): return e.count
        case .attributes(let a): return a.count
        default: return nil
        }
    }

    /// Elements in iteration order with their keys: index numbers for
    /// sequences, key strings (sorted) for maps and objects.
    public var keyedElements: [(key: Value, value: Value)] {
        switch content {
        case .elements(let e):
            if type.isSet { return e.map { ($0, $0) } }
            return e.enumerated().map { (Value.int($0.offset), $0.element) }
        case .attributes(let a):
            return a.keys.sorted().map { (Value.string($0), a[$0] ?? .dynamicNull) }
        default: return []
        }
    }

    // MARK: Marks

    public func marked(_ m: ValueMark) -> Value { var v = self; v.marks.insert(m); return v }
    public func marked(with ms: Set<ValueMark>) -> Value {
        if ms.isEmpty { return self }
        var v = self; v.marks.formUnion(ms); return v
    }
    public func unmarked() -> (Value, Set<ValueMark>) {
        var v = self; let m = v.marks; v.marks = []; return (v, m)
    }

    /// Removes marks everywhere in the value, returning the union of all of them.
    public func unmarkedDeep() -> (Value, Set<ValueMark>) {
        var all = marks
        let c: Content
        switch content {
        case .elements(let e):
            if !containsMarks { return (self, []) }
            c = .elements(e.map { let (u, m) = $0.unmarkedDeep(); all.formUnion(m); return u })
        case .attributes(let a):
            if !containsMarks { return (self, []) }
            c = .attributes(a.mapValues { let (u, m) = $0.unmarkedDeep(); all.formUnion(m); return u })
        default:
            c = content
        }
        return (Value(type: type, content: c), all)
    }

    public var deepMarks: Set<ValueMark> { unmarkedDeep().1 }

    public var description: String { ConsoleRenderer.render(self) }
}

// MARK: Equality

extension Value {
    /// Structural identity, including unknowns, nulls' types and marks (cty RawEquals).
    public func rawEquals(_ other: Value) -> Bool {
        guard type == other.type, marks == other.marks else { return false }
        switch (content, other.content) {
        case (.unknown, .unknown), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.type(let a), .type(let b)): return a == b
        case (.elements(let a), .elements(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.rawEquals($1) }
        case (.attributes(let a), .attributes(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a { guard let w = b[k], v.rawEquals(w) else { return false } }
            return true
        default: return false
        }
    }

    /// Terraform's `==`: a bool, unknown when the answer depends on unknowns.
    /// Marks from either side carry to the result.
    public func equals(_ other: Value) -> Value {
        if containsMarks || other.containsMarks {
            let (a, deepA) = unmarkedDeep()
            let (b, deepB) = other.unmarkedDeep()
            // Comparing with null only depends on the top level, so only its marks carry.
            let am = isNull != other.isNull ? marks : deepA
            let bm = isNull != other.isNull ? other.marks : deepB
            return a.equals(b).marked(with: am.union(bm))
        }
        switch (isKnown, other.isKnown) {
        case (false, false): return .unknown(.bool)
        case (true, false):
            if isNull || other.type.hasDynamicTypes { return .unknown(.bool) }
            return type == other.type ? .unknown(.bool) : .false
        case (false, true):
            if other.isNull || type.hasDynamicTypes { return .unknown(.bool) }
            return type == other.type ? .unknown(.bool) : .false
        default: break
        }
        if isNull && other.isNull { return .true }
        if isNull || other.isNull { return .false }
        if !isWhollyKnown || !other.isWhollyKnown {
            if type != other.type && !type.hasDynamicTypes && !other.type.hasDynamicTypes { return .false }
        }
        guard type == other.type else { return .false }
        switch (content, other.content) {
        case (.bool(let a), .bool(let b)): return .bool(a == b)
        case (.number(let a), .number(let b)): return .bool(a == b)
        case (.string(let a), .string(let b)): return .bool(a == b)
        case (.type(let a), .type(let b)): return .bool(a == b)
        case (.elements(let a), .elements(let b)):
            if type.isSet {
                if !isWhollyKnown || !other.isWhollyKnown { return .unknown(.bool) }
                guard a.count == b.count else { return .false }
                return .bool(zip(a, b).allSatisfy { $0.rawEquals($1) })
            }
            guard a.count == b.count else { return .false }
            for (x, y) in zip(a, b) {
                let eq = x.equals(y)
                if !eq.isKnown { return .unknown(.bool) }
                if eq.boolValue == false { return .false }
            }
            return .true
        case (.attributes(let a), .attributes(let b)):
            guard a.count == b.count else { return .false }
            for k in a.keys.sorted() {
                guard let x = a[k], let y = b[k] else { return .false }
                let eq = x.equals(y)
                if !eq.isKnown { return .unknown(.bool) }
                if eq.boolValue == false { return .false }
            }
            return .true
        default:
            return .false
        }
    }
}

/// cty's ordering of set elements.
enum SetOrder {
    static func normalize(_ elements: [Value]) -> [Value] {
        if elements.count < 2 { return elements }
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        let sorted = elements.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
        for e in sorted {
            if let last = out.last, last.rawEqualsIgnoringMarks(e) {
                // Marks of duplicates merge so nothing sensitive is lost.
                out[out.count - 1].marks.formUnion(e.marks)
                continue
            }
            // Unknowns are never merged (each may be any value).
            out.append(e)
        }
        return out
    }

    static func less(_ a: Value, _ b: Value) -> Bool {
        if a.rawEqualsIgnoringMarks(b) { return false }
        if b.isNull && !a.isNull { return true } else if a.isNull { return false }
        if a.isKnown && !b.isKnown { return true } else if !a.isKnown { return false }
        switch (a.content, b.content) {
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.bool(let x), .bool(let y)): return !x && y
        case (.number(let x), .number(let y)): return Number.compare(x, y) < 0
        default: return Array(hashKey(a).utf8).lexicographicallyPrecedes(Array(hashKey(b).utf8))
        }
    }

    static func hashKey(_ v: Value) -> String {
        switch v.content {
        case .unknown: return "?"
        case .null: return "~"
        case .bool(let b): return b ? "T" : "F"
        case .number(let n): return n.description
        case .string(let s): return "\"" + s + "\""
        case .type(let t): return t.typeExpression
        case .elements(let e):
            let inner = e.map { hashKey($0) + ";" }.joined()
            return v.type.isTuple ? "<" + inner + ">" : "[" + inner + "]"
        case .attributes(let a):
            if v.type.isMap {
                return "{" + a.keys.sorted().map { "\"\($0)\":" + hashKey(a[$0] ?? .dynamicNull) + ";" }.joined() + "}"
            }
            return "<" + a.keys.sorted().map { hashKey(a[$0] ?? .dynamicNull) + ";" }.joined() + ">"
        }
    }
}

extension Value {
    func rawEqualsIgnoringMarks(_ other: Value) -> Bool {
        if !isKnown || !other.isKnown { return false }
        return unmarkedDeep().0.rawEquals(other.unmarkedDeep().0)
    }
}
