import HCL

extension Evaluator {
    mutating func functionCall(_ call: FunctionCall, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        if !context.allowsFunctions {
            diags += .error("Function calls not allowed", "Functions may not be called here.", subject: range)
            return .dynamicUnknown
        }
        switch call.name {
        case "try": return tryCall(call, range, &diags)
        case "can": return canCall(call, range, &diags)
        default: break
        }
        if call.name.hasPrefix("provider::"), context.functions[call.name] == nil {
            let parts = call.name.components(separatedBy: "::")
            let provider = parts.count > 1 ? parts[1] : ""
            let fname = parts.last ?? ""
            if context.functions.names.contains(where: { $0.hasPrefix("provider::\(provider)::") }) {
                diags += .error("Unknown provider function", "The function \(GoQuote.quote(fname)) is not available from the provider \(GoQuote.quote(provider)).", subject: call.nameRange, context: range)
                return .dynamicUnknown
            }
            diags += .error("Unknown provider function", "There is no function named \(GoQuote.quote(call.name)). Ensure that provider name \(GoQuote.quote(provider)) is declared in this module's required_providers block, and that this provider offers a function named \(GoQuote.quote(fname)).", subject: call.nameRange, context: range)
            return .dynamicUnknown
        }
        guard let f = context.functions[call.name] else {
            unknownFunction(call, range, &diags)
            return .dynamicUnknown
        }
        // Each argument keeps the range it came from, for diagnostics.
        var argExprs: [(Value?, Expression)] = call.arguments.map { (nil, $0) }
        if call.expandFinalArgument, let last = call.arguments.last {
            var expandDiags = Diagnostics()
            let v = eval(last, &expandDiags)
            diags += expandDiags
            if expandDiags.hasErrors { return .dynamicUnknown }
            if v.type == .dynamic || v.type.isTuple || v.type.isList || v.type.isSet {
                if v.isNull {
                    diags += .error("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", subject: last.range, context: range)
                    return .dynamicUnknown
                }
                if !v.isKnown || v.type == .dynamic { return .dynamicUnknown }
                let (u, m) = v.unmarked()
                argExprs.removeLast()
                for e in u.elements ?? [] { argExprs.append((e.marked(with: m), last)) }
            } else {
                diags += .error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", subject: last.range, context: range)
                return .dynamicUnknown
            }
        }
        let params = f.parameters
        if argExprs.count < params.count {
            let missing = params[argExprs.count]
            diags += .error("Not enough function arguments",
                            "Function \(GoQuote.quote(call.name)) expects\(f.variadic != nil ? " at least" : "") \(params.count) argument(s). Missing value for \(GoQuote.quote(missing.name)).",
                            subject: call.closeParenRange, context: range)
            return .dynamicUnknown
        }
        if f.variadic == nil && argExprs.count > params.count {
            diags += .error("Too many function arguments", "Function \(GoQuote.quote(call.name)) expects only \(params.count) argument(s).",
                            subject: argExprs[params.count].1.range, context: range)
            return .dynamicUnknown
        }
        // templatestring takes its template as an expression and vets its shape
        // before anything is evaluated, as terraform's function does.
        if call.name == "templatestring", let first = argExprs.first, first.0 == nil,
           let problem = Evaluator.templateStringArgumentProblem(first.1) {
            diags += .error("Invalid function argument", "Invalid value for \"template\" parameter: invalid template expression: \(problem).",
                            subject: first.1.range, context: range)
            return .dynamicUnknown
        }
        var args: [Value] = []
        let diagsBeforeCall = diags.count
        var argDiags = Diagnostics()
        for (i, (pre, expr)) in argExprs.enumerated() {
            guard let p = f.parameter(at: i) else { continue }
            var val = pre ?? eval(expr, &argDiags)
            do { val = try Conversion.convert(val, to: p.type) } catch {
                argDiags += .error("Invalid function argument", "Invalid value for \(GoQuote.quote(p.name)) parameter: \(error).", subject: expr.range, context: range)
            }
            args.append(val)
        }
        diags += argDiags
        // Failures of the call itself and of its arguments' values name the function, as hcl's do.
        let signature = call.name + "(" + (f.parameters.map(\.name) + (f.variadic.map { [$0.name + "..."] } ?? [])).joined(separator: ", ") + ")"
        defer {
            diags.update(from: diagsBeforeCall) { d in
                if d.functionCall == nil && (d.summary == "Invalid function argument" || d.summary == "Error in function call") { d.functionCall = signature }
            }
        }
        if argDiags.hasErrors { return .dynamicUnknown }
        do {
            return try f.call(args, baseDirectory: context.baseDirectory, functions: context.functions)
        } catch let e as FunctionArgumentError {
            if let p = f.parameter(at: e.argument), e.argument < argExprs.count {
                diags += .error("Invalid function argument", "Invalid value for \(GoQuote.quote(p.name)) parameter: \(e.message).", subject: argExprs[e.argument].1.range, context: range)
            } else if let p = f.parameter(at: e.argument) {
                diags += .error("Invalid function argument", "Invalid value for \(GoQuote.quote(p.name)) parameter: \(e.message).", subject: range)
            } else {
                diags += .error("Error in function call", "Call to function \(GoQuote.quote(call.name)) failed: \(e.message).", subject: call.nameRange.through(call.openParenRange), context: range)
            }
        } catch {
            diags += .error("Error in function call", "Call to function \(GoQuote.quote(call.name)) failed: \(Evaluator.message(of: error)).", subject: call.nameRange.through(call.openParenRange), context: range)
        }
        return .dynamicUnknown
    }

