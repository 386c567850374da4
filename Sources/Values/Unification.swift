import HCL
import Foundation

/// Finding one type that several types convert to (cty `convert.Unify`),
/// used for conditionals, collection literals and tuple->list conversion,
/// plus cty's wording for a failed conversion.
extension Conversion {
    /// The common type, or nil when there is none.
    public static func unify(_ types: [ValueType], lossy: Bool = false) -> ValueType? {
        guard !types.isEmpty else { return nil }
        var mapCt = 0, listCt = 0, setCt = 0, objectCt = 0, tupleCt = 0, dynamicCt = 0
        for t in types {
            switch t {
            case .map: mapCt += 1
            case .list: listCt += 1
            case .set: setCt += 1
            case .object: objectCt += 1
            case .tuple: tupleCt += 1
            case .dynamic: dynamicCt += 1
            default: break
            }
        }
        let n = types.count
        if mapCt > 0 && mapCt + dynamicCt == n { return unifyCollections(types, lossy: lossy, hasDynamic: dynamicCt > 0, make: ValueType.map) }
        if mapCt > 0 && mapCt + objectCt + dynamicCt == n {
            if let t = unifyObjectsAsMaps(types, lossy: lossy), t.isMap { return t }
        } else if listCt > 0 && listCt + dynamicCt == n {
            return unifyCollections(types, lossy: lossy, hasDynamic: dynamicCt > 0, make: ValueType.list)
        } else if listCt > 0 && listCt + tupleCt + dynamicCt == n {
            if let t = unifyTuplesAsList(types, lossy: lossy), t.isList { return t }
        } else if setCt > 0 && setCt + dynamicCt == n {
            return unifyCollections(types, lossy: lossy, hasDynamic: dynamicCt > 0, make: ValueType.set)
        } else if objectCt > 0 && objectCt + dynamicCt == n {
            return unifyObjects(types, lossy: lossy, hasDynamic: dynamicCt > 0)
        } else if tupleCt > 0 && tupleCt + dynamicCt == n {
            return unifyTuples(types, lossy: lossy, hasDynamic: dynamicCt > 0)
        } else if objectCt > 0 && tupleCt > 0 {
            return nil
        }
        preferences: for want in sortTypes(types).map({ types[$0] }) {
            for t in types where t != want {
                if !canConvert(t, to: want, lossy: lossy) { continue preferences }
            }
            return want
        }
        return nil
    }

    static func unifyCollections(_ types: [ValueType], lossy: Bool, hasDynamic: Bool, make: (ValueType) -> ValueType) -> ValueType? {
        if hasDynamic { return .dynamic }
        guard let e = unify(types.compactMap(\.elementType), lossy: lossy) else { return nil }
        let ret = make(e)
        for t in types where t != ret { if !canConvert(t, to: ret, lossy: lossy) { return nil } }
        return ret
    }

    static func unifyObjects(_ types: [ValueType], lossy: Bool, hasDynamic: Bool) -> ValueType? {
        if hasDynamic { return .dynamic }
        let first = types[0].attributeTypes
        for t in types.dropFirst() {
            let a = t.attributeTypes
            if a.count != first.count || a.keys.contains(where: { first[$0] == nil }) {
                return unifyObjectsToMap(types, lossy: lossy)
            }
        }
        var ret: [String: ValueType] = [:]
        for name in first.keys {
            guard let u = unify(types.map { $0.attributeTypes[name] ?? .dynamic }, lossy: lossy) else { return nil }
            ret[name] = u
        }
        let rt = ValueType.object(ret)
        for t in types where t != rt {
            if !canConvert(t, to: rt, lossy: lossy) { return unifyObjectsToMap(types, lossy: lossy) }
        }
        return rt
    }

    static func unifyObjectsToMap(_ types: [ValueType], lossy: Bool) -> ValueType? {
        let atys = types.flatMap { t in t.attributeTypes.keys.sorted().compactMap { t.attributeTypes[$0] } }
        guard let e = unify(atys, lossy: lossy) else { return nil }
        let rt = ValueType.map(e)
        for t in types where t != rt { if !canConvert(t, to: rt, lossy: lossy) { return nil } }
        return rt
    }

    static func unifyTuples(_ types: [ValueType], lossy: Bool, hasDynamic: Bool) -> ValueType? {
        if hasDynamic { return .dynamic }
        let first = types[0].tupleElementTypes
        for t in types.dropFirst() where t.tupleElementTypes.count != first.count {
            return unifyTuplesToList(types, lossy: lossy)
        }
        var ret: [ValueType] = []
        for i in first.indices {
            guard let u = unify(types.map { $0.tupleElementTypes[i] }, lossy: lossy) else { return nil }
            ret.append(u)
        }
        let rt = ValueType.tuple(ret)
        for t in types where t != rt {
            if !canConvert(t, to: rt, lossy: lossy) { return unifyTuplesToList(types, lossy: lossy) }
        }
        return rt
    }

