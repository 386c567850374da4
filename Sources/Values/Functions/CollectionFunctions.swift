import BigInt

/// Collection functions: lookups, reshaping and searching of lists, maps,
/// tuples and objects. Set algebra and sequences live in SetFunctions.swift.
extension FunctionTable {
    public static let collectionFamily: [String: Function] = {
        var f: [String: Function] = sequenceFunctions

        f["length"] = Function(
            parameters: [FunctionParameter("value", .dynamic, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
            returnType: { args in
                let t = args[0].type
                switch t {
                case .string, .tuple, .object, .list, .set, .map, .dynamic: return .number
                default: throw FunctionCallError("argument must be a string, a collection type, or a structural type")
                }
            }
        ) { args, _ in
            let coll = args[0]
            let marks = coll.marks
            switch coll.type {
            case .dynamic: return Value.unknown(.number).marked(with: marks)
            case .tuple(let e): return Value.int(e.count).marked(with: marks)
            case .object(let a, _): return Value.int(a.count).marked(with: marks)
            case .string:
                let (u, m) = coll.unmarkedDeep()
                guard let s = u.stringValue else { return Value.unknown(.number).marked(with: m) }
                return Value.int(s.count).marked(with: m)
            default:
                let (u, m) = coll.unmarked()
                guard let c = u.count else { return Value.unknown(.number).marked(with: m) }
                return Value.int(c).marked(with: m)
            }
        }

        f["alltrue"] = Function(parameters: [FunctionParameter("list", .list(.bool))], returns: .bool) { args, _ in
            for v in args[0].elements ?? [] {
                if !v.isKnown { return .unknown(.bool) }
                if v.isNull || v.boolValue == false { return .false }
            }
            return .true
        }

        f["anytrue"] = Function(parameters: [FunctionParameter("list", .list(.bool))], returns: .bool) { args, _ in
            var hasUnknown = false
            for v in args[0].elements ?? [] {
                if !v.isKnown { hasUnknown = true; continue }
                if v.boolValue == true { return .true }
            }
            return hasUnknown ? .unknown(.bool) : .false
        }

        f["coalesce"] = Function(
            parameters: [],
            variadic: FunctionParameter("vals", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true),
            returnType: { args in
                guard let t = Conversion.unify(args.map(\.type), lossy: true) else {
                    throw FunctionCallError("all arguments must have the same type")
                }
                return t
            }
        ) { args, ctx in
            for a in args {
                let v = (try? Conversion.convert(a, to: ctx.returnType)) ?? a
                if !v.isKnown { return .unknown(ctx.returnType) }
                if v.isNull { continue }
                if ctx.returnType == .string && v.stringValue == "" { continue }
                return v
            }
            throw FunctionCallError("no non-null, non-empty-string arguments")
        }

        f["coalescelist"] = Function(
            parameters: [],
            variadic: FunctionParameter("vals", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true),
            returnType: { args in
                guard !args.isEmpty else { throw FunctionCallError("at least one argument is required") }
                var types: [ValueType] = []
                for a in args {
                    guard a.type.isList || a.type.isTuple || a.type == .dynamic else {
                        throw FunctionCallError("coalescelist arguments must be lists or tuples")
                    }
                    types.append(a.type)
                }
                return Conversion.unify(types, lossy: true) ?? .dynamic
            }
        ) { args, ctx in
            for a in args {
                if !a.isKnown { return .unknown(ctx.returnType) }
                if a.isNull { continue }
                if (a.count ?? 0) > 0 { return a }
            }
            throw FunctionCallError("no non-null arguments")
        }

        f["compact"] = Function(parameters: [FunctionParameter("list", .list(.string))], returns: .list(.string)) { args, _ in
            var out: [Value] = []
            for v in args[0].elements ?? [] {
                if !v.isKnown { return .unknown(.list(.string)) }
                if v.isNull || v.stringValue == "" { continue }
                out.append(v)
            }
            return .list(out, elementType: .string)
        }

        f["contains"] = Function(
            parameters: [FunctionParameter("list", .dynamic), FunctionParameter("value", .dynamic)],
            returns: .bool
        ) { args, _ in
            let list = args[0]
            guard list.type.isList || list.type.isSet || list.type.isTuple else {
                throw FunctionCallError("argument must be list, tuple, or set")
            }
            if list.isNull { throw FunctionCallError("cannot search a nil list or set") }
            if !list.isWhollyKnown { return .unknown(.bool) }
            var unknownSeen = false
            for e in list.elements ?? [] {
                let eq = e.equals(args[1])
                if !eq.isKnown { unknownSeen = true; continue }
                if eq.boolValue == true { return .true }
            }
            return unknownSeen ? .unknown(.bool) : .false
        }

        f["distinct"] = Function(
            parameters: [FunctionParameter("list", .list(.dynamic))],
            returnType: { args in args[0].type }
        ) { args, ctx in
            if !args[0].isWhollyKnown { return .unknown(ctx.returnType) }
            var out: [Value] = []
            for e in args[0].elements ?? [] where !out.contains(where: { $0.rawEquals(e) }) { out.append(e) }
            return .list(out, elementType: ctx.returnType.elementType ?? .dynamic)
        }

        f["chunklist"] = Function(
            parameters: [FunctionParameter("list", .list(.dynamic), allowMarked: true), FunctionParameter("size", .number, allowMarked: true)],
            returnType: { args in .list(args[0].type) }
        ) { args, ctx in
            let (list, listMarks) = args[0].unmarked()
            let (sizeV, sizeMarks) = args[1].unmarked()
            let marks = listMarks.union(sizeMarks)
            guard let size = sizeV.numberValue?.intValue else {
                throw FunctionCallError("invalid size: value must be a whole number, between -9223372036854775808 and 9223372036854775807")
            }
            if size < 0 { throw FunctionCallError("the size argument must be positive") }
            guard list.isKnown else { return Value.unknown(ctx.returnType).marked(with: marks) }
            let elems = list.elements ?? []
            let ety = list.type
            if elems.isEmpty { return Value.emptyList(ety).marked(with: marks) }
            if size == 0 { return Value.list([list], elementType: ety).marked(with: marks) }
            var chunks: [Value] = []
            var i = 0
            while i < elems.count {
                let chunk = Array(elems[i..<min(i + size, elems.count)])
                chunks.append(.list(chunk, elementType: ety.elementType ?? .dynamic))
                i += size
            }
            return Value.list(chunks, elementType: ety).marked(with: marks)
        }

        f["element"] = Function(
            parameters: [FunctionParameter("list", .dynamic, allowMarked: true), FunctionParameter("index", .number)],
            returnType: { args in
                let lt = args[0].type
                switch lt {
                case .list(let e): return e
                case .tuple(let etys):
                    guard args[1].isKnown else { return .dynamic }
                    guard let idx = args[1].numberValue?.intValue else {
                        throw FunctionCallError("invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807")
                    }
                    if etys.isEmpty { throw FunctionCallError("cannot use element function with an empty list") }
                    if idx < 0 { throw FunctionCallError("index must not be negative") }
                    return etys[idx % etys.count]
                default:
                    throw FunctionCallError("cannot read elements from \(lt.friendlyName)")
                }
            }
        ) { args, ctx in
            guard let idx = args[1].numberValue?.intValue else {
                throw FunctionCallError("invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807")
            }
            let (input, marks) = args[0].unmarked()
            guard input.isKnown else { return .unknown(ctx.returnType) }
            let elems = input.elements ?? []
            if elems.isEmpty { throw FunctionCallError("cannot use element function with an empty list") }
            // Terraform 1.11 fails on negative indexes (its cty panics); fail cleanly.
            if idx < 0 { throw FunctionCallError("index must not be negative") }
            return elems[idx % elems.count].marked(with: marks)
        }

        f["flatten"] = Function(
            parameters: [FunctionParameter("list", .dynamic, allowMarked: true)],
            returnType: { args in
                if !args[0].isWhollyKnown { return .dynamic }
                let t = args[0].type
                guard t.isList || t.isSet || t.isTuple else { throw FunctionCallError("can only flatten lists, sets and tuples") }
                let (out, _, known) = flatten(args[0])
                return known ? .tuple(out.map(\.type)) : .dynamic
            }
        ) { args, ctx in
            let (u, m) = args[0].unmarked()
            if (u.count ?? 0) == 0 { return Value.emptyTuple.marked(with: m) }
            let (out, marks, known) = flatten(args[0])
            if !known { return Value.unknown(ctx.returnType).marked(with: marks) }
            return Value.tuple(out).marked(with: marks)
        }

        f["index"] = Function(
            parameters: [FunctionParameter("list", .dynamic), FunctionParameter("value", .dynamic)],
            returns: .number
        ) { args, _ in
            guard args[0].type.isList || args[0].type.isTuple else { throw FunctionCallError("argument must be a list or tuple") }
            guard args[0].isKnown else { return .unknown(.number) }
            let elems = args[0].elements ?? []
            if elems.isEmpty { throw FunctionCallError("cannot search an empty list") }
            for (i, v) in elems.enumerated() {
                let eq = v.equals(args[1])
                if !eq.isKnown { return .unknown(.number) }
                if eq.boolValue == true { return .int(i) }
            }
            throw FunctionCallError("item not found")
        }

        f["keys"] = Function(
            parameters: [FunctionParameter("inputMap", .dynamic, allowUnknown: true, allowMarked: true)],
            returnType: { args in
                switch args[0].type {
                case .map: return .list(.string)
                case .object(let a, _): return .tuple(Array(repeating: .string, count: a.count))
                default: throw FunctionArgumentError(argument: 0, "must have map or object type")
                }
            }
        ) { args, ctx in
            let (m, marks) = args[0].unmarked()
            if case .object(let a, _) = m.type {
                return Value.tuple(a.keys.sorted(by: utf8Less).map { Value.string($0) }).marked(with: marks)
            }
            guard m.isKnown else { return Value.unknown(ctx.returnType).marked(with: marks) }
            let keys = (m.attributes ?? [:]).keys.sorted(by: utf8Less).map { Value.string($0) }
            return Value.list(keys, elementType: .string).marked(with: marks)
        }

        f["values"] = Function(
            parameters: [FunctionParameter("values", .dynamic)],
            returnType: { args in
                switch args[0].type {
                case .map(let e): return .list(e)
                case .object(let a, _): return .tuple(a.keys.sorted(by: utf8Less).map { a[$0] ?? .dynamic })
                default: throw FunctionCallError("values() requires a map as the first argument")
                }
            }
        ) { args, ctx in
            let a = args[0].attributes ?? [:]
            let vals = a.keys.sorted(by: utf8Less).map { a[$0] ?? .dynamicNull }
            if ctx.returnType.isTuple { return .tuple(vals) }
            return .list(vals, elementType: ctx.returnType.elementType ?? .dynamic)
        }

        f["lookup"] = Function(
            parameters: [
                FunctionParameter("inputMap", .dynamic, allowUnknown: true, allowMarked: true),
                FunctionParameter("key", .string, allowUnknown: true, allowMarked: true),
            ],
            variadic: FunctionParameter("default", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true),
            returnType: { args in
                if args.count > 3 { throw FunctionCallError("lookup() takes two or three arguments, got \(args.count)") }
                let t = args[0].type
                switch t {
                case .object(let a, _):
                    guard args[1].isKnown else { return .dynamic }
                    let key = args[1].unmarked().0.stringValue ?? ""
                    if let at = a[key] { return at }
                    if args.count == 3 { return args[2].type }
                    throw FunctionArgumentError(argument: 0, "the given object has no attribute \(GoQuote.quote(key))")
                case .map(let e):
                    if args.count == 3 {
                        do { _ = try Conversion.convert(args[2], to: e) } catch {
                            throw FunctionArgumentError(argument: 2, "the default value must have the same type as the map elements")
                        }
                    }
                    return e
                default:
                    throw FunctionArgumentError(argument: 0, "lookup() requires a map as the first argument")
                }
            }
        ) { args, ctx in
            let (mapV, mapMarks) = args[0].unmarked()
            let (keyV, keyMarks) = args[1].unmarked()
            let marks = mapMarks.union(keyMarks)
            guard mapV.isKnown, keyV.isKnown else { return Value.unknown(ctx.returnType).marked(with: marks) }
            let key = keyV.stringValue ?? ""
            if let v = mapV.attributes?[key] { return v.marked(with: marks) }
            if args.count == 3 {
                return try Conversion.convert(args[2], to: ctx.returnType).marked(with: marks)
            }
            let shown = keyMarks.contains(.sensitive) ? "(sensitive value)" : GoQuote.quote(key)
            throw FunctionCallError("lookup failed to find key \(shown)")
        }

        f["matchkeys"] = Function(
            parameters: [
                FunctionParameter("values", .list(.dynamic)),
                FunctionParameter("keys", .list(.dynamic)),
                FunctionParameter("searchset", .list(.dynamic)),
            ],
            returnType: { args in
                guard Conversion.unify([args[1].type, args[2].type], lossy: true) != nil else {
                    throw FunctionCallError("keys and searchset must be of the same type")
                }
                return args[0].type
            }
        ) { args, ctx in
            let ety = ctx.returnType.elementType ?? .dynamic
            guard args[0].isKnown else { return .unknown(.list(ety)) }
            let values = args[0].elements ?? []
            guard values.count == (args[1].elements?.count ?? -1) else {
                throw FunctionCallError("length of keys and values should be equal")
            }
            let ut = Conversion.unify([args[1].type, args[2].type], lossy: true) ?? .dynamic
            let keys = ((try? Conversion.convert(args[1], to: ut)) ?? args[1]).elements ?? []
            let search = ((try? Conversion.convert(args[2], to: ut)) ?? args[2]).elements ?? []
            if search.isEmpty { return .emptyList(ety) }
            if !args[0].isWhollyKnown || !args[1].isWhollyKnown { return .unknown(ctx.returnType) }
            var out: [Value] = []
            for (i, k) in keys.enumerated() {
                for s in search {
                    let eq = k.equals(s)
                    if !eq.isKnown { return .emptyList(ety) }
                    if eq.boolValue == true { out.append(values[i]); break }
                }
            }
            return .list(out, elementType: ety)
        }

        f["merge"] = Function(
            parameters: [],
            variadic: FunctionParameter("maps", .dynamic, allowNull: true, allowDynamicType: true, allowMarked: true),
            returnType: { args in
                if args.isEmpty { return .emptyObject }
                var attrs: [String: ValueType] = [:]
                var first: ValueType?
                var matching = true
                var attrsKnown = true
                for a in args {
                    var t = a.type
                    if t == .dynamic { return .dynamic }
                    guard t.isMap || t.isObject else {
                        throw FunctionCallError("arguments must be maps or objects, got \"\(t.friendlyName)\"")
                    }
                    let u = a.unmarked().0
                    if case .object(let at, _) = t {
                        if u.isNull { t = .emptyObject } else { attrs.merge(at) { _, n in n } }
                    } else if case .map(let e) = t {
                        if u.isNull {
                        } else if u.isKnown {
                            for k in (u.attributes ?? [:]).keys { attrs[k] = e }
                        } else { attrsKnown = false }
                    }
                    if first == nil { first = t; continue }
                    if matching && t != first { matching = false }
                }
                if matching, let first { return first }
                if !attrsKnown { return .dynamic }
                return .object(attrs)
            }
        ) { args, ctx in
            var out: [String: Value] = [:]
            var marks = Set<ValueMark>()
            for a in args {
                if a.isNull { continue }
                let (u, m) = a.unmarked()
                marks.formUnion(m)
                for (k, v) in u.attributes ?? [:] { out[k] = v }
            }
            switch ctx.returnType {
            case .map(let e):
                return Value.map(out, elementType: e).marked(with: marks)
            case .object(let at, _):
                for (k, t) in at where out[k] == nil { out[k] = .null(t) }
                return Value.object(out).marked(with: marks)
            default:
                return Value.object(out).marked(with: marks)
            }
        }

        f["one"] = Function(
            parameters: [FunctionParameter("list", .dynamic)],
            returnType: { args in
                switch args[0].type {
                case .list(let e), .set(let e): return e
                case .tuple(let e) where e.count <= 1: return e.first ?? .dynamic
                default: throw FunctionArgumentError(argument: 0, "must be a list, set, or tuple value with either zero or one elements")
                }
            }
        ) { args, ctx in
            let elems = args[0].elements ?? []
            switch elems.count {
            case 0: return .null(ctx.returnType)
            case 1: return elems[0]
            default: throw FunctionArgumentError(argument: 0, "must be a list, set, or tuple value with either zero or one elements")
            }
        }

        f["reverse"] = Function(
            parameters: [FunctionParameter("list", .dynamic)],
            returnType: { args in
                switch args[0].type {
                case .list: return args[0].type
                case .set(let e): return .list(e)
                case .tuple(let e): return .tuple(e.reversed())
                default: throw FunctionArgumentError(argument: 0, "can only reverse list or tuple values, not \(args[0].type.friendlyName)")
                }
            }
        ) { args, ctx in
            let r = Array((args[0].elements ?? []).reversed())
            if ctx.returnType.isTuple { return .tuple(r) }
            return .list(r, elementType: ctx.returnType.elementType ?? .dynamic)
        }

        f["slice"] = Function(
            parameters: [FunctionParameter("list", .dynamic), FunctionParameter("start_index", .number), FunctionParameter("end_index", .number)],
            returnType: { args in
                let t = args[0].type
                if t.isSet {
                    throw FunctionArgumentError(argument: 0, "cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important")
                }
                guard t.isList || t.isTuple else { throw FunctionArgumentError(argument: 0, "must be a list or tuple value") }
                if case .tuple(let e) = t {
                    guard args[1].isKnown, args[2].isKnown else { return .dynamic }
                    let (s, en) = try sliceBounds(args, count: e.count)
                    return .tuple(Array(e[s..<en]))
                }
                return t
            }
        ) { args, ctx in
            guard args[0].isKnown else { return .unknown(ctx.returnType) }
            let elems = args[0].elements ?? []
            let (s, e) = try sliceBounds(args, count: elems.count)
            let part = Array(elems[s..<e])
            if args[0].type.isTuple { return .tuple(part) }
            return .list(part, elementType: args[0].type.elementType ?? .dynamic)
        }

        f["sort"] = Function(parameters: [FunctionParameter("list", .list(.string))], returns: .list(.string)) { args, _ in
            guard args[0].isWhollyKnown else { return .unknown(.list(.string)) }
            var strs: [String] = []
            for v in args[0].elements ?? [] {
                guard let s = v.stringValue else { throw FunctionCallError("given list element \(strs.count) is null; a null string cannot be sorted") }
                strs.append(s)
            }
            return .list(strs.sorted(by: utf8Less).map { .string($0) }, elementType: .string)
        }

        f["sum"] = Function(parameters: [FunctionParameter("list", .dynamic)], returns: .number) { args, _ in
            let t = args[0].type
            guard t.isList || t.isSet || t.isTuple || t.isMap || t.isObject else {
                throw FunctionArgumentError(argument: 0, "cannot sum noniterable")
            }
            let elems = args[0].elements ?? Array((args[0].attributes ?? [:]).values)
            if elems.isEmpty { throw FunctionArgumentError(argument: 0, "cannot sum an empty list") }
            guard t.isList || t.isSet || t.isTuple else {
                throw FunctionArgumentError(argument: 0, "argument must be list, set, or tuple. Received \(t.friendlyName)")
            }
            if !args[0].isWhollyKnown { return .unknown(.number) }
            var total: Number?
            for v in elems {
                guard !v.isNull, let n = (try? Conversion.convert(v, to: .number))?.numberValue else {
                    throw FunctionArgumentError(argument: 0, "argument must be list, set, or tuple of number values")
                }
                if let t0 = total {
                    guard let s = t0.adding(n) else { throw FunctionCallError("can't compute sum of opposing infinities") }
                    total = s
                } else { total = n }
            }
            return .number(total ?? Number(0))
        }

        f["transpose"] = Function(parameters: [FunctionParameter("values", .map(.list(.string)))], returns: .map(.list(.string))) { args, _ in
            guard args[0].isWhollyKnown else { return .unknown(.map(.list(.string))) }
            var tmp: [String: [String]] = [:]
            for (k, lv) in args[0].attributes ?? [:] {
                guard !lv.isNull else { throw FunctionCallError("input must not contain null list") }
                for v in lv.elements ?? [] {
                    guard let s = v.stringValue else { throw FunctionCallError("input list must not contain null string") }
                    tmp[s, default: []].append(k)
                }
            }
            var out: [String: Value] = [:]
            for (k, v) in tmp { out[k] = .list(v.sorted(by: utf8Less).map { .string($0) }, elementType: .string) }
            return .map(out, elementType: .list(.string))
        }

        f["zipmap"] = Function(
            parameters: [FunctionParameter("keys", .list(.string)), FunctionParameter("values", .dynamic)],
            returnType: { args in
                let keys = args[0], values = args[1]
                switch values.type {
                case .list(let e): return .map(e)
                case .tuple(let etys):
                    guard keys.isWhollyKnown else { return .dynamic }
                    let ks = keys.elements ?? []
                    if ks.count != etys.count {
                        throw FunctionCallError("number of keys (\(ks.count)) does not match number of values (\(etys.count))")
                    }
                    var attrs: [String: ValueType] = [:]
                    for (i, k) in ks.enumerated() {
                        guard let s = k.stringValue else { throw FunctionCallError("keys list has null value at index \(i)") }
                        attrs[s] = etys[i]
                    }
                    return .object(attrs)
                default:
                    throw FunctionCallError("values argument must be a list or tuple value")
                }
            }
        ) { args, ctx in
            guard args[0].isWhollyKnown, args[1].isKnown else { return .unknown(ctx.returnType) }
            let ks = args[0].elements ?? [], vs = args[1].elements ?? []
            if ks.count != vs.count {
                throw FunctionCallError("number of keys (\(ks.count)) does not match number of values (\(vs.count))")
            }
            var out: [String: Value] = [:]
            for (i, k) in ks.enumerated() {
                guard let s = k.stringValue else { throw FunctionCallError("keys list has null value at index \(i)") }
                out[s] = vs[i]
            }
            if case .map(let e) = ctx.returnType { return .map(out, elementType: e) }
            return .object(out)
        }

        return f
    }()

    static func utf8Less(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    static func sliceBounds(_ args: [Value], count: Int) throws -> (Int, Int) {
        guard let s = args[1].numberValue?.intValue else {
            throw FunctionArgumentError(argument: 1, "invalid start index: value must be a whole number, between -9223372036854775808 and 9223372036854775807")
        }
        if s < 0 { throw FunctionArgumentError(argument: 1, "start index must not be less than zero") }
        if s > count { throw FunctionArgumentError(argument: 1, "start index must not be greater than the length of the list") }
        guard let e = args[2].numberValue?.intValue else {
            throw FunctionArgumentError(argument: 2, "invalid end index: value must be a whole number, between -9223372036854775808 and 9223372036854775807")
        }
        if e < 0 { throw FunctionArgumentError(argument: 2, "end index must not be less than zero") }
        if e > count { throw FunctionArgumentError(argument: 2, "end index must not be greater than the length of the list") }
        if s > e { throw FunctionArgumentError(argument: 1, "start index must not be greater than end index") }
        return (s, e)
    }

    /// Flattens nested lists, sets and tuples (not nulls); known=false when something unknown blocks it.
    static func flatten(_ v: Value) -> ([Value], Set<ValueMark>, Bool) {
        let (list, lm) = v.unmarked()
        var marks = lm
        guard list.isKnown else { return ([], marks, false) }
        var out: [Value] = []
        var known = true
        for e in list.elements ?? [] {
            if e.type == .dynamic && !e.isKnown { known = false }
            if !e.isNull && (e.type.isList || e.type.isSet || e.type.isTuple) {
                if !e.isKnown { known = false; marks.formUnion(e.marks); continue }
                let (r, m, k) = flatten(e)
                marks.formUnion(m)
                if k { out.append(contentsOf: r) } else { known = false }
            } else {
                out.append(e)
            }
        }
        return (out, marks, known)
    }
}
