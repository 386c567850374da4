/// A Terraform type (cty's type system). `dynamic` is Terraform's `any`: a
/// placeholder for a type not yet known, valid in constraints and for unknowns.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case bool
    case number
    case string
    case list(ValueType)
    case set(ValueType)
    case map(ValueType)
    /// Attribute types; `optional` names attributes that may be omitted (type constraints only).
    case object([String: ValueType], optional: Set<String> = [])
    case tuple([ValueType])
    case dynamic
    /// The type of values returned by `type()` (a cty capsule type in Terraform).
    case typeValue

    public static let emptyObject = ValueType.object([:])
    public static let emptyTuple = ValueType.tuple([])


    public var isPrimitive: Bool {
        switch self { case .bool, .number, .string: return true; default: return false }
    }
    public var isList: Bool { if case .list = self { return true }; return false }
    public var isSet: Bool { if case .set = self { return true }; return false }
    public var isMap: Bool { if case .map = self { return true }; return false }
    public var isObject: Bool { if case .object = self { return true }; return false }
    public var isTuple: Bool { if case .tuple = self { return true }; return false }
    public var isDynamic: Bool { self == .dynamic }
    public var isCollection: Bool { isList || isSet || isMap }

    /// Element type of a list, set or map.
    public var elementType: ValueType? {
        switch self {
        case .list(let e), .set(let e), .map(let e): return e
        default: return nil
        }
    }

    public var attributeTypes: [String: ValueType] {
        if case .object(let a, _) = self { return a }
        return [:]
    }

    public var optionalAttributes: Set<String> {
        if case .object(_, let o) = self { return o }
        return []
    }

    public var tupleElementTypes: [ValueType] {
        if case .tuple(let t) = self { return t }
        return []
    }

    /// True when some part of the type is `dynamic`.
    public var hasDynamicTypes: Bool {
        switch self {
        case .dynamic: return true
        case .bool, .number, .string, .typeValue: return false
        case .list(let e), .set(let e), .map(let e): return e.hasDynamicTypes
        case .object(let a, _): return a.values.contains { $0.hasDynamicTypes }
        case .tuple(let t): return t.contains { $0.hasDynamicTypes }
        }
    }

    /// The same type without optional-attribute annotations.
    public var withoutOptionalMarkers: ValueType {
        switch self {
        case .list(let e): return .list(e.withoutOptionalMarkers)
        case .set(let e): return .set(e.withoutOptionalMarkers)
        case .map(let e): return .map(e.withoutOptionalMarkers)
        case .object(let a, _): return .object(a.mapValues { $0.withoutOptionalMarkers })
        case .tuple(let t): return .tuple(t.map { $0.withoutOptionalMarkers })
        default: return self
        }
    }

    /// cty's FriendlyName, used in error messages ("list of string").
    public var friendlyName: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list(let e): return "list of \(e.friendlyName)"
        case .set(let e): return "set of \(e.friendlyName)"
        case .map(let e): return "map of \(e.friendlyName)"
        case .object: return "object"
        case .tuple: return "tuple"
        case .dynamic: return "dynamic"
        case .typeValue: return "type"
        }
    }

    /// cty's FriendlyNameForConstraint ("list of any single type", "any type").
    public var friendlyNameForConstraint: String {
        switch self {
        case .list(let e): return "list of \(e == .dynamic ? "any single type" : e.friendlyNameForConstraint)"
        case .set(let e): return "set of \(e == .dynamic ? "any single type" : e.friendlyNameForConstraint)"
        case .map(let e): return "map of \(e == .dynamic ? "any single type" : e.friendlyNameForConstraint)"
        case .dynamic: return "any type"
        default: return friendlyName
        }
    }

    /// The type in Terraform's type-constraint syntax, e.g. `list(object({a=string}))`.
    public var typeExpression: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .dynamic: return "any"
        case .typeValue: return "type"
        case .list(let e): return "list(\(e.typeExpression))"
        case .set(let e): return "set(\(e.typeExpression))"
        case .map(let e): return "map(\(e.typeExpression))"
        case .tuple(let t): return "tuple([" + t.map(\.typeExpression).joined(separator: ", ") + "])"
        case .object(let a, let opt):
            let parts = a.keys.sorted().map { k -> String in
                let t = (a[k] ?? .dynamic).typeExpression
                return "\(k)=\(opt.contains(k) ? "optional(\(t))" : t)"
            }
            return "object({" + parts.joined(separator: ", ") + "})"
        }
    }

    public var description: String { typeExpression }
}
