import Foundation

/// A value that cannot be converted to the wanted type. The message is cty's
/// wording ("a number is required", "list of string required", ...).
public struct ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Steps to the nested value at fault (attribute names / indexes), outermost first.
    public var path: [String]
    public init(_ message: String, path: [String] = []) {
        self.message = message
        self.path = path
    }
    public var description: String { message }
}

/// Terraform's type conversion (cty `convert`): automatic primitive
/// conversions, structural <-> collection conversions, optional attributes.
public enum Conversion {
    /// Converts as Terraform does for arguments, variables and `to*` functions
    /// (cty's "lossy" conversion: string->number may fail at run time).
    public static func convert(_ value: Value, to want: ValueType) throws -> Value {
        if value.type == want.withoutOptionalMarkers { return value }
        guard canConvert(value.type, to: want, lossy: true) else {
            throw ConversionError(mismatchMessage(got: value.type, want: want))
        }
        return try convertChecked(value, to: want, lossy: true)
    }

    /// Safe conversion only (no string->number/bool, list->set, map->object).
    public static func convertSafe(_ value: Value, to want: ValueType) throws -> Value {
        if value.type == want.withoutOptionalMarkers { return value }
        guard canConvert(value.type, to: want, lossy: false) else {
            throw ConversionError(mismatchMessage(got: value.type, want: want))
        }
        return try convertChecked(value, to: want, lossy: false)
    }

