import HCL

/// The operator implementations, as functions so that unknown, null and
/// marked operands get exactly the function-call treatment cty gives them.
enum Operators {
    static func numeric(_ failure: String, _ op: @escaping @Sendable (Number, Number) -> Number?) -> Function {
        Function(
            parameters: [FunctionParameter("a", .number, allowDynamicType: true), FunctionParameter("b", .number, allowDynamicType: true)],
            returns: .number
        ) { args, _ in
            guard let r = op(try args[0].number(), try args[1].number()) else { throw FunctionCallError(failure) }
            return .number(r)
        }
    }

    static func comparison(_ test: @escaping @Sendable (Int) -> Bool) -> Function {
        Function(
            parameters: [
                FunctionParameter("a", .number, allowUnknown: true, allowDynamicType: true, allowMarked: true),
                FunctionParameter("b", .number, allowUnknown: true, allowDynamicType: true, allowMarked: true),
            ],
            returns: .bool
        ) { args, _ in
            let (a, am) = args[0].unmarked(), (b, bm) = args[1].unmarked()
            guard a.isKnown, b.isKnown, let x = a.numberValue, let y = b.numberValue else {
                return Value.unknown(.bool).marked(with: am.union(bm))
            }
            return Value.bool(test(Number.compare(x, y))).marked(with: am.union(bm))
        }
    }

    static func equality(negate: Bool) -> Function {
        Function(
            parameters: [
                FunctionParameter("a", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true),
                FunctionParameter("b", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true),
            ],
            returns: .bool
        ) { args, _ in
            let eq = args[0].equals(args[1])
            guard negate, let b = eq.boolValue else { return eq }
            return Value.bool(!b).marked(with: eq.marks)
        }
    }

    static func logical(_ op: @escaping @Sendable (Bool, Bool) -> Bool) -> Function {
        Function(
            parameters: [
                FunctionParameter("a", .bool, allowDynamicType: true, allowMarked: true),
                FunctionParameter("b", .bool, allowDynamicType: true, allowMarked: true),
            ],
            returns: .bool
        ) { args, _ in
            let (a, am) = args[0].unmarked(), (b, bm) = args[1].unmarked()
            return Value.bool(op(a.boolValue ?? false, b.boolValue ?? false)).marked(with: am.union(bm))
        }
    }

    static let table: [BinaryOperator: Function] = [
        .add: numeric("can't compute sum of opposing infinities") { $0.adding($1) },
        .subtract: numeric("can't subtract infinity from itself") { $0.subtracting($1) },
        .multiply: numeric("can't multiply zero by infinity") { $0.multiplying($1) },
        .divide: numeric("can't divide zero by zero or infinity by infinity") { $0.dividing(by: $1) },
        // Terraform 1.11 fails on an infinite left operand (its cty panics); fail cleanly.
        .modulo: numeric("can't use modulo with zero and infinity") { $0.isInfinite ? nil : $0.remainder(dividingBy: $1) },
        .lessThan: comparison { $0 < 0 },
        .lessThanOrEqual: comparison { $0 <= 0 },
        .greaterThan: comparison { $0 > 0 },
        .greaterThanOrEqual: comparison { $0 >= 0 },
        .equal: equality(negate: false),
        .notEqual: equality(negate: true),
        .logicalAnd: logical { $0 && $1 },
        .logicalOr: logical { $0 || $1 },
    ]

    static func resultType(_ op: BinaryOperator) -> ValueType {
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo: return .number
        default: return .bool
        }
    }

    static let negate = Function(
        parameters: [FunctionParameter("num", .number, allowDynamicType: true, allowMarked: true)], returns: .number
    ) { args, _ in
        let (v, m) = args[0].unmarked()
        return Value.number(-(try v.number())).marked(with: m)
    }

    static let not = Function(
        parameters: [FunctionParameter("val", .bool, allowDynamicType: true, allowMarked: true)], returns: .bool
    ) { args, _ in
        let (v, m) = args[0].unmarked()
        return Value.bool(!(v.boolValue ?? false)).marked(with: m)
    }
}