    /// Why an expression cannot be templatestring's template: only references
    /// to a string defined elsewhere (possibly indexed, traversed or splatted)
    /// are accepted, so inline templates get a pointer to template syntax.
    static func templateStringArgumentProblem(_ e: Expression) -> String? {
        switch e.kind {
        case .templateWrap:
            return "templatestring is only for rendering templates retrieved dynamically from elsewhere; to treat the inner expression as template syntax, write the reference expression directly without any template interpolation syntax"
        case .template(let parts):
            if parts.count == 1, case .literal = parts[0] { return literalTemplateProblem }
            return "templatestring is only for rendering templates retrieved dynamically from elsewhere; to render an inline template, consider using a plain template string expression"
        case .literal(.string):
            // A quoted string without sequences: HCL's one-literal template.
            return literalTemplateProblem
        default:
            return isDirectReference(e) ? nil : "must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax"
        }
    }

    static let literalTemplateProblem = "templatestring is only for rendering templates retrieved dynamically from elsewhere, and so does not support providing a literal template; consider using a template string expression instead"

    static func isDirectReference(_ e: Expression) -> Bool {
        switch e.kind {
        case .scopeTraversal: return true
        case .relativeTraversal(let source, _): return isDirectReference(source)
        case .index(let collection, _, _): return isDirectReference(collection)
        case .splat(let source, _, _, _): return isDirectReference(source)
        default: return false
        }
    }

    func unknownFunction(_ call: FunctionCall, _ range: SourceRange, _ diags: inout Diagnostics) {
        if let sep = call.name.range(of: "::", options: .backwards) {
            let namespace = String(call.name[..<sep.upperBound])
            let name = String(call.name[sep.upperBound...])
            let avail = context.functions.names.filter { $0.hasPrefix(namespace) }
            if avail.isEmpty {
                diags += .error("Call to unknown function", "There are no functions in namespace \(GoQuote.quote(namespace)).", subject: call.nameRange, context: range)
            } else {
                let s = Evaluator.nameSuggestion(name, avail.map { String($0.dropFirst(namespace.count)) })
                diags += .error("Call to unknown function", "There is no function named \(GoQuote.quote(name)) in namespace \(namespace).\(s.map { " Did you mean \(namespace)\($0)?" } ?? "")", subject: call.nameRange, context: range)
            }
            return
        }
        let s = Evaluator.nameSuggestion(call.name, context.functions.names)
        diags += .error("Call to unknown function", "There is no function named \(GoQuote.quote(call.name)).\(s.map { " Did you mean \(GoQuote.quote($0))?" } ?? "")", subject: call.nameRange, context: range)
    }

    /// `try(...)`: the first argument that evaluates without errors.
    mutating func tryCall(_ call: FunctionCall, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        if call.arguments.isEmpty {
            diags += .error("Error in function call", "Call to function \"try\" failed: at least one argument is required.", subject: call.nameRange.through(call.openParenRange), context: range)
            return .dynamicUnknown
        }
        var collected: [Diagnostic] = []
        for arg in call.arguments {
            var d = Diagnostics()
            let v = eval(arg, &d)
            collected.append(contentsOf: d.items)
            if d.hasErrors { continue }
            if !v.isWhollyKnown { return .dynamicUnknown }
            return v
        }
        var msg = "no expression succeeded:\n"
        for d in collected where d.severity == .error {
            if let s = d.subject {
                msg += "- \(d.summary) (at \(s.shortDescription))\n  \(d.detail)\n"
            } else {
                msg += "- \(d.summary)\n  \(d.detail)\n"
            }
        }
        msg += "\nAt least one expression must produce a successful result"
        diags += .error("Error in function call", "Call to function \"try\" failed: \(msg).", subject: call.nameRange.through(call.openParenRange), context: range)
        return .dynamicUnknown
    }

    /// `can(expr)`: whether the expression evaluates without errors.
    mutating func canCall(_ call: FunctionCall, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        guard call.arguments.count == 1 else {
            if call.arguments.isEmpty {
                diags += .error("Not enough function arguments", "Function \"can\" expects 1 argument(s). Missing value for \"expression\".", subject: call.closeParenRange, context: range)
            } else {
                diags += .error("Too many function arguments", "Function \"can\" expects only 1 argument(s).", subject: call.arguments[1].range, context: range)
            }
            return .dynamicUnknown
        }
        var d = Diagnostics()
        let v = eval(call.arguments[0], &d)
        if d.hasErrors { return .false }
        if !v.isWhollyKnown { return .unknown(.bool) }
        return .true
    }