    static func unifyTuplesToList(_ types: [ValueType], lossy: Bool) -> ValueType? {
        guard let e = unify(types.flatMap(\.tupleElementTypes), lossy: lossy) else { return nil }
        let rt = ValueType.list(e)
        for t in types where t != rt { if !canConvert(t, to: rt, lossy: lossy) { return nil } }
        return rt
    }

    static func unifyTuplesAsList(_ types: [ValueType], lossy: Bool) -> ValueType? {
        guard let lt = unifyTuplesToList(types.filter(\.isTuple), lossy: lossy), lt.isList else { return nil }
        let replaced = types.map { $0.isTuple ? lt : $0 }
        guard let t = unify(replaced, lossy: lossy), t.isList else { return nil }
        return t
    }

    static func unifyObjectsAsMaps(_ types: [ValueType], lossy: Bool) -> ValueType? {
        guard let mt = unifyObjectsToMap(types.filter(\.isObject), lossy: lossy), mt.isMap else { return nil }
        let replaced = types.map { $0.isObject ? mt : $0 }
        guard let t = unify(replaced, lossy: lossy), t.isMap else { return nil }
        return t
    }

    /// Indexes of the types in order of preference (cty sortTypes: a topological sort).
    static func sortTypes(_ tys: [ValueType]) -> [Int] {
        let l = tys.count
        var edges = Array(repeating: [Int](), count: l)
        for i in 0..<max(l - 1, 0) {
            for j in (i + 1)..<l {
                let c = compareTypes(tys[i], tys[j])
                if c < 0 { edges[i].append(j) } else if c > 0 { edges[j].append(i) }
            }
        }
        var inDegree = Array(repeating: 0, count: l)
        for outs in edges { for j in outs { inDegree[j] += 1 } }
        var queue = (0..<l).filter { inDegree[$0] == 0 }
        var result: [Int] = []
        var head = 0
        while head < queue.count {
            let i = queue[head]; head += 1
            result.append(i)
            for j in edges[i] {
                inDegree[j] -= 1
                if inDegree[j] == 0 { queue.append(j) }
            }
        }
        return result
    }

    static func compareTypes(_ a0: ValueType, _ b0: ValueType) -> Int {
        var a = a0, b = b0
        if a == .dynamic || b == .dynamic {
            if a != .dynamic { return -1 }
            if b != .dynamic { return 1 }
            return 0
        }
        if a.isPrimitive && b.isPrimitive {
            if a == .string || b == .string {
                if a != .string { return 1 }
                if b != .string { return -1 }
                return 0
            }
        }
        if case .list(let x) = a, case .list(let y) = b { return compareTypes(x, y) }
        if case .set(let x) = a, case .set(let y) = b { return compareTypes(x, y) }
        if case .map(let x) = a, case .map(let y) = b { return compareTypes(x, y) }
        var swap = 1
        if (a.isTuple && b.isList) || (a.isObject && b.isMap) || (a.isSet && b.isTuple) || (a.isSet && b.isList) {
            (a, b) = (b, a)
            swap = -1
        }
        if b.isSet && (a.isTuple || a.isList) { return -1 * swap }
        if a.isList && b.isTuple { return -1 * swap }
        if a.isMap && b.isObject { return -1 * swap }
        if a.isObject && b.isObject {
            let aa = a.attributeTypes, ba = b.attributeTypes
            if aa.count != ba.count { return 0 }
            var aSuper = false, bSuper = false
            for (k, t) in aa {
                guard let u = ba[k] else { return 0 }
                let c = compareTypes(t, u)
                if c < 0 { aSuper = true } else if c > 0 { bSuper = true }
            }
            if aSuper && bSuper { return 0 }
            if aSuper { return -1 * swap }
            if bSuper { return 1 * swap }
            return 0
        }
        if a.isTuple && b.isTuple {
            let ae = a.tupleElementTypes, be = b.tupleElementTypes
            if ae.count != be.count { return 0 }
            var aSuper = false, bSuper = false
            for (t, u) in zip(ae, be) {
                let c = compareTypes(t, u)
                if c < 0 { aSuper = true } else if c > 0 { bSuper = true }
            }
            if aSuper && bSuper { return 0 }
            if aSuper { return -1 * swap }
            if bSuper { return 1 * swap }
            return 0
        }
        return 0
    }

