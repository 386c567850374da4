import HCL

/// Default values for `optional(type, default)` attributes, shaped like the
/// type constraint they came from (hcl typeexpr.Defaults).
public struct TypeDefaults: Sendable {
    public var type: ValueType
    /// Defaults for attributes of this object type.
    public var defaultValues: [String: Value]
    /// Defaults nested inside attributes (by name), tuple elements (by index
    /// as text) or collection elements (key "").
    public var children: [String: TypeDefaults]

    public init(type: ValueType, defaultValues: [String: Value] = [:], children: [String: TypeDefaults] = [:]) {
        self.type = type
        self.defaultValues = defaultValues
        self.children = children
    }

    /// Fills in defaults for null or absent optional attributes, recursively,
    /// as Terraform 1.3+ does before converting a value to its constraint.
    public func apply(_ v0: Value) -> Value {
        if !v0.isKnown || v0.isNull { return v0 }
        if defaultValues.isEmpty && children.isEmpty { return v0 }
        let (v, marks) = v0.unmarked()
        var result = v
        switch v.content {
        case .elements(let elems):
            var values: [Value] = []
            for (i, e) in elems.enumerated() {
                if let c = child(index: i) { values.append(c.apply(e)) } else { values.append(e) }
            }
            if v.type.isSet || v.type.isList {
                if values.isEmpty {
                    result = v
                    break
                }
                if let u = TypeDefaults.unify(values) {
                    result = v.type.isSet ? .set(u, elementType: u[0].type) : .list(u, elementType: u[0].type)
                    break
                }
            }
            result = .tuple(values)
        case .attributes(let attrs):
            var values: [String: Value] = [:]
            for (k, e) in attrs {
                if let c = child(key: k) { values[k] = c.apply(e) } else { values[k] = e }
            }
            for (key, dv) in defaultValues where values[key] == nil || values[key]?.isNull == true {
                values[key] = children[key].map { $0.apply(dv) } ?? dv
            }
            if v.type.isMap {
                if values.isEmpty { result = v; break }
                let keys = values.keys.sorted()
                if let u = TypeDefaults.unify(keys.map { values[$0] ?? .dynamicNull }) {
                    result = .map(Dictionary(uniqueKeysWithValues: zip(keys, u)), elementType: u[0].type)
                    break
                }
            }
            result = .object(values)
        default:
            break
        }
        return result.marked(with: marks)
    }

    func child(index: Int) -> TypeDefaults? {
        if type.isTuple { return children[String(index)] }
        return children[""]
    }

    func child(key: String) -> TypeDefaults? {
        if type.isObject { return children[key] }
        return children[""]
    }

    static func unify(_ values: [Value]) -> [Value]? {
        guard let t = Conversion.unify(values.map(\.type), lossy: true) else { return nil }
        var out: [Value] = []
        for v in values {
            guard let c = v.type == t ? v : try? Conversion.convert(v, to: t) else { return nil }
            out.append(c)
        }
        return out
    }
}

/// Type constraint expressions (`list(object({a = string, b = optional(number, 3)}))`)
/// parsed into types, with Terraform's messages for invalid ones.
public enum TypeConstraint {
    static let invalid = "Invalid type specification"

    /// Parses a type constraint (`any` allowed, `optional(...)` with defaults).
    public static func parse(_ expr: Expression, constraint: Bool = true, withDefaults: Bool = true) -> (ValueType, TypeDefaults?, Diagnostics) {
        var diags = Diagnostics()
        let (t, d) = getType(expr, constraint: constraint, withDefaults: withDefaults, &diags)
        return (t, d, diags)
    }

    /// Parses constraint source text such as `map(string)`.
    public static func parse(text: String, filename: String = "<type>") -> (ValueType, TypeDefaults?, Diagnostics) {
        let (expr, parseDiags) = Parser.parseExpression(Array(text.utf8), filename: filename)
        if parseDiags.hasErrors { return (.dynamic, nil, parseDiags) }
        return parse(expr)
    }

    /// Applies defaults and converts, as Terraform prepares a variable's value.
    public static func convert(_ value: Value, to type: ValueType, defaults: TypeDefaults?) throws -> Value {
        let withDefaults = defaults?.apply(value) ?? value
        return try Conversion.convert(withDefaults, to: type)
    }

    static func keyword(_ e: Expression) -> String? {
        switch e.kind {
        case .scopeTraversal(let t) where t.steps.isEmpty: return t.rootName
        case .parentheses(let inner): return keyword(inner)
        default: return nil
        }
    }