    mutating func conditional(_ condExpr: Expression, _ trueExpr: Expression, _ falseExpr: Expression, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        var trueDiags = Diagnostics(), falseDiags = Diagnostics()
        var t = eval(trueExpr, &trueDiags)
        var f = eval(falseExpr, &falseDiags)
        var resultType: ValueType? = .dynamic
        var convertTrue = false, convertFalse = false
        if t.type == .dynamic && t.isNull && !t.isMarked {
            resultType = f.type; convertTrue = true
        } else if f.type == .dynamic && f.isNull && !f.isMarked {
            resultType = t.type; convertFalse = true
        } else if t.type == .dynamic || f.type == .dynamic {
            resultType = .dynamic
        } else {
            resultType = Conversion.unify([t.type, f.type], lossy: true)
            convertTrue = resultType != t.type
            convertFalse = resultType != f.type
        }
        guard let rt = resultType else {
            diags += .error("Inconsistent conditional result types",
                            "The true and false result expressions must have consistent types. \(Evaluator.describeMismatch(t.type, f.type)).",
                            subject: trueExpr.range.through(falseExpr.range), context: range)
            return .dynamicUnknown
        }
        var condDiags = Diagnostics()
        let cond0 = eval(condExpr, &condDiags)
        diags += condDiags
        if cond0.isNull {
            diags += .error("Null condition", "The condition value is null. Conditions must either be true or false.", subject: condExpr.range, context: range)
            return .unknown(rt)
        }
        let (cond, cm) = cond0.unmarked()
        let (tu, tm) = t.unmarked(); t = tu
        let (fu, fm) = f.unmarked(); f = fu
        let marks = cm.union(tm).union(fm)
        if !cond.isKnown {
            if t.isNull && f.isNull { return Value.null(rt).marked(with: marks) }
            return Value.unknown(rt).marked(with: marks)
        }
        guard let c = (try? Conversion.convert(cond, to: .bool))?.boolValue else {
            diags += .error("Incorrect condition type", "The condition expression must be of type bool.", subject: condExpr.range, context: range)
            return .unknown(rt)
        }
        if c {
            diags += trueDiags
            if convertTrue && rt != .dynamic {
                do { t = try Conversion.convert(t, to: rt) } catch {
                    diags += .error("Inconsistent conditional result types", "The true result value has the wrong type: \(error).", subject: trueExpr.range, context: range)
                    t = .unknown(rt)
                }
            }
            return t.marked(with: marks)
        } else {
            diags += falseDiags
            if convertFalse && rt != .dynamic {
                do { f = try Conversion.convert(f, to: rt) } catch {
                    diags += .error("Inconsistent conditional result types", "The false result value has the wrong type: \(error).", subject: falseExpr.range, context: range)
                    f = .unknown(rt)
                }
            }
            return f.marked(with: marks)
        }
    }

    static func describeMismatch(_ t: ValueType, _ f: ValueType) -> String {
        switch (t, f) {
        case (.object(let ta, _), .object(let fa, _)):
            for name in ta.keys.sorted() {
                guard let fat = fa[name] else {
                    return "The 'true' value includes object attribute \(GoQuote.quote(name)), which is absent in the 'false' value"
                }
                if let tat = ta[name], tat != fat {
                    return "Type mismatch for object attribute \(GoQuote.quote(name)): \(describeMismatch(tat, fat))"
                }
            }
            for name in fa.keys.sorted() where ta[name] == nil {
                return "The 'false' value includes object attribute \(GoQuote.quote(name)), which is absent in the 'true' value"
            }
        case (.tuple(let te), .tuple(let fe)):
            if te.count != fe.count { return "The 'true' tuple has length \(te.count), but the 'false' tuple has length \(fe.count)" }
            for (i, (a, b)) in zip(te, fe).enumerated() where a != b {
                return "Type mismatch for tuple element \(i): \(describeMismatch(a, b))"
            }
        default:
            if t.isCollection && f.isCollection, let te = t.elementType, let fe = f.elementType,
               (t.isList && f.isList) || (t.isMap && f.isMap) || (t.isSet && f.isSet),
               (te.isObject && fe.isObject) || (te.isTuple && fe.isTuple) {
                let noun = t.isList ? "list" : t.isSet ? "set" : "map"
                return "Mismatched \(noun) element types: \(describeMismatch(te, fe))"
            }
        }
        if t.friendlyName == f.friendlyName {
            return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value"
        }
        return "The 'true' value is \(t.friendlyName), but the 'false' value is \(f.friendlyName)"
    }
}

extension SourceRange {
    /// The empty range at this range's start.
    var startRange: SourceRange { SourceRange(filename: filename, start: start, end: start) }

    /// HCL's Range.String(): `file:line,col-col` or `file:line,col-line,col`.
    public var shortDescription: String {
        if start.line == end.line {
            return "\(filename):\(start.line),\(start.column)-\(end.column)"
        }
        return "\(filename):\(start.line),\(start.column)-\(end.line),\(end.column)"
    }
}
