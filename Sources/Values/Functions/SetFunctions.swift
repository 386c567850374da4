/// Set algebra and sequence-building functions (concat, range, setproduct, set*).
extension FunctionTable {
    /// range() refuses to build more elements than this, as Terraform does.
    public static let rangeLimit = 1024
    /// setproduct() refuses products larger than this to keep memory bounded.
    public static let setProductLimit = 1_000_000

    static let sequenceFunctions: [String: Function] = {
        var f: [String: Function] = [:]

        f["concat"] = Function(
            parameters: [],
            variadic: FunctionParameter("seqs", .dynamic, allowMarked: true),
            returnType: { args in
                if args.isEmpty { throw FunctionCallError("at least one argument is required") }
                if args[0].type.isList, args.allSatisfy({ $0.type.isList }),
                   let common = Conversion.unify(args.map(\.type), lossy: true) {
                    return common
                }
                var etys: [ValueType] = []
                for (i, a) in args.enumerated() {
                    let v = a.unmarkedDeep().0
                    switch v.type {
                    case .tuple(let e): etys.append(contentsOf: e)
                    case .list(let e):
                        guard let c = v.count else { return .dynamic }
                        etys.append(contentsOf: Array(repeating: e, count: c))
                    default:
                        throw FunctionArgumentError(argument: i, "all arguments must be lists or tuples; got \(v.type.friendlyName)")
                    }
                }
                return .tuple(etys)
            }
        ) { args, ctx in
            var vals: [Value] = []
            var marks = Set<ValueMark>()
            if ctx.returnType.isList {
                for (i, a) in args.enumerated() {
                    let c: Value
                    do { c = try Conversion.convert(a, to: ctx.returnType) } catch let e as ConversionError {
                        throw FunctionArgumentError(argument: i, e.message)
                    }
                    let (u, m) = c.unmarked()
                    marks.formUnion(m)
                    vals.append(contentsOf: u.elements ?? [])
                }
                return Value.list(vals, elementType: ctx.returnType.elementType ?? .dynamic).marked(with: marks)
            }
            for a in args {
                let (u, m) = a.unmarked()
                marks.formUnion(m)
                vals.append(contentsOf: u.elements ?? [])
            }
            return Value.tuple(vals).marked(with: marks)
        }

        f["range"] = Function(
            parameters: [], variadic: FunctionParameter("params", .number), returns: .list(.number)
        ) { args, _ in
            let nums = try args.map { try $0.number() }
            let zero = Number(0)
            var start = zero, end = zero, step = Number(1)
            switch nums.count {
            case 1:
                end = nums[0]
                if Number.compare(nums[0], zero) < 0 { step = Number(-1) }
            case 2:
                start = nums[0]; end = nums[1]
                if Number.compare(end, start) < 0 { step = Number(-1) }
            case 3:
                start = nums[0]; end = nums[1]; step = nums[2]
            default:
                throw FunctionCallError("must have one, two, or three arguments")
            }
            // Terraform 1.11 has no zero-step check; the element limit stops it.
            let down = step.sign < 0
            if down && Number.compare(end, start) > 0 {
                throw FunctionArgumentError(argument: 1, "end must be less than start when step is negative")
            }
            if !down && Number.compare(end, start) < 0 {
                throw FunctionArgumentError(argument: 1, "end must be greater than start when step is positive")
            }
            var vals: [Value] = []
            var n = start
            while true {
                let c = Number.compare(n, end)
                if down ? c <= 0 : c >= 0 { break }
                if vals.count >= rangeLimit {
                    throw FunctionCallError("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step")
                }
                vals.append(.number(n))
                guard let next = n.adding(step) else { break }
                n = next
            }
            return .list(vals, elementType: .number)
        }

        f["setproduct"] = Function(
            parameters: [],
            variadic: FunctionParameter("sets", .dynamic, allowMarked: true),
            returnType: { args in
                if args.count < 2 { throw FunctionCallError("at least two arguments are required") }
                var listCount = 0
                var etys: [ValueType] = []
                for (i, a) in args.enumerated() {
                    switch a.type {
                    case .set(let e): etys.append(e)
                    case .list(let e): etys.append(e); listCount += 1
                    case .tuple(let all):
                        listCount += 1
                        if all.isEmpty { etys.append(.dynamic); break }
                        guard let u = Conversion.unify(all, lossy: true) else {
                            throw FunctionArgumentError(argument: i, "all elements must be of the same type")
                        }
                        etys.append(u)
                    default:
                        throw FunctionArgumentError(argument: i, "a set or a list is required")
                    }
                }
                return listCount == args.count ? .list(.tuple(etys)) : .set(.tuple(etys))
            }
        ) { args, ctx in
            let ety = ctx.returnType.elementType ?? .dynamic
            var marks = Set<ValueMark>()
            var lists: [[Value]] = []
            var unknownLength = false
            var total = 1
            for a in args {
                let (u, m) = a.unmarked()
                marks.formUnion(m)
                guard u.isKnown, let c = u.count else { unknownLength = true; lists.append([]); continue }
                lists.append(u.elements ?? [])
                total = total.multipliedReportingOverflow(by: c).overflow ? Int.max : total * c
            }
            if unknownLength { return Value.unknown(ctx.returnType).marked(with: marks) }
            if total > setProductLimit {
                throw FunctionCallError("the product would have \(total) elements, more than the \(setProductLimit) supported")
            }
            let subEtys = ety.tupleElementTypes
            var product: [Value] = []
            product.reserveCapacity(total)
            if total > 0 {
                var idx = Array(repeating: 0, count: lists.count)
                for _ in 0..<total {
                    var tuple: [Value] = []
                    for (j, n) in idx.enumerated() {
                        var v = lists[j][n]
                        if j < subEtys.count, v.type != subEtys[j] { v = try Conversion.convert(v, to: subEtys[j]) }
                        tuple.append(v)
                    }
                    product.append(.tuple(tuple))
                    for j in stride(from: idx.count - 1, through: 0, by: -1) {
                        idx[j] += 1
                        if idx[j] < lists[j].count { break }
                        idx[j] = 0
                    }
                }
            }
            let r: Value = ctx.returnType.isList ? .list(product, elementType: ety) : .set(product, elementType: ety)
            return r.marked(with: marks)
        }

        f["setunion"] = setOperation(allowUnknowns: true) { a, b in a + b.filter { x in !a.contains { $0.rawEquals(x) } } }
        f["setintersection"] = setOperation(allowUnknowns: false) { a, b in a.filter { x in b.contains { $0.rawEquals(x) } } }
        f["setsubtract"] = Function(
            parameters: [
                FunctionParameter("a", .set(.dynamic), allowDynamicType: true),
                FunctionParameter("b", .set(.dynamic), allowDynamicType: true),
            ],
            returnType: setOperationReturnType,
            implementation: setOperationImpl(allowUnknowns: false) { a, b in a.filter { x in !b.contains { $0.rawEquals(x) } } }
        )
        return f
    }()

