import HCL

/// The "├── var.x is ..." lines terraform prints under a diagnostic's snippet:
/// the values of the references in the expression at fault, described
/// compactly, never showing what is sensitive.
public enum DiagnosticValues {
    /// Values of the traversals in `expr`. A traversal that does not evaluate
    /// is shortened step by step until it does (the failing step is usually
    /// what the diagnostic is about). Sensitive values are mentioned only for a
    /// diagnostic caused by them, unknown values of unknown type only for one
    /// caused by unknowns; everything else is described as `is ...`.
    /// `dynamicUnknownAlways`: a value of unknown type not known yet is mentioned even when the
    /// diagnostic is not about unknowns (as the engine's condition diagnostics do).
    public static func describe(_ expr: Expression, _ ctx: EvalContext, causedByUnknown: Bool = false,
                                causedBySensitive: Bool = false, dynamicUnknownAlways: Bool = false) -> [Diagnostic.ExpressionValue] {
        var out: [Diagnostic.ExpressionValue] = []
        var seen = Set<String>()
        for t0 in expr.variables {
            var t = t0
            // hcl describes only traversals with at least one step (`var.x`, not a bare `for` variable).
            while !t.steps.isEmpty {
                var evaluator = Evaluator(ctx)
                evaluator.describesValues = false
                var ds = Diagnostics()
                let v = evaluator.eval(Expression(.scopeTraversal(t), range: t.rootRange), &ds)
                if ds.hasErrors {
                    if t.steps.isEmpty { break }
                    t.steps.removeLast()
                    continue
                }
                let name = traversalText(t)
                guard seen.insert(name).inserted else { break }
                if let statement = statement(v, causedByUnknown: causedByUnknown, causedBySensitive: causedBySensitive,
                                             dynamicUnknownAlways: dynamicUnknownAlways) {
                    out.append(Diagnostic.ExpressionValue(traversal: name, statement: statement))
                }
                break
            }
        }
        return out.sorted { $0.traversal.utf8.lexicographicallyPrecedes($1.traversal.utf8) }
    }

    static func statement(_ v: Value, causedByUnknown: Bool, causedBySensitive: Bool, dynamicUnknownAlways: Bool = false) -> String? {
        let (plain, marks) = v.unmarked()
        if marks.contains(.sensitive) { return causedBySensitive ? "has a sensitive value" : nil }
        if !plain.isKnown {
            if plain.type == .dynamic { return causedByUnknown || dynamicUnknownAlways ? "will be known only after apply" : nil }
            return causedByUnknown ? "is a \(plain.type.friendlyName), known only after apply" : "is a \(plain.type.friendlyName)"
        }
        return "is " + compact(plain)
    }

    /// terraform's compact one-line description of a value: primitives in
    /// full, collections and objects by their size.
    public static func compact(_ v: Value) -> String {
        let (plain, marks) = v.unmarked()
        if marks.contains(.sensitive) { return "(sensitive value)" }
        if plain.isNull { return "null" }
        if !plain.isKnown { return "(not yet known)" }
        switch plain.type {
        case .bool: return plain.boolValue == true ? "true" : "false"
        case .number: return plain.numberValue.map { GoFloatText.format($0, mode: "g", precision: 10) } ?? "number"
        case .string: return GoQuote.quote(plain.stringValue ?? "")
        case .list, .set, .map, .tuple:
            let n = plain.elements?.count ?? plain.attributes?.count ?? 0
            switch n {
            case 0: return "empty " + plain.type.friendlyName
            case 1: return plain.type.friendlyName + " with 1 element"
            default: return "\(plain.type.friendlyName) with \(n) elements"
            }
        case .object(let attrs, _):
            switch attrs.count {
            case 0: return "object with no attributes"
            case 1: return "object with 1 attribute \(GoQuote.quote(attrs.keys.first ?? ""))"
            default: return "object with \(attrs.count) attributes"
            }
        default: return plain.type.friendlyName
        }
    }

    /// `var.x["k"][0].y`, as terraform writes a traversal.
    public static func traversalText(_ t: Traversal) -> String {
        var s = t.rootName
        for step in t.steps {
            switch step.kind {
            case .attribute(let n): s += "." + n
            case .index(let k):
                switch k {
                case .string(let str): s += "[" + GoQuote.quote(str) + "]"
                case .number(let n): s += "[\(n)]"
                case .bool(let b): s += "[\(b)]"
                default: s += "[...]"
                }
            }
        }
        return s
    }

    /// The direct sub-expressions of `expr` (where hcl reports a diagnostic
    /// against the operand, argument or clause at fault rather than the whole).
    static func children(_ expr: Expression) -> [Expression] {
        switch expr.kind {
        case .template(let parts):
            return parts.compactMap {
                switch $0 {
                case .interpolation(let i): return i.expression
                case .conditional(let c): return c.condition
                case .forLoop(let f): return f.collection
                case .literal: return nil
                }
            }
        case .templateWrap(let inner), .parentheses(let inner): return [inner]
        case .relativeTraversal(let source, _): return [source]
        case .functionCall(let call): return call.arguments
        case .conditional(let c, let t, let f): return [c, t, f]
        case .binaryOp(_, let l, let r): return [l, r]
        case .unaryOp(_, let operand, _): return [operand]
        case .tuple(let items): return items
        case .object(let items): return items.flatMap { [$0.key.expression, $0.value] }
        case .forExpr(let f): return [f.collection, f.valueExpression] + [f.keyExpression, f.condition].compactMap { $0 }
        case .splat(let source, _, _, _): return [source]
        default: return []
        }
    }
}

extension Evaluator {
    /// Describes the values behind the diagnostics found while evaluating
    /// `expr` (from `index` on) that no inner expression has described: against
    /// the sub-expression the diagnostic points at, else `expr` itself.
    func attachValues(_ expr: Expression, from index: Int, _ diags: inout Diagnostics) {
        let ctx = context
        diags.update(from: index) { d in
            guard !d.valuesAttached else { return }
            d.valuesAttached = true
            var target = expr
            if case .index = expr.kind {} else if let subject = d.subject,
                let child = DiagnosticValues.children(expr).first(where: { $0.range == subject }) {
                target = child
            }
            d.expressionValues = DiagnosticValues.describe(target, ctx)
        }
    }
}
