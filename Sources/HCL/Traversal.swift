/// Static readings of expressions that Terraform needs without evaluating them:
/// references in `depends_on`/`ignore_changes`/`provider`, bare keywords, static lists.
/// Messages follow hcl's AbsTraversalForExpr / ExprList.

extension Traversal {
    /// `a.b[0]["k"]` — the reference as written in canonical form.
    public var description: String {
        var s = rootName
        for step in steps {
            switch step.kind {
            case .attribute(let n): s += "." + n
            case .index(.number(let n)): s += "[\(n)]"
            case .index(.string(let k)): s += "[\(goQuote(k))]"
            case .index(.bool(let b)): s += "[\(b)]"
            case .index(.null): s += "[null]"
            case .index(.unknown): s += "[?]"
            }
        }
        return s
    }

    public var range: SourceRange { steps.last.map { rootRange.through($0.range) } ?? rootRange }
}

extension Diagnostic {
    static func staticReferenceRequired(_ r: SourceRange) -> Diagnostic {
        .error("Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.", subject: r)
    }

    static func staticListRequired(_ r: SourceRange) -> Diagnostic {
        .error("Invalid expression", "A static list expression is required.", subject: r)
    }
}

extension HCLExpression {
    /// The reference this expression is, when it is nothing but a reference.
    public func absoluteTraversal() -> (Traversal?, Diagnostics) {
        if case .scopeTraversal(let t) = kind { return (t, Diagnostics()) }
        return (nil, Diagnostics([.staticReferenceRequired(range)]))
    }

    /// A bare single name such as `all` or `create_before_destroy`, else nil.
    public var keyword: String? {
        if case .scopeTraversal(let t) = kind, t.steps.isEmpty { return t.rootName }
        return nil
    }

    /// The elements of a tuple constructor written literally as `[...]`.
    public func staticList() -> ([HCLExpression]?, Diagnostics) {
        if case .tuple(let items) = kind { return (items, Diagnostics()) }
        return (nil, Diagnostics([.staticListRequired(range)]))
    }
}

extension JSONExpression {
    /// In JSON a reference is written as a string: `"aws_instance.web"`.
    public func absoluteTraversal() -> (Traversal?, Diagnostics) {
        if case .string(let s, let r) = node {
            let (t, d) = Parser.parseTraversal(Array(s.utf8), filename: r.filename, start: r.start)
            if let t, !d.hasErrors { return (t, Diagnostics()) }
        }
        return (nil, Diagnostics([.staticReferenceRequired(range)]))
    }

    public var keyword: String? {
        let (t, _) = absoluteTraversal()
        if let t, t.steps.isEmpty { return t.rootName }
        return nil
    }

    public func staticList() -> ([JSONExpression]?, Diagnostics) {
        if case .array(let items, _, _) = node { return (items.map(JSONExpression.init(node:)), Diagnostics()) }
        return (nil, Diagnostics([.staticListRequired(range)]))
    }
}
