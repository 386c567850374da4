import HCL

extension Evaluator {
    mutating func forExpression(_ e: ForExpression, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        var marks = Set<ValueMark>()
        let coll0 = eval(e.collection, &diags)
        if coll0.isNull {
            diags += .error("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", subject: e.collection.range, context: range)
            return .dynamicUnknown
        }
        if coll0.type == .dynamic { return .dynamicUnknown }
        let (coll, cm) = coll0.unmarked()
        marks.formUnion(cm)
        guard coll.type.isCollection || coll.type.isTuple || coll.type.isObject else {
            diags += .error("Iteration over non-iterable value", "A value of type \(coll.type.friendlyName) cannot be used as the collection in a 'for' expression.", subject: e.collection.range, context: range)
            return .dynamicUnknown
        }
        if let cond = e.condition {
            // Type-check the condition once with unknown iteration variables.
            var probe: [String: Value] = [e.valueVariable: .dynamicUnknown]
            if let k = e.keyVariable { probe[k] = .dynamicUnknown }
            var saved = context
            context = context.with(probe)
            var condDiags = Diagnostics()
            let r = eval(cond, &condDiags)
            swap(&saved, &context)
            diags += condDiags
            if r.isNull {
                diags += .error("Condition is null", "The value of the 'if' clause must not be null.", subject: cond.range, context: range)
                return .dynamicUnknown
            }
            marks.formUnion(r.marks)
            do { _ = try Conversion.convert(r, to: .bool) } catch {
                diags += .error("Invalid 'for' condition", "The 'if' clause value is invalid: \(error).", subject: cond.range, context: range)
                return .dynamicUnknown
            }
            if condDiags.hasErrors { return .dynamicUnknown }
        }
        if !coll.isKnown { return Value.dynamicUnknown.marked(with: marks) }

        let outer = context
        defer { context = outer }
        var known = true
        var tupleVals: [Value] = []
        tupleVals.reserveCapacity(coll.count ?? 0)
        var objectVals: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        var groupOrder: [String] = []
        // One element: the iteration variables are assigned in place (after
        // the first assignment this context owns its dictionary, so there is
        // no copy per element), then the condition, key and value.
        func step(_ k: Value, _ v: Value) {
            if let kv = e.keyVariable { context.variables[kv] = k }
            context.variables[e.valueVariable] = v
            if let cond = e.condition {
                let raw = eval(cond, &diags)
                if raw.isNull {
                    if known { diags += .error("Invalid 'for' condition", "The value of the 'if' clause must not be null.", subject: cond.range, context: range) }
                    known = false; return
                }
                marks.formUnion(raw.marks)
                if e.keyExpression == nil && !raw.isKnown { known = false; return }
                let inc: Value
                do { inc = try Conversion.convert(raw, to: .bool) } catch {
                    if known { diags += .error("Invalid 'for' condition", "The 'if' clause value is invalid: \(error).", subject: cond.range, context: range) }
                    known = false; return
                }
                if !inc.isKnown { known = false; return }
                if inc.unmarked().0.boolValue == false { return }
            }
            if let keyExpr = e.keyExpression {
                let keyRaw = eval(keyExpr, &diags)
                if keyRaw.isNull {
                    if known { diags += .error("Invalid object key", "Key expression in 'for' expression must not produce a null value.", subject: keyExpr.range, context: range) }
                    known = false; return
                }
                marks.formUnion(keyRaw.marks)
                if !keyRaw.isKnown { known = false; return }
                let key: Value
                do { key = try Conversion.convert(keyRaw.unmarked().0, to: .string) } catch {
                    if known { diags += .error("Invalid object key", "The key expression produced an invalid result: \(error).", subject: keyExpr.range, context: range) }
                    known = false; return
                }
                let ks = key.stringValue ?? ""
                let val = eval(e.valueExpression, &diags)
                if e.grouping {
                    if groups[ks] == nil { groupOrder.append(ks) }
                    groups[ks, default: []].append(val)
                } else if objectVals[ks] != nil {
                    diags += .error("Duplicate object key", "Two different items produced the key \(GoQuote.quote(ks)) in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.", subject: keyExpr.range, context: range)
                } else {
                    objectVals[ks] = val
                }
            } else {
                tupleVals.append(eval(e.valueExpression, &diags))
            }
        }
        switch coll.content {
        case .elements(let items):
            let isSet = coll.type.isSet
            let wantsKey = e.keyVariable != nil
            for (i, v) in items.enumerated() { step(wantsKey ? (isSet ? v : .int(i)) : .dynamicNull, v) }
        case .attributes(let attrs):
            for name in attrs.keys.sorted() { step(.string(name), attrs[name] ?? .dynamicNull) }
        default: break
        }
        if !known { return Value.dynamicUnknown.marked(with: marks) }
        if e.keyExpression != nil {
            if e.grouping { for k in groupOrder { objectVals[k] = .tuple(groups[k] ?? []) } }
            return Value.object(objectVals).marked(with: marks)
        }
        return Value.tuple(tupleVals).marked(with: marks)
    }

