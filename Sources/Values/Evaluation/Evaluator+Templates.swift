import HCL

extension Evaluator {
    /// A string template: parts are converted to strings and joined; any
    /// unknown part makes the whole result unknown; marks of parts carry over.
    mutating func template(_ parts: [TemplatePart], _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        var out = ""
        var known = true
        var marks = Set<ValueMark>()
        var hadErrors = false
        for part in parts {
            var partDiags = Diagnostics()
            let v = templatePart(part, range, &partDiags)
            diags += partDiags
            if partDiags.hasErrors { hadErrors = true }
            // HCL's interpolation part is the inner expression, so errors point there, not at `${...}`.
            let partRange: SourceRange
            if case .interpolation(let i) = part { partRange = i.expression.range } else { partRange = part.range }
            if v.isNull {
                diags += .error("Invalid template interpolation value", "The expression result is null. Cannot include a null value in a string template.", subject: partRange, context: range)
                hadErrors = true
                continue
            }
            let (u, m) = v.unmarked()
            marks.formUnion(m)
            if !v.isKnown { known = false; continue }
            do {
                let s = try Conversion.convert(u, to: .string)
                if known && !hadErrors { out += s.stringValue ?? "" }
            } catch {
                diags += .error("Invalid template interpolation value", "Cannot include the given value in a string template: \(error).", subject: partRange, context: range)
                hadErrors = true
            }
        }
        if !known { return Value.unknown(.string).marked(with: marks) }
        return Value.string(out).marked(with: marks)
    }

    mutating func templatePart(_ part: TemplatePart, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        switch part {
        case .literal(let s, _): return .string(s)
        case .interpolation(let i): return eval(i.expression, &diags)
        case .conditional(let c):
            let cond0 = eval(c.condition, &diags)
            if cond0.isNull {
                diags += .error("Null condition", "The condition value is null. Conditions must either be true or false.", subject: c.condition.range, context: c.range)
                return .unknown(.string)
            }
            let (cond, cm) = cond0.unmarked()
            if !cond.isKnown { return Value.unknown(.string).marked(with: cm) }
            guard let b = (try? Conversion.convert(cond, to: .bool))?.boolValue else {
                diags += .error("Incorrect condition type", "The condition expression must be of type bool.", subject: c.condition.range, context: c.range)
                return .unknown(.string)
            }
            return template(b ? c.thenParts : c.elseParts, c.range, &diags).marked(with: cm)
        case .forLoop(let f):
            let coll0 = eval(f.collection, &diags)
            if coll0.isNull {
                diags += .error("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", subject: f.collection.range, context: f.range)
                return .unknown(.string)
            }
            let (coll, cm) = coll0.unmarked()
            if coll.type == .dynamic || !coll.isKnown { return Value.unknown(.string).marked(with: cm) }
            guard coll.type.isCollection || coll.type.isTuple || coll.type.isObject else {
                diags += .error("Iteration over non-iterable value", "A value of type \(coll.type.friendlyName) cannot be used as the collection in a 'for' expression.", subject: f.collection.range, context: f.range)
                return .unknown(.string)
            }
            let outer = context
            defer { context = outer }
            var out = ""
            var known = true
            var marks = cm
            for (k, v) in coll.keyedElements {
                var scope = outer.variables
                if let kv = f.keyVariable { scope[kv] = k }
                scope[f.valueVariable] = v
                context.variables = scope
                var d = Diagnostics()
                let piece = template(f.body, f.range, &d)
                diags += d
                marks.formUnion(piece.marks)
                if !piece.isKnown { known = false; continue }
                out += piece.unmarked().0.stringValue ?? ""
            }
            if !known { return Value.unknown(.string).marked(with: marks) }
            return Value.string(out).marked(with: marks)
        }
    }
}
