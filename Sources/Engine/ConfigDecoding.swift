import Config
import HCL
import Values

/// Turns configuration into values: a resource body against its schema,
/// `count` and `for_each` into an expansion. Messages follow terraform's.
enum ConfigDecoding {
    /// Evaluates a body into an object of the block's type; attributes not set are null.
    static func decode(_ body0: Body, _ block: SchemaBlock, _ ctx: EvalContext) -> (Value, Diagnostics) {
        var diags = Diagnostics()
        var attrs: [String: Value] = [:]
        // Meta-arguments (count, for_each, lifecycle, ...) belong to terraform, not the provider.
        var body = body0
        body.items = body0.items.filter {
            switch $0 {
            case .attribute(let a): return !body0.hiddenAttributes.contains(a.name)
            case .block(let b): return !body0.hiddenBlockTypes.contains(b.type)
            }
        }
        let given = Dictionary(body.attributes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for a in body.attributes where block.attributes[a.name] == nil || (block.attributes[a.name]?.computed == true && block.attributes[a.name]?.optional == false && block.attributes[a.name]?.required == false) {
            if block.attributes[a.name] == nil {
                diags += .error("Unsupported argument", "An argument named \"\(a.name)\" is not expected here.", subject: a.nameRange)
            } else {
                diags += .error("Invalid or unknown key", "The argument \"\(a.name)\" is read-only: its value is decided by the provider.", subject: a.nameRange)
            }
        }
        for b in body.blocks where block.blocks[b.type] == nil {
            diags += .error("Unsupported block type", "Blocks of type \"\(b.type)\" are not expected here.", subject: b.typeRange)
        }
        for (name, schema) in block.attributes {
            guard let a = given[name], !(schema.computed && !schema.optional && !schema.required) else {
                if schema.required {
                    diags += .error("Missing required argument", "The argument \"\(name)\" is required, but no definition was found.", subject: body.endRange)
                }
                attrs[name] = .null(schema.type)
                continue
            }
            let (v, ds) = Evaluator.evaluate(a.expression, in: ctx)
            diags += ds
            if schema.type == .dynamic {
                attrs[name] = v
                continue
            }
            do {
                attrs[name] = try Conversion.convert(v, to: schema.type)
            } catch {
                diags += .error("Incorrect attribute value type", "Inappropriate value for attribute \"\(name)\": \(error).", subject: a.expression.range)
                attrs[name] = .unknown(schema.type)
            }
        }
        for (name, nested) in block.blocks {
            let found = body.blocks.filter { $0.type == name }
            var items: [Value] = []
            for b in found {
                let (v, ds) = decode(b.body, nested.block, ctx)
                diags += ds
                items.append(v)
            }
            switch nested.nesting {
            case .single: attrs[name] = items.first ?? .null(nested.block.impliedType)
            case .list: attrs[name] = .list(items, elementType: nested.block.impliedType)
            case .set: attrs[name] = .set(items, elementType: nested.block.impliedType)
            }
        }
        return (Value(type: block.impliedType, content: .attributes(attrs)), diags)
    }

    /// Evaluates `count` / `for_each` of a resource.
    static func expansion(of decl: ResourceDecl, _ ctx: EvalContext) -> (Expansion, Diagnostics) {
        expansion(count: decl.count, forEach: decl.forEach, ctx)
    }

    /// Evaluates `count` / `for_each` of a resource or module call.
    static func expansion(count: Expression?, forEach: Expression?, _ ctx: EvalContext) -> (Expansion, Diagnostics) {
        var diags = Diagnostics()
        if let countExpr = count {
            let (raw, ds) = Evaluator.evaluate(countExpr, in: ctx)
            diags += ds
            if ds.hasErrors { return (.unknown, diags) }
            let (v, _) = raw.unmarkedDeep()
            if v.isNull {
                diags += .error("Invalid count argument", "The given \"count\" argument value is null. An integer is required.", subject: countExpr.range)
                return (.unknown, diags)
            }
            if !v.isKnown {
                diags += .error("Invalid count argument", "The \"count\" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.", subject: countExpr.range)
                return (.unknown, diags)
            }
            guard let n = (try? Conversion.convert(v, to: .number))?.numberValue else {
                diags += .error("Invalid count argument", "The given \"count\" argument value is unsuitable: number required.", subject: countExpr.range)
                return (.unknown, diags)
            }
            guard let i = n.intValue else {
                diags += .error("Invalid count argument", "The given \"count\" argument value is unsuitable: value must be a whole number.", subject: countExpr.range)
                return (.unknown, diags)
            }
            if i < 0 {
                diags += .error("Invalid count argument", "The given \"count\" argument value is unsuitable: must be greater than or equal to zero.", subject: countExpr.range)
                return (.unknown, diags)
            }
            return (.count(i), diags)
        }
        if let forEachExpr = forEach {
            let (raw, ds) = Evaluator.evaluate(forEachExpr, in: ctx)
            diags += ds
            if ds.hasErrors { return (.unknown, diags) }
            let (v, marks) = raw.unmarked()
            if marks.contains(.sensitive) {
                diags += .error("Invalid for_each argument", "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.", subject: forEachExpr.range)
                return (.unknown, diags)
            }
            if v.isNull {
                diags += .error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument value is null. A map, or set of strings is allowed.", subject: forEachExpr.range)
                return (.unknown, diags)
            }
            // A set must be wholly known (its elements are the keys); a map's keys only.
            if !v.isKnown || (v.type.isSet && !v.isWhollyKnown) {
                let detail = v.type.isSet
                    ? "The \"for_each\" set includes values derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it's better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge."
                    : "The \"for_each\" map includes keys derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it's better to define the map keys statically in your configuration and place apply-time results only in the map values.\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge."
                diags += Diagnostic(.error, summary: "Invalid for_each argument", detail: detail, subject: forEachExpr.range,
                                    expressionValues: Engine.expressionValues(forEachExpr, ctx, causedByUnknown: true))
                return (.unknown, diags)
            }
            var entries: [(String, Value)] = []
            switch v.type {
            case .map, .object:
                for (k, item) in (v.attributes ?? [:]) { entries.append((k, item)) }
            case .set(let e):
                guard e == .string || e == .dynamic else {
                    diags += .error("Invalid for_each set argument", "The given \"for_each\" argument value is unsuitable: \"for_each\" supports sets of strings, but you have provided a set containing type \(e.friendlyName).", subject: forEachExpr.range)
                    return (.unknown, diags)
                }
                for item in v.elements ?? [] {
                    guard let s = item.unmarked().0.stringValue else {
                        diags += .error("Invalid for_each set argument", "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must not contain null values.", subject: forEachExpr.range)
                        return (.unknown, diags)
                    }
                    entries.append((s, item))
                }
            default:
                diags += .error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type \(v.type.friendlyName).", subject: forEachExpr.range)
                return (.unknown, diags)
            }
            entries.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return (.forEach(entries), diags)
        }
        return (.single, diags)
    }
}