    mutating func splat(_ source: Expression, _ each: Expression, _ marker: SourceRange, _ range: SourceRange, _ diags: inout Diagnostics) -> Value {
        var srcDiags = Diagnostics()
        var src = eval(source, &srcDiags)
        diags += srcDiags
        if srcDiags.hasErrors {
            splatItems.append(.dynamicUnknown)
            _ = eval(each, &diags)
            splatItems.removeLast()
            return .dynamicUnknown
        }
        let autoUpgrade = !(src.type.isTuple || src.type.isList || src.type.isSet)
        if src.isNull {
            if autoUpgrade { return Value.emptyTuple.marked(with: src.marks) }
            diags += .error("Splat of null value", "Splat expressions (with the * symbol) cannot be applied to null sequences.", subject: source.range, context: source.range.through(marker))
            return .dynamicUnknown
        }
        if src.type == .dynamic { return Value.dynamicUnknown.marked(with: src.marks) }
        var upgradedUnknown = false
        if autoUpgrade {
            if !src.isKnown { upgradedUnknown = true }
            src = Value.tuple([src.unmarked().0]).marked(with: src.marks)
        }
        if !src.isKnown {
            let t = splatResultType(src.type, each)
            return Value.unknown(t).marked(with: src.marks)
        }
        let (u, marks) = src.unmarked()
        var vals: [Value] = []
        var known = true
        for item in u.elements ?? [] {
            splatItems.append(item)
            var d = Diagnostics()
            vals.append(eval(each, &d))
            splatItems.removeLast()
            diags += d
            if d.hasErrors { known = false }
        }
        if upgradedUnknown { return Value.dynamicUnknown.marked(with: marks) }
        if !known { return Value.unknown(splatResultType(u.type, each)).marked(with: marks) }
        if u.type.isList || u.type.isSet {
            if vals.isEmpty {
                return Value.emptyList(splatResultType(u.type, each).elementType ?? .dynamic).marked(with: marks)
            }
            let t0 = vals[0].type
            guard vals.allSatisfy({ $0.type == t0 }) else {
                diags += .error("Invalid nested splat expressions", "The second level of splat expression produced elements of different types, so it isn't possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.", subject: each.range, context: range)
                return .dynamicUnknown
            }
            return Value.list(vals, elementType: t0).marked(with: marks)
        }
        return Value.tuple(vals).marked(with: marks)
    }

    mutating func splatResultType(_ sourceType: ValueType, _ each: Expression) -> ValueType {
        var ignored = Diagnostics()
        switch sourceType {
        case .list(let e), .set(let e):
            splatItems.append(.unknown(e))
            let v = eval(each, &ignored)
            splatItems.removeLast()
            return .list(v.type)
        case .tuple(let etys):
            var out: [ValueType] = []
            for e in etys {
                splatItems.append(.unknown(e))
                out.append(eval(each, &ignored).type)
                splatItems.removeLast()
            }
            return .tuple(out)
        default:
            return .dynamic
        }
    }
}
