import HCL

/// Evaluates HCL native-syntax expressions to values, following hclsyntax's
/// rules and messages. Errors come back as diagnostics beside a placeholder
/// (usually an unknown) so callers can keep going.
public struct Evaluator {
    public var context: EvalContext
    var splatItems: [Value] = []
    var depth = 0
    /// Whether diagnostics get the values of their expression attached (off
    /// while those values are being evaluated).
    var describesValues = true

    public init(_ context: EvalContext) { self.context = context }

    /// Evaluates one expression.
    public static func evaluate(_ expr: Expression, in context: EvalContext) -> (Value, Diagnostics) {
        var e = Evaluator(context)
        var diags = Diagnostics()
        let v = e.eval(expr, &diags)
        return (v, diags)
    }

    mutating func eval(_ expr: Expression, _ diags: inout Diagnostics) -> Value {
        let before = diags.count
        let v = evalNode(expr, &diags)
        if diags.count > before && describesValues { attachValues(expr, from: before, &diags) }
        return v
    }

    private mutating func evalNode(_ expr: Expression, _ diags: inout Diagnostics) -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > context.maxDepth {
            if depth == context.maxDepth + 1 {
                diags += .error("Expression too deeply nested", "This expression is nested more than \(context.maxDepth) levels deep.", subject: expr.range)
            }
            return .dynamicUnknown
        }
        switch expr.kind {
        case .literal(let lit): return literal(lit, expr.range, &diags)
        case .template(let parts): return template(parts, expr.range, &diags)
        case .templateWrap(let inner): return eval(inner, &diags)
        case .parentheses(let inner): return eval(inner, &diags)
        case .scopeTraversal(let t): return scopeTraversal(t, &diags)
        case .relativeTraversal(let source, let steps):
            let src = eval(source, &diags)
            var stepDiags = Diagnostics()
            let v = Evaluator.traverse(src, steps, &stepDiags)
            diags += stepDiags
            return v
        case .functionCall(let call): return functionCall(call, expr.range, &diags)
        case .conditional(let c, let t, let f): return conditional(c, t, f, expr.range, &diags)
        case .binaryOp(let op, let lhs, let rhs): return binary(op, lhs, rhs, expr.range, &diags)
        case .unaryOp(let op, let operand, _): return unary(op, operand, expr.range, &diags)
        case .tuple(let items):
            var vals: [Value] = []
            vals.reserveCapacity(items.count)
            for i in items { vals.append(eval(i, &diags)) }
            return .tuple(vals)
        case .object(let items): return object(items, &diags)
        case .forExpr(let f): return forExpression(f, expr.range, &diags)
        case .index(let coll, let key, let bracket):
            let c = eval(coll, &diags)
            let k = eval(key, &diags)
            var idxDiags = Diagnostics()
            let v = Evaluator.index(c, k, bracket, &idxDiags)
            diags += idxDiags
            return v
        case .splat(let source, let each, _, let marker): return splat(source, each, marker, expr.range, &diags)
        case .splatItem: return splatItems.last ?? .dynamicUnknown
        case .invalid: return .dynamicUnknown
        }
    }

    func literal(_ lit: LiteralValue, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        switch lit {
        case .number(let text):
            guard let n = Number(parsing: text) else {
                diags += .error("Invalid number literal", "Failed to recognize the value of this number literal.", subject: range)
                return .unknown(.number)
            }
            return .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .dynamicNull
        case .unknown: return .dynamicUnknown
        }
    }

    // MARK: References

    mutating func scopeTraversal(_ t: Traversal, _ diags: inout Diagnostics) -> Value {
        if !context.allowsVariables && context.variables[t.rootName] == nil {
            diags += .error("Variables not allowed", "Variables may not be used here.", subject: t.rootRange)
            return .dynamicUnknown
        }
        // Variables bound in this context (for-expression and template
        // iteration values, count, each) shadow the scope, as HCL's child
        // contexts do; checking them first also keeps loops off the resolver.
        if let root = context.variables[t.rootName] {
            if t.steps.isEmpty { return root }
            var stepDiags = Diagnostics()
            let v = Evaluator.traverse(root, t.steps, &stepDiags)
            if !stepDiags.isEmpty { diags += stepDiags }
            return v
        }
        if let resolver = context.resolveReference, let (v, ds) = resolver(t) {
            diags.append(contentsOf: ds)
            return v
        }
        guard let root = context.variables[t.rootName] else {
            let suggestion = Evaluator.nameSuggestion(t.rootName, Array(context.variables.keys))
            diags += .error("Unknown variable", "There is no variable named \(GoQuote.quote(t.rootName)).\(suggestion.map { " Did you mean \(GoQuote.quote($0))?" } ?? "")", subject: t.rootRange)
            return .dynamicUnknown
        }
        var stepDiags = Diagnostics()
        let v = Evaluator.traverse(root, t.steps, &stepDiags)
        diags += stepDiags
        return v
    }

    /// Applies attribute/index steps, stopping at the first error.
    public static func traverse(_ start: Value, _ steps: [TraversalStep], _ diags: inout Diagnostics) -> Value {
        var v = start
        for step in steps {
            var stepDiags = Diagnostics()
            switch step.kind {
            case .attribute(let name): v = getAttribute(v, name, step.range, &stepDiags)
            case .index(let lit):
                let key: Value
                switch lit {
                case .number(let t): key = Value.number(parsing: t) ?? .unknown(.number)
                case .string(let s): key = .string(s)
                case .bool(let b): key = .bool(b)
                case .null: key = .dynamicNull
                case .unknown: key = .dynamicUnknown
                }
                v = index(v, key, step.range, &stepDiags)
            }
            if stepDiags.hasErrors { diags += stepDiags; return .dynamicUnknown }
        }
        return v
    }

    /// hcl.GetAttr.
    public static func getAttribute(_ obj: Value, _ name: String, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        if obj.isNull {
            diags += .error("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", subject: range)
            return .dynamicUnknown
        }
        let marks = obj.marks
        switch obj.type {
        case .object(let attrs, _):
            guard let at = attrs[name] else {
                diags += .error("Unsupported attribute", "This object does not have an attribute named \(GoQuote.quote(name)).", subject: range)
                return .dynamicUnknown
            }
            guard obj.isKnown else { return Value.unknown(at).marked(with: marks) }
            return (obj.attributes?[name] ?? .null(at)).marked(with: marks)
        case .map(let e):
            guard obj.isKnown else { return Value.unknown(e).marked(with: marks) }
            guard let v = obj.attributes?[name] else {
                diags += .error("Missing map element", "This map does not have an element with the key \(GoQuote.quote(name)).", subject: range)
                return .dynamicUnknown
            }
            return v.marked(with: marks)
        case .dynamic:
            return Value.dynamicUnknown.marked(with: marks)
        case .list(.object(let a, _)):
            if a[name] != nil {
                diags += .error("Unsupported attribute", "Can't access attributes on a list of objects. Did you mean to access attribute \(GoQuote.quote(name)) for a specific element of the list, or across all elements of the list?", subject: range)
            } else {
                diags += .error("Unsupported attribute", "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?", subject: range)
            }
            return .dynamicUnknown
        case .set(.object):
            diags += .error("Unsupported attribute", "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?", subject: range)
            return .dynamicUnknown
        case .bool, .number, .string:
            diags += .error("Unsupported attribute", "Can't access attributes on a primitive-typed value (\(obj.type.friendlyName)).", subject: range)
            return .dynamicUnknown
        default:
            diags += .error("Unsupported attribute", "This value does not have any attributes.", subject: range)
            return .dynamicUnknown
        }
    }

    /// hcl.Index.
    public static func index(_ coll: Value, _ keyIn: Value, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        let invalid = "Invalid index"
        if coll.isNull {
            diags += .error("Attempt to index null value", "This value is null, so it does not have any indices.", subject: range)
            return .dynamicUnknown
        }
        if keyIn.isNull {
            diags += .error(invalid, "Can't use a null value as an indexing key.", subject: range)
            return .dynamicUnknown
        }
        let (key0, keyMarks) = keyIn.unmarked()
        let marks = coll.marks.union(keyMarks)
        if key0.type == .dynamic || coll.type == .dynamic { return Value.dynamicUnknown.marked(with: coll.marks) }
        switch coll.type {
        case .list, .tuple, .map:
            let want: ValueType = coll.type.isMap ? .string : .number
            let key: Value
            do { key = try Conversion.convert(key0, to: want) } catch {
                diags += .error(invalid, "The given key does not identify an element in this collection value: \(error).", subject: range)
                return .dynamicUnknown
            }
            guard key.isKnown, coll.isKnown else {
                if coll.type.isTuple { return Value.dynamicUnknown.marked(with: coll.marks) }
                return Value.unknown(coll.type.elementType ?? .dynamic).marked(with: coll.marks)
            }
            if coll.type.isMap {
                if let s = key.stringValue, let v = coll.attributes?[s] { return v.marked(with: marks) }
                diags += .error(invalid, "The given key does not identify an element in this collection value.", subject: range)
                return .dynamicUnknown
            }
            let elems = coll.elements ?? []
            guard let n = key.numberValue else { return .dynamicUnknown }
            if !n.isInteger || n.isInfinite {
                diags += .error(invalid, "The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.", subject: range)
                return .dynamicUnknown
            }
            if n.sign < 0 {
                diags += .error(invalid, "The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", subject: range)
                return .dynamicUnknown
            }
            guard let i = n.intValue, i < elems.count else {
                // HCL only explains the index == length case; beyond it the message is generic.
                if let i = n.intValue, i == elems.count {
                    diags += .error(invalid, elems.isEmpty
                        ? "The given key does not identify an element in this collection value: the collection has no elements."
                        : "The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.", subject: range)
                } else {
                    diags += .error(invalid, "The given key does not identify an element in this collection value.", subject: range)
                }
                return .dynamicUnknown
            }
            return elems[i].marked(with: marks)
        case .object(let attrs, _):
            let wasNumber = key0.type == .number
            let key: Value
            do { key = try Conversion.convert(key0, to: .string) } catch {
                diags += .error(invalid, "The given key does not identify an element in this collection value: \(error).", subject: range)
                return .dynamicUnknown
            }
            guard key.isKnown, let name = key.stringValue else { return Value.dynamicUnknown.marked(with: coll.marks) }
            guard let at = attrs[name] else {
                diags += .error(invalid, "The given key does not identify an element in this collection value.\(wasNumber ? " An object only supports looking up attributes by name, not by numeric index." : "")", subject: range)
                return .dynamicUnknown
            }
            guard coll.isKnown else { return Value.unknown(at).marked(with: coll.marks) }
            return (coll.attributes?[name] ?? .null(at)).marked(with: marks)
        case .set:
            diags += .error(invalid, "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", subject: range)
            return .dynamicUnknown
        default:
            diags += .error(invalid, "This value does not have any indices.", subject: range)
            return .dynamicUnknown
        }
    }

    // MARK: Collections

    mutating func object(_ items: [ObjectItem], _ diags: inout Diagnostics) -> Value {
        var vals: [String: Value] = [:]
        var marks = Set<ValueMark>()
        var known = true
        for item in items {
            var keyDiags = Diagnostics()
            let key: Value
            if let bare = item.key.bareIdentifier {
                key = .string(bare)
            } else if !item.key.forceNonLiteral, case .literal(let lit) = item.key.expression.kind, lit == .null || lit == .bool(true) || lit == .bool(false) {
                // A bare keyword key is its own name, as in HCL's ExprAsKeyword.
                key = .string(lit == .null ? "null" : (lit == .bool(true) ? "true" : "false"))
            } else {
                key = eval(item.key.expression, &keyDiags)
            }
            diags += keyDiags
            let val = eval(item.value, &diags)
            if keyDiags.hasErrors { known = false; continue }
            if key.isNull {
                diags += .error("Null value as key", "Can't use a null value as a key.", subject: item.value.range)
                known = false; continue
            }
            let (k, km) = key.unmarked()
            marks.formUnion(km)
            guard let ks = try? Conversion.convert(k, to: .string) else {
                let msg = (try? Conversion.convert(k, to: .string)).map { _ in "" } ?? Conversion.mismatchMessage(got: k.type, want: .string)
                diags += .error("Incorrect key type", "Can't use this value as a key: \(msg).", subject: item.key.range)
                known = false; continue
            }
            guard ks.isKnown, let s = ks.stringValue else { known = false; continue }
            vals[s] = val
        }
        if !known { return .dynamicUnknown }
        return Value.object(vals).marked(with: marks)
    }

    /// Levenshtein-based "Did you mean" like HCL's nameSuggestion (distance < 3).
    static func nameSuggestion(_ given: String, _ options: [String]) -> String? {
        for o in options.sorted() where levenshtein(given, o) < 3 { return o }
        return nil
    }

    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }
}
