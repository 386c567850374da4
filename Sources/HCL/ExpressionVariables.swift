/// The references of an expression, as hcl's `Variables()` lists them: every
/// scope traversal, except names bound by enclosing `for` expressions and
/// template `for` directives.
extension HCLExpression {
    public var variables: [Traversal] {
        var result: [Traversal] = []
        ExpressionVariables.collect(self, bound: [], into: &result)
        return result
    }
}

enum ExpressionVariables {
    static func collect(_ expr: Expression, bound: Set<String>, into result: inout [Traversal]) {
        switch expr.kind {
        case .literal, .splatItem, .invalid:
            break
        case .scopeTraversal(let t):
            if !bound.contains(t.rootName) { result.append(t) }
        case .template(let parts):
            collectParts(parts, bound: bound, into: &result)
        case .templateWrap(let e), .parentheses(let e):
            collect(e, bound: bound, into: &result)
        case .relativeTraversal(let source, _):
            collect(source, bound: bound, into: &result)
        case .functionCall(let call):
            for a in call.arguments { collect(a, bound: bound, into: &result) }
        case .conditional(let c, let t, let f):
            collect(c, bound: bound, into: &result)
            collect(t, bound: bound, into: &result)
            collect(f, bound: bound, into: &result)
        case .binaryOp(_, let l, let r):
            collect(l, bound: bound, into: &result)
            collect(r, bound: bound, into: &result)
        case .unaryOp(_, let o, _):
            collect(o, bound: bound, into: &result)
        case .tuple(let items):
            for i in items { collect(i, bound: bound, into: &result) }
        case .object(let items):
            for item in items {
                if item.key.bareIdentifier == nil { collect(item.key.expression, bound: bound, into: &result) }
                collect(item.value, bound: bound, into: &result)
            }
        case .forExpr(let f):
            collect(f.collection, bound: bound, into: &result)
            var inner = bound
            inner.insert(f.valueVariable)
            if let k = f.keyVariable { inner.insert(k) }
            if let k = f.keyExpression { collect(k, bound: inner, into: &result) }
            collect(f.valueExpression, bound: inner, into: &result)
            if let c = f.condition { collect(c, bound: inner, into: &result) }
        case .index(let c, let k, _):
            collect(c, bound: bound, into: &result)
            collect(k, bound: bound, into: &result)
        case .splat(let s, let each, _, _):
            collect(s, bound: bound, into: &result)
            collect(each, bound: bound, into: &result)
        }
    }

    private static func collectParts(_ parts: [TemplatePart], bound: Set<String>, into result: inout [Traversal]) {
        for part in parts {
            switch part {
            case .literal: break
            case .interpolation(let i): collect(i.expression, bound: bound, into: &result)
            case .conditional(let c):
                collect(c.condition, bound: bound, into: &result)
                collectParts(c.thenParts, bound: bound, into: &result)
                collectParts(c.elseParts, bound: bound, into: &result)
            case .forLoop(let f):
                collect(f.collection, bound: bound, into: &result)
                var inner = bound
                inner.insert(f.valueVariable)
                if let k = f.keyVariable { inner.insert(k) }
                collectParts(f.body, bound: inner, into: &result)
            }
        }
    }
}
