import HCL

/// Values of configuration arguments that terraform decodes without an
/// evaluation context (`sensitive = true`, `description = "..."`): constants only.
/// References and function calls get terraform's "not allowed" errors.
enum StaticValue {
    enum Constant {
        case bool(Bool)
        case string(String)
        case number(String)
        case null
    }

    /// The constant an expression denotes, or the diagnostic terraform gives.
    static func constant(_ expr: Expression) -> (Constant?, Diagnostics) {
        switch expr.kind {
        case .literal(let lit):
            switch lit {
            case .bool(let b): return (.bool(b), Diagnostics())
            case .string(let s): return (.string(s), Diagnostics())
            case .number(let n): return (.number(n), Diagnostics())
            case .null: return (.null, Diagnostics())
            case .unknown: return (nil, Diagnostics())
            }
        case .template:
            if let s = expr.asStringLiteral { return (.string(s), Diagnostics()) }
            return firstProblem(in: expr)
        case .templateWrap(let inner), .parentheses(let inner):
            return constant(inner)
        case .scopeTraversal:
            return (nil, Diagnostics([.error("Variables not allowed", "Variables may not be used here.", subject: expr.range)]))
        case .functionCall(let call):
            return (nil, Diagnostics([.error("Function calls not allowed", "Functions may not be called here.", subject: call.nameRange.through(call.closeParenRange))]))
        case .invalid:
            return (nil, Diagnostics())
        default:
            return firstProblem(in: expr)
        }
    }

    private static func firstProblem(in expr: Expression) -> (Constant?, Diagnostics) {
        var found: Diagnostics?
        ExpressionWalker.walk(expr) { e in
            guard found == nil else { return }
            switch e.kind {
            case .scopeTraversal:
                found = Diagnostics([.error("Variables not allowed", "Variables may not be used here.", subject: e.range)])
            case .functionCall(let call):
                found = Diagnostics([.error("Function calls not allowed", "Functions may not be called here.", subject: call.nameRange.through(call.closeParenRange))])
            default:
                break
            }
        }
        return (nil, found ?? Diagnostics([.error("Unsuitable value type", "Unsuitable value: a constant value is required", subject: expr.range)]))
    }

    static func bool(_ attr: Attribute) -> (Bool?, Diagnostics) {
        let (c, diags) = constant(attr.expression)
        guard let c else { return (nil, diags) }
        switch c {
        case .bool(let b): return (b, diags)
        case .string("true"): return (true, diags)
        case .string("false"): return (false, diags)
        default:
            return (nil, Diagnostics([.error("Unsuitable value type", "Unsuitable value: a bool is required", subject: attr.expression.range)]))
        }
    }

    static func string(_ attr: Attribute) -> (String?, Diagnostics) {
        let (c, diags) = constant(attr.expression)
        guard let c else { return (nil, diags) }
        switch c {
        case .string(let s): return (s, diags)
        case .number(let n): return (n, diags)
        case .bool(let b): return (b ? "true" : "false", diags)
        case .null:
            return (nil, Diagnostics([.error("Unsuitable value type", "Unsuitable value: value must not be null", subject: attr.expression.range)]))
        }
    }
}

/// Visits every node of an expression tree, parents before children.
public enum ExpressionWalker {
    public static func walk(_ expr: Expression, _ visit: (Expression) -> Void) {
        visit(expr)
        switch expr.kind {
        case .literal, .scopeTraversal, .splatItem, .invalid:
            break
        case .template(let parts):
            walkParts(parts, visit)
        case .templateWrap(let e), .parentheses(let e):
            walk(e, visit)
        case .relativeTraversal(let source, _):
            walk(source, visit)
        case .functionCall(let call):
            call.arguments.forEach { walk($0, visit) }
        case .conditional(let c, let t, let f):
            walk(c, visit); walk(t, visit); walk(f, visit)
        case .binaryOp(_, let l, let r):
            walk(l, visit); walk(r, visit)
        case .unaryOp(_, let o, _):
            walk(o, visit)
        case .tuple(let items):
            items.forEach { walk($0, visit) }
        case .object(let items):
            for item in items {
                walk(item.key.expression, visit)
                walk(item.value, visit)
            }
        case .forExpr(let f):
            walk(f.collection, visit)
            if let k = f.keyExpression { walk(k, visit) }
            walk(f.valueExpression, visit)
            if let c = f.condition { walk(c, visit) }
        case .index(let c, let k, _):
            walk(c, visit); walk(k, visit)
        case .splat(let s, let each, _, _):
            walk(s, visit); walk(each, visit)
        }
    }

    static func walkParts(_ parts: [TemplatePart], _ visit: (Expression) -> Void) {
        for part in parts {
            switch part {
            case .literal: break
            case .interpolation(let i): walk(i.expression, visit)
            case .conditional(let c):
                walk(c.condition, visit)
                walkParts(c.thenParts, visit)
                walkParts(c.elseParts, visit)
            case .forLoop(let f):
                walk(f.collection, visit)
                walkParts(f.body, visit)
            }
        }
    }

    /// Every reference (traversal from a root name) in the expression, in source
    /// order — `for` and splat symbols included; callers filter by root name.
    public static func traversals(in expr: Expression) -> [Traversal] {
        var result: [Traversal] = []
        walk(expr) { e in
            if case .scopeTraversal(let t) = e.kind { result.append(t) }
        }
        return result
    }
}