    /// Whether a conversion exists between the types (it may still fail for some values).
    public static func canConvert(_ from: ValueType, to out: ValueType, lossy: Bool) -> Bool {
        switch (from, out) {
        case (_, .dynamic): return true
        case (.dynamic, _): return lossy
        case (.bool, .bool), (.number, .number), (.string, .string): return true
        case (.number, .string), (.bool, .string): return true
        case (.string, .number), (.string, .bool): return lossy
        case (.object(let inA, _), .object(let outA, let opt)):
            for (name, outT) in outA {
                guard let inT = inA[name] else {
                    if opt.contains(name) { continue }
                    return false
                }
                if inT == outT { continue }
                if !canConvert(inT, to: outT, lossy: lossy) { return false }
            }
            return true
        case (.tuple(let inE), .tuple(let outE)):
            guard inE.count == outE.count else { return false }
            return zip(inE, outE).allSatisfy { $0 == $1 || canConvert($0, to: $1, lossy: lossy) }
        case (.list(let ie), .list(let oe)), (.set(let ie), .list(let oe)):
            return ie == oe || canConvert(ie, to: oe, lossy: lossy)
        case (.set(let ie), .set(let oe)):
            return ie == oe || canConvert(ie, to: oe, lossy: lossy)
        case (.list(let ie), .set(let oe)):
            guard lossy else { return false }
            return ie == oe || canConvert(ie, to: oe, lossy: lossy)
        case (.map(let ie), .map(let oe)):
            return canConvert(ie, to: oe, lossy: lossy)
        case (.tuple(let etys), .list(var oe)), (.tuple(let etys), .set(var oe)):
            if etys.isEmpty { return true }
            if oe == .dynamic {
                guard let u = unify(etys, lossy: lossy) else { return false }
                if u == .dynamic && !etys.allSatisfy({ $0 == .dynamic }) { return false }
                oe = u
            }
            return etys.allSatisfy { $0 == oe || canConvert($0, to: oe, lossy: lossy) }
        case (.object(let atys, _), .map(var oe)):
            if atys.isEmpty { return true }
            if oe == .dynamic {
                guard let u = unify(Array(atys.values), lossy: lossy) else { return false }
                oe = u
            }
            return atys.values.allSatisfy { $0 == oe || canConvert($0, to: oe, lossy: lossy) }
        case (.map(let ie), .object(let outA, let opt)):
            guard lossy else { return false }
            for (name, t) in outA where t != ie {
                if !canConvert(ie, to: t, lossy: lossy) && !opt.contains(name) { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Converts a value whose type is known to be convertible.
    static func convertChecked(_ value: Value, to out: ValueType, lossy: Bool, path: [String] = []) throws -> Value {
        if value.isMarked {
            let (u, m) = value.unmarked()
            return try convertChecked(u, to: out, lossy: lossy, path: path).marked(with: m)
        }
        if out == .dynamic { return value }
        if !value.isKnown { return .unknown(dynamicReplace(value.type, out.withoutOptionalMarkers)) }
        if value.isNull { return .null(dynamicReplace(value.type, out.withoutOptionalMarkers)) }
        if value.type == out { return value }

        switch (value.content, out) {
        case (_, _) where value.type == .dynamic:
            return try convert(value, to: out)
        case (.number(let n), .string): return .string(n.description)
        case (.bool(let b), .string): return .string(b ? "true" : "false")
        case (.string(let s), .number):
            guard let n = Number(parsing: s) else {
                throw ConversionError("a number is required", path: path)
            }
            return .number(n)
        case (.string(let s), .bool):
            switch s {
            case "true", "1": return .true
            case "false", "0": return .false
            default:
                switch s.lowercased() {
                case "true": throw ConversionError("a bool is required; to convert from string, use lowercase \"true\"", path: path)
                case "false": throw ConversionError("a bool is required; to convert from string, use lowercase \"false\"", path: path)
                default: throw ConversionError("a bool is required", path: path)
                }
            }
        case (.attributes(let attrs), .object(let outA, let opt)) where value.type.isObject:
            var result: [String: Value] = [:]
            for (name, v) in attrs {
                guard let t = outA[name] else { continue }
                var c = v.type == t ? v : try convertChecked(v, to: t, lossy: lossy, path: path + [".\(name)"])
                if c.isNull { c = Value(type: c.type.withoutOptionalMarkers, content: .null, marks: c.marks) }
                result[name] = c
            }
            for name in opt where result[name] == nil {
                result[name] = .null((outA[name] ?? .dynamic).withoutOptionalMarkers)
            }
            return .object(result)
        case (.elements(let elems), .tuple(let outE)) where value.type.isTuple:
            var result: [Value] = []
            for (i, (v, t)) in zip(elems, outE).enumerated() {
                result.append(v.type == t ? v : try convertChecked(v, to: t, lossy: lossy, path: path + ["[\(i)]"]))
            }
            return .tuple(result)
        case (.elements(let elems), .list(let ety)), (.elements(let elems), .set(let ety)):
            let toSet = out.isSet
            var targetEty = ety
            if value.type.isTuple && ety == .dynamic {
                targetEty = unify(value.type.tupleElementTypes, lossy: lossy) ?? .dynamic
            } else if !value.type.isTuple && ety == .dynamic {
                targetEty = value.type.elementType ?? .dynamic
            }
            var result: [Value] = []
            result.reserveCapacity(elems.count)
            for (i, v) in elems.enumerated() {
                var c = v.type == targetEty ? v : try convertChecked(v, to: targetEty, lossy: lossy, path: path + ["[\(i)]"])
                if c.isNull { c = Value(type: c.type.withoutOptionalMarkers, content: .null, marks: c.marks) }
                result.append(c)
            }
            if result.isEmpty {
                let et = ety == .dynamic ? (value.type.elementType ?? targetEty) : ety.withoutOptionalMarkers
                return toSet ? .emptySet(et) : .emptyList(et)
            }
            if value.type.isTuple && !toSet {
                result = try unifyElements(result, lossy: lossy, path: path)
            }
            let t0 = result[0].type
            guard result.allSatisfy({ $0.type == t0 }) else {
                throw ConversionError("element types must all match for conversion to \(toSet ? "set" : "list")", path: path)
            }
            return toSet ? .set(result, elementType: t0) : .list(result, elementType: t0)
        case (.attributes(let attrs), .map(let ety)):
            var targetEty = ety
            if value.type.isObject && ety == .dynamic {
                targetEty = unify(Array(value.type.attributeTypes.values), lossy: lossy) ?? .dynamic
            }
            var result: [String: Value] = [:]
            for (k, v) in attrs {
                result[k] = v.type == targetEty ? v : try convertChecked(v, to: targetEty, lossy: lossy, path: path + ["[\(quoted(k))]"])
            }
            if result.isEmpty {
                let et = ety == .dynamic ? (value.type.elementType ?? targetEty) : ety.withoutOptionalMarkers
                return .emptyMap(et)
            }
            if targetEty.isCollection || targetEty.isObject || targetEty == .dynamic {
                let keys = result.keys.sorted()
                let unified = try unifyElements(keys.map { result[$0] ?? .dynamicNull }, lossy: lossy, path: path)
                for (k, v) in zip(keys, unified) { result[k] = v }
            }
            let first = result[result.keys.min() ?? ""]?.type ?? .dynamic
            guard result.values.allSatisfy({ $0.type == first }) else {
                throw ConversionError(value.type.isObject ? "attribute types must all match for conversion to map" : "element types must all match for conversion to map", path: path)
            }
            return .map(result, elementType: first)
        case (.attributes(let attrs), .object(let outA, let opt)) where value.type.isMap:
            let ety = value.type.elementType ?? .dynamic
            var result: [String: Value] = [:]
            for (k, v) in attrs {
                guard let t = outA[k] else { continue }
                if t == ety { result[k] = v; continue }
                if !canConvert(ety, to: t, lossy: lossy) {
                    throw ConversionError("map element type is incompatible with attribute \(quoted(k)): \(mismatchMessage(got: v.type, want: t))", path: path)
                }
                var c = try convertChecked(v, to: t, lossy: lossy, path: path + [".\(k)"])
                if c.isNull { c = .null(c.type.withoutOptionalMarkers) }
                result[k] = c
            }
            for name in outA.keys.sorted() where result[name] == nil {
                if opt.contains(name) {
                    result[name] = .null(outA[name] ?? .dynamic)
                } else {
                    throw ConversionError("map has no element for required attribute \(quoted(name))", path: path)
                }
            }
            return .object(result)
        default:
            throw ConversionError(mismatchMessage(got: value.type, want: out), path: path)
        }
    }

    static func unifyElements(_ elems: [Value], lossy: Bool, path: [String]) throws -> [Value] {
        guard let u = unify(elems.map(\.type), lossy: lossy) else {
            throw ConversionError("cannot find a common base type for all elements", path: path)
        }
        return try elems.enumerated().map { i, e in
            e.type == u ? e : try convertChecked(e, to: u, lossy: lossy, path: path + ["[\(i)]"])
        }
    }

    static func quoted(_ s: String) -> String { GoQuote.quote(s) }

    /// Replaces `dynamic` parts of `out` with what `input` knows (cty dynamicReplace).
    static func dynamicReplace(_ input: ValueType, _ out: ValueType) -> ValueType {
        if input == .dynamic { return out }
        switch out {
        case .dynamic: return input
        case .bool, .number, .string, .typeValue: return out
        case .map(let oe):
            if case .map(let ie) = input { return .map(dynamicReplace(ie, oe)) }
            if case .object(let a, _) = input {
                return .map(dynamicReplace(unify(Array(a.values), lossy: true) ?? .dynamic, oe))
            }
            return out
        case .object(let outA, _):
            var r: [String: ValueType] = [:]
            if case .map(let ie) = input { for (k, t) in outA { r[k] = dynamicReplace(ie, t) } }
            if case .object(let inA, _) = input {
                for (k, t) in outA { r[k] = inA[k].map { dynamicReplace($0, t) } ?? t }
            }
            return .object(r)
        case .set(let oe):
            if let ie = input.elementType, input.isSet || input.isList { return .set(dynamicReplace(ie, oe)) }
            if case .tuple(let t) = input { return .set(dynamicReplace(unify(t, lossy: true) ?? .dynamic, oe)) }
            return out
        case .list(let oe):
            if let ie = input.elementType, input.isSet || input.isList { return .list(dynamicReplace(ie, oe)) }
            if case .tuple(let t) = input { return .list(dynamicReplace(unify(t, lossy: true) ?? .dynamic, oe)) }
            return out
        case .tuple(let oe):
            let ie = input.tupleElementTypes
            return .tuple(oe.enumerated().map { i, t in dynamicReplace(i < ie.count ? ie[i] : .dynamic, t) })
        }
    }

    /// Whether a value of type `got` may be passed where `want` is expected without conversion.
    public static func conformanceProblem(_ got: ValueType, to want: ValueType) -> String? {
        if want == .dynamic || got == want { return nil }
        switch (got, want) {
        case (.list(let a), .list(let b)), (.set(let a), .set(let b)), (.map(let a), .map(let b)):
            return conformanceProblem(a, to: b)
        case (.tuple(let a), .tuple(let b)) where a.count == b.count:
            for (x, y) in zip(a, b) { if let p = conformanceProblem(x, to: y) { return p } }
            return nil
        case (.object(let a, _), .object(let b, _)) where Set(a.keys) == Set(b.keys):
            for k in a.keys.sorted() { if let p = conformanceProblem(a[k] ?? .dynamic, to: b[k] ?? .dynamic) { return p } }
            return nil
        default:
            return "\(want.friendlyName) required"
        }
    }
}
