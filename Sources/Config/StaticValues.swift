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

    /// The constant an expression denotes, or the diagnostics terraform gives
    /// when decoding it without an evaluation context: the evaluation problem
    /// ("Variables not allowed") and then "Unsuitable value type".
    static func constant(_ expr: Expression) -> (Constant?, Diagnostics) {
        // hcl/json evaluates without a context literally: strings are not templates.
        switch expr.jsonNode {
        case .string(let s, _): return (.string(s), Diagnostics())
        case .bool(let b, _): return (.bool(b), Diagnostics())
        case .number(let n, _): return (.number(n), Diagnostics())
        case .null: return (.null, Diagnostics())
        default: break
        }
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
        case .templateWrap(let inner), .parentheses(let inner):
            let (c, d) = constant(inner)
            if c != nil || d.hasErrors { return (c, d) }
        case .invalid:
            return (nil, Diagnostics())
        default:
            break
        }
        var diags = Diagnostics()
        ExpressionWalker.walk(expr) { e in
            switch e.kind {
            case .scopeTraversal(let t):
                diags += .error("Variables not allowed", "Variables may not be used here.", subject: t.rootRange)
            case .functionCall:
                diags += .error("Function calls not allowed", "Functions may not be called here.", subject: e.range)
            default:
                break
            }
        }
        diags += Diagnostic(.error, summary: "Unsuitable value type", detail: "Unsuitable value: value must be known",
                            subject: startRange(expr), context: expr.range)
        return (nil, diags)
    }

    /// Where hclsyntax says an expression starts (its `StartRange`), which
    /// terraform highlights for type errors in static arguments.
    static func startRange(_ expr: Expression) -> SourceRange {
        if let j = expr.jsonNode { return j.startRange }
        switch expr.kind {
        case .template(let parts):
            guard let first = parts.first else { return expr.range }
            switch first {
            case .literal(_, let r): return r
            case .interpolation(let i): return startRange(i.expression)
            default: return first.range
            }
        case .functionCall(let call):
            return call.nameRange
        default:
            return expr.range
        }
    }

    static func unsuitable(_ expr: Expression, _ what: String) -> Diagnostics {
        Diagnostics([Diagnostic(.error, summary: "Unsuitable value type", detail: "Unsuitable value: \(what)",
                                subject: startRange(expr), context: expr.range)])
    }

    static func bool(_ attr: Attribute) -> (Bool?, Diagnostics) {
        let (c, diags) = constant(attr.expression)
        guard let c else { return (nil, diags) }
        switch c {
        case .bool(let b): return (b, diags)
        case .string("true"): return (true, diags)
        case .string("false"): return (false, diags)
        default:
            return (nil, unsuitable(attr.expression, "a bool is required"))
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
            return (nil, unsuitable(attr.expression, "value must not be null"))
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