    /// cty's MismatchMessage.
    public static func mismatchMessage(got: ValueType, want: ValueType) -> String {
        switch (got, want) {
        case (.object, .object): return mismatchObjects(got, want)
        case (.tuple, .list(.dynamic)): return "all list elements must have the same type"
        case (.tuple, .set(.dynamic)): return "all set elements must have the same type"
        case (.object, .map(.dynamic)): return "all map elements must have the same type"
        default: break
        }
        if (got.isTuple || got.isObject) && want.isCollection { return mismatchFromStructural(got, want) }
        if got.isCollection && want.isCollection { return mismatchFromCollections(got, want) }
        // Terraform 1.11's cty (v1.16) does not yet add ", but have <type>".
        return want.friendlyNameForConstraint + " required"
    }

    static func mismatchObjects(_ got: ValueType, _ want: ValueType) -> String {
        let ga = got.attributeTypes, wa = want.attributeTypes, opt = want.optionalAttributes
        var missing: [String] = []
        var unsafeMismatch: String?, safeMismatch: String?
        for name in wa.keys.sorted() {
            let wt = wa[name] ?? .dynamic
            guard let gt = ga[name] else {
                if !opt.contains(name) { missing.append(name) }
                continue
            }
            if gt == wt { continue }
            if unsafeMismatch == nil && !canConvert(gt, to: wt, lossy: true) {
                unsafeMismatch = "attribute \(quoted(name)): \(mismatchMessage(got: gt, want: wt))"
            }
            if safeMismatch == nil && !canConvert(gt, to: wt, lossy: false) {
                safeMismatch = "attribute \(quoted(name)): \(mismatchMessage(got: gt, want: wt))"
            }
        }
        switch missing.count {
        case 0: break
        case 1: return "attribute \(quoted(missing[0])) is required"
        case 2: return "attributes \(quoted(missing[0])) and \(quoted(missing[1])) are required"
        default:
            let head = missing.dropLast().map { quoted($0) + ", " }.joined()
            return "attributes \(head)and \(quoted(missing[missing.count - 1])) are required"
        }
        return unsafeMismatch ?? safeMismatch ?? "incorrect object attributes"
    }

    static func mismatchFromStructural(_ got: ValueType, _ want: ValueType) -> String {
        if (want.isList || want.isSet) && !got.isTuple { return want.friendlyNameForConstraint + " required" }
        if want.isMap && !got.isObject { return want.friendlyNameForConstraint + " required" }
        let we = want.elementType ?? .dynamic
        if case .tuple(let ets) = got {
            for (i, t) in ets.enumerated() where t != we && !canConvert(t, to: we, lossy: true) {
                return "element \(i): \(mismatchMessage(got: t, want: we))"
            }
            return "all elements must be \(we.friendlyNameForConstraint)"
        }
        if case .object(let atys, _) = got {
            for name in atys.keys.sorted() {
                let t = atys[name] ?? .dynamic
                if t != we && !canConvert(t, to: we, lossy: true) {
                    return "element \(quoted(name)): \(mismatchMessage(got: t, want: we))"
                }
            }
            return "all elements must be \(we.friendlyNameForConstraint)"
        }
        return want.friendlyNameForConstraint + " required"
    }

    static func mismatchFromCollections(_ got: ValueType, _ want: ValueType) -> String {
        if want.isList && !(got.isList || got.isSet) { return want.friendlyNameForConstraint + " required" }
        if want.isSet && !(got.isList || got.isSet) { return want.friendlyNameForConstraint + " required" }
        if want.isMap && !got.isMap { return want.friendlyNameForConstraint + " required" }
        let noun = want.isList ? "list element type" : want.isSet ? "set element type" : "map element type"
        return "incorrect \(noun): \(mismatchMessage(got: got.elementType ?? .dynamic, want: want.elementType ?? .dynamic))"
    }

    static func likelyConfusing(_ got: ValueType, _ want: ValueType) -> Bool {
        if got.isPrimitive != want.isPrimitive { return false }
        if want == .string { return false }
        if (want == .bool && got == .number) || (got == .bool && want == .number) { return false }
        if got.isCollection && want.isCollection,
           let ge = got.elementType, let we = want.elementType,
           !ge.hasDynamicTypes && we.hasDynamicTypes { return false }
        if got.isTuple && want.isObject { return false }
        return true
    }
}

/// Go's `%q` quoting of a string, which Terraform messages use for names and values.
public enum GoQuote {
    public static func quote(_ s: String) -> String { GoStrings.quote(s) }
}