    static func setOperation(allowUnknowns: Bool, _ op: @escaping @Sendable ([Value], [Value]) -> [Value]) -> Function {
        Function(
            parameters: [FunctionParameter("first_set", .set(.dynamic), allowDynamicType: true)],
            variadic: FunctionParameter("other_sets", .set(.dynamic), allowDynamicType: true),
            returnType: setOperationReturnType,
            implementation: setOperationImpl(allowUnknowns: allowUnknowns, op)
        )
    }

    @Sendable static func setOperationReturnType(_ args: [Value]) throws -> ValueType {
        var etys: [ValueType] = []
        for a in args {
            let e = a.type.elementType ?? .dynamic
            if a.isKnown && (a.count ?? 0) == 0 && e == .dynamic { continue }
            etys.append(e)
        }
        if etys.isEmpty { return .set(.dynamic) }
        guard let u = Conversion.unify(etys, lossy: true) else {
            throw FunctionCallError("given sets must all have compatible element types")
        }
        return .set(u)
    }

    static func setOperationImpl(allowUnknowns: Bool, _ op: @escaping @Sendable ([Value], [Value]) -> [Value]) -> Function.Implementation {
        return { args, ctx in
            var result: [Value] = []
            for (i, a) in args.enumerated() {
                let c: Value
                do { c = try Conversion.convert(a, to: ctx.returnType) } catch let e as ConversionError {
                    throw FunctionArgumentError(argument: i, e.message)
                }
                if !allowUnknowns && !c.isWhollyKnown { return .unknown(ctx.returnType) }
                let elems = c.elements ?? []
                result = i == 0 ? elems : op(result, elems)
            }
            return .set(result, elementType: ctx.returnType.elementType ?? .dynamic)
        }
    }
}