extension Evaluator {
    mutating func binary(_ op: BinaryOperator, _ lhsExpr: Expression, _ rhsExpr: Expression, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        var lhsDiags = Diagnostics(), rhsDiags = Diagnostics()
        let givenL = eval(lhsExpr, &lhsDiags)
        let givenR = eval(rhsExpr, &rhsDiags)
        // Known, unmarked operands of the operator's own primitive type need no
        // conversion, so the common arithmetic and comparisons skip the table.
        if lhsDiags.isEmpty && rhsDiags.isEmpty && givenL.marks.isEmpty && givenR.marks.isEmpty,
           let fast = Evaluator.primitiveFastPath(op, givenL, givenR) {
            return fast
        }
        guard let impl = Operators.table[op] else { return .dynamicUnknown }
        let resultType = Operators.resultType(op)
        var own = Diagnostics()
        var lhs = givenL
        do { lhs = try Conversion.convert(givenL, to: impl.parameters[0].type) } catch {
            own += .error("Invalid operand", "Unsuitable value for left operand: \(error).", subject: lhsExpr.range, context: range)
        }
        var rhs = givenR
        do { rhs = try Conversion.convert(givenR, to: impl.parameters[1].type) } catch {
            own += .error("Invalid operand", "Unsuitable value for right operand: \(error).", subject: rhsExpr.range, context: range)
        }
        if own.hasErrors {
            diags += own; diags += lhsDiags; diags += rhsDiags
            return .unknown(resultType)
        }
        let (l, lm) = lhs.unmarked()
        let (r, rm) = rhs.unmarked()
        let marks = lm.union(rm)
        if op == .logicalAnd || op == .logicalOr {
            let isOr = op == .logicalOr
            let decisive = isOr  // || is decided by true, && by false
            if !l.isKnown && !r.isKnown {
                if !lhsDiags.hasErrors { diags += lhsDiags; return Value.unknown(.bool).marked(with: marks) }
            } else if l.isKnown, let b = l.boolValue, b == decisive {
                diags += lhsDiags; return Value.bool(decisive).marked(with: marks)
            } else if r.isKnown, let b = r.boolValue, b == decisive {
                diags += rhsDiags; return Value.bool(decisive).marked(with: marks)
            } else if !l.isKnown, r.boolValue == !decisive {
                diags += lhsDiags; return Value.unknown(.bool).marked(with: marks)
            } else if !r.isKnown, l.boolValue == !decisive {
                diags += rhsDiags; return Value.unknown(.bool).marked(with: marks)
            }
        }
        diags += lhsDiags; diags += rhsDiags
        if lhsDiags.hasErrors || rhsDiags.hasErrors { return Value.unknown(resultType).marked(with: marks) }
        if let fast = Evaluator.primitiveFastPath(op, l, r) { return fast.marked(with: marks) }
        do {
            return try impl.call([l, r], functions: context.functions).marked(with: marks)
        } catch {
            diags += .error("Operation failed", "Error during operation: \(Evaluator.message(of: error)).", subject: range)
            return .unknown(resultType)
        }
    }

    mutating func unary(_ op: UnaryOperator, _ operand: Expression, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        let impl = op == .negate ? Operators.negate : Operators.not
        let resultType: ValueType = op == .negate ? .number : .bool
        var local = Diagnostics()
        let given = eval(operand, &local)
        var v = given
        do { v = try Conversion.convert(given, to: impl.parameters[0].type) } catch {
            local += .error("Invalid operand", "Unsuitable value for unary operand: \(error).", subject: operand.range, context: range)
        }
        diags += local
        if local.hasErrors { return .unknown(resultType) }
        do {
            return try impl.call([v], functions: context.functions)
        } catch {
            diags += .error("Operation failed", "Error during operation: \(Evaluator.message(of: error)).", subject: range)
            return .unknown(resultType)
        }
    }

    /// Known, unmarked primitive operands: the answer without the function-call
    /// machinery (same results; failures fall back to the full path for messages).
    static func primitiveFastPath(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value? {
        switch (l.content, r.content) {
        case (.number(let x), .number(let y)):
            switch op {
            case .add: return x.adding(y).map { .number($0) }
            case .subtract: return x.subtracting(y).map { .number($0) }
            case .multiply: return x.multiplying(y).map { .number($0) }
            case .divide: return x.dividing(by: y).map { .number($0) }
            case .modulo: return x.isInfinite ? nil : x.remainder(dividingBy: y).map { .number($0) }
            case .lessThan: return .bool(Number.compare(x, y) < 0)
            case .lessThanOrEqual: return .bool(Number.compare(x, y) <= 0)
            case .greaterThan: return .bool(Number.compare(x, y) > 0)
            case .greaterThanOrEqual: return .bool(Number.compare(x, y) >= 0)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(!(x == y))
            default: return nil
            }
        case (.string(let x), .string(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: return nil
            }
        case (.bool(let x), .bool(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .logicalAnd: return .bool(x && y)
            case .logicalOr: return .bool(x || y)
            default: return nil
            }
        default:
            return nil
        }
    }

    static func message(of error: Error) -> String {
        switch error {
        case let e as FunctionArgumentError: return e.message
        case let e as FunctionCallError: return e.message
        case let e as ConversionError: return e.message
        default: return "\(error)"
        }
    }
}
