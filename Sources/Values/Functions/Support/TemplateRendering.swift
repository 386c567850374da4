import HCL

/// Rendering a template for `templatefile` and `templatestring`: parse it,
/// check every reference against the given variables, evaluate it with only
/// those variables and the function table minus the template functions
/// (Terraform forbids recursion through them).
enum TemplateRendering {
    enum Failure: Error {
        /// A problem with the template text itself (syntax).
        case syntax(String)
        /// A reference to a name missing from vars.
        case missingVariable(String)
        /// A problem while evaluating.
        case evaluation(String)
    }

    /// HCL's Range.String(): `file:line,col-col` or `file:line,col-line,col`.
    static func rangeText(_ r: SourceRange) -> String {
        if r.start.line == r.end.line {
            return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.column)"
        }
        return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.line),\(r.end.column)"
    }

    /// hcl.Diagnostics.Error(): the first diagnostic, with a count of the rest.
    static func text(_ diags: Diagnostics) -> String {
        let errors = diags.items.filter { $0.severity == .error }
        guard let first = errors.first else { return "" }
        var s = (first.subject.map { rangeText($0) + ": " } ?? "") + first.summary + "; " + first.detail
        if errors.count > 1 { s += ", and \(errors.count - 1) other diagnostic(s)" }
        return s
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }
    }

    static func restrictedFunctions(_ table: FunctionTable) -> FunctionTable {
        var t = table
        for name in ["templatefile", "templatestring"] where t.functions[name] != nil {
            let original = t.functions[name]!
            t.functions[name] = Function(parameters: original.parameters, variadic: original.variadic, returns: .dynamic) { _, _ in
                throw FunctionCallError("cannot recursively call \(name) from inside another template function")
            }
        }
        return t
    }

    /// The variables a vars argument provides, or the problem with it.
    static func variables(_ vars: Value) throws -> [String: Value] {
        guard vars.type.isMap || vars.type.isObject, let attrs = vars.attributes else {
            throw FunctionArgumentError(argument: 1, "invalid vars value: must be a map")
        }
        for name in attrs.keys.sorted() where !isValidName(name) {
            throw FunctionArgumentError(argument: 1, "invalid template variable name \(GoQuote.quote(name)): must start with a letter, followed by zero or more letters, digits, and underscores")
        }
        return attrs
    }

    static func render(_ source: String, filename: String, vars: [String: Value], context: FunctionCallContext) throws -> Value {
        let (expr, parseDiags) = Parser.parseTemplate(Array(source.utf8), filename: filename)
        if parseDiags.hasErrors { throw Failure.syntax(text(parseDiags)) }
        for t in ReferenceCollector.references(in: expr) where vars[t.rootName] == nil {
            let range = t.steps.last.map { t.rootRange.through($0.range) } ?? t.rootRange
            throw Failure.missingVariable("vars map does not contain key \(GoQuote.quote(t.rootName)), referenced at \(rangeText(range))")
        }
        let ctx = EvalContext(variables: vars, functions: restrictedFunctions(context.functions), baseDirectory: context.baseDirectory)
        let (value, diags) = Evaluator.evaluate(expr, in: ctx)
        if diags.hasErrors { throw Failure.evaluation(text(diags)) }
        return value
    }
}