    static func getType(_ expr: Expression, constraint: Bool, withDefaults: Bool, _ diags: inout Diagnostics) -> (ValueType, TypeDefaults?) {
        if let kw = keyword(expr) {
            switch kw {
            case "bool": return (.bool, nil)
            case "string": return (.string, nil)
            case "number": return (.number, nil)
            case "any":
                if !constraint {
                    diags += .error(invalid, "The keyword \(GoQuote.quote(kw)) cannot be used in this type specification: an exact type is required.", subject: expr.range)
                }
                return (.dynamic, nil)
            case "list", "map", "set":
                diags += .error(invalid, "The \(kw) type constructor requires one argument specifying the element type.", subject: expr.range)
            case "object":
                diags += .error(invalid, "The object type constructor requires one argument specifying the attribute types and values as a map.", subject: expr.range)
            case "tuple":
                diags += .error(invalid, "The tuple type constructor requires one argument specifying the element types as a list.", subject: expr.range)
            default:
                diags += .error(invalid, "The keyword \(GoQuote.quote(kw)) is not a valid type specification.", subject: expr.range)
            }
            return (.dynamic, nil)
        }
        guard case .functionCall(let call) = expr.kind else {
            diags += .error(invalid, "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", subject: expr.range)
            return (.dynamic, nil)
        }
        let argsRange = call.openParenRange.through(call.closeParenRange)
        switch call.name {
        case "bool", "string", "number":
            diags += .error(invalid, "Primitive type keyword \(GoQuote.quote(call.name)) does not expect arguments.", subject: argsRange)
            return (.dynamic, nil)
        case "any":
            diags += .error(invalid, "Type constraint keyword \(GoQuote.quote(call.name)) does not expect arguments.", subject: argsRange)
            return (.dynamic, nil)
        default: break
        }
        if call.arguments.count != 1 {
            let subject = call.arguments.count > 1 ? call.arguments[1].range.through(call.arguments[call.arguments.count - 1].range) : argsRange
            switch call.name {
            case "list", "set", "map":
                diags += .error(invalid, "The \(call.name) type constructor requires one argument specifying the element type.", subject: subject, context: argsRange)
                return (.dynamic, nil)
            case "object":
                diags += .error(invalid, "The object type constructor requires one argument specifying the attribute types and values as a map.", subject: subject, context: argsRange)
                return (.dynamic, nil)
            case "tuple":
                diags += .error(invalid, "The tuple type constructor requires one argument specifying the element types as a list.", subject: subject, context: argsRange)
                return (.dynamic, nil)
            default: break
            }
        }
        switch call.name {
        case "list", "set", "map":
            let (e, d) = getType(call.arguments[0], constraint: constraint, withDefaults: withDefaults, &diags)
            let t: ValueType = call.name == "list" ? .list(e) : call.name == "set" ? .set(e) : .map(e)
            return (t, d.map { TypeDefaults(type: t, children: ["": $0]) })
        case "object":
            guard case .object(let items) = call.arguments[0].kind else {
                diags += .error(invalid, "Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.", subject: call.arguments[0].range, context: expr.range)
                return (.dynamic, nil)
            }
            var atys: [String: ValueType] = [:]
            var defaults: [String: Value] = [:]
            var children: [String: TypeDefaults] = [:]
            var optional = Set<String>()
            for item in items {
                guard let name = keyword(item.key.expression), !item.key.forceNonLiteral else {
                    diags += .error(invalid, "Object constructor map keys must be attribute names.", subject: item.key.range, context: expr.range)
                    continue
                }
                if atys[name] != nil {
                    diags += .error(invalid, "Object constructor map keys must be unique.", subject: item.key.range, context: expr.range)
                    continue
                }
                var atyExpr = item.value
                var defaultExpr: Expression?
                if case .functionCall(let oc) = atyExpr.kind, oc.name == "optional" {
                    let ocArgs = oc.openParenRange.through(oc.closeParenRange)
                    if oc.arguments.isEmpty {
                        diags += .error(invalid, "Optional attribute modifier requires the attribute type as its argument.", subject: ocArgs, context: atyExpr.range)
                        continue
                    }
                    if constraint {
                        if withDefaults {
                            switch oc.arguments.count {
                            case 2:
                                defaultExpr = oc.arguments[1]
                                let (dv, dd) = Evaluator.evaluate(oc.arguments[1], in: EvalContext(functions: FunctionTable([:])))
                                diags += dd
                                if !dd.hasErrors { optional.insert(name); defaults[name] = dv }
                            case 1:
                                optional.insert(name)
                            default:
                                diags += .error(invalid, "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.", subject: ocArgs, context: atyExpr.range)
                            }
                        } else if oc.arguments.count == 1 {
                            optional.insert(name)
                        } else {
                            diags += .error(invalid, "Optional attribute modifier expects only one argument: the attribute type.", subject: ocArgs, context: atyExpr.range)
                        }
                    } else {
                        diags += .error(invalid, "Optional attribute modifier is only for type constraints, not for exact types.", subject: oc.nameRange, context: atyExpr.range)
                    }
                    atyExpr = oc.arguments[0]
                }
                let (aty, aDefaults) = getType(atyExpr, constraint: constraint, withDefaults: withDefaults, &diags)
                if let dv = defaults[name] {
                    do { defaults[name] = try Conversion.convert(dv, to: aty) } catch {
                        diags += .error("Invalid default value for optional attribute", "This default value is not compatible with the attribute's type constraint: \(error).", subject: defaultExpr?.range)
                        defaults[name] = nil
                    }
                }
                atys[name] = aty
                if let aDefaults { children[name] = aDefaults }
            }
            let t = ValueType.object(atys, optional: optional)
            if defaults.isEmpty && children.isEmpty { return (t, nil) }
            return (t, TypeDefaults(type: t, defaultValues: defaults, children: children))
        case "tuple":
            guard case .tuple(let elems) = call.arguments[0].kind else {
                diags += .error(invalid, "Tuple type constructor requires a list of element types.", subject: call.arguments[0].range, context: expr.range)
                return (.dynamic, nil)
            }
            var etys: [ValueType] = []
            var children: [String: TypeDefaults] = [:]
            for (i, e) in elems.enumerated() {
                let (t, d) = getType(e, constraint: constraint, withDefaults: withDefaults, &diags)
                etys.append(t)
                if let d { children[String(i)] = d }
            }
            let t = ValueType.tuple(etys)
            return (t, children.isEmpty ? nil : TypeDefaults(type: t, children: children))
        case "optional":
            diags += .error(invalid, "Keyword \(GoQuote.quote(call.name)) is valid only as a modifier for object type attributes.", subject: call.nameRange)
            return (.dynamic, nil)
        default:
            diags += .error(invalid, "Keyword \(GoQuote.quote(call.name)) is not a valid type constructor.", subject: call.nameRange)
            return (.dynamic, nil)
        }
    }
}
