import Foundation
import HCL

/// What a Terraform module scope offers to expressions (`var.*`, `local.*`,
/// `path.*`, `terraform.workspace`, resources, data sources, module outputs),
/// with Terraform's messages for references to things that are not declared.
/// References are checked before evaluation, as Terraform does, so an
/// undeclared reference is an error even inside `try()`.
public struct TerraformScope: Sendable {
    public var inputVariables: [String: Value] = [:]
    public var locals: [String: Value] = [:]
    /// Managed resources: type -> name -> value.
    public var resources: [String: [String: Value]] = [:]
    /// Data resources: type -> name -> value.
    public var dataResources: [String: [String: Value]] = [:]
    public var moduleCalls: [String: Value] = [:]
    public var pathModule = "."
    public var pathRoot = "."
    public var pathCwd = FileManager.default.currentDirectoryPath
    public var workspace = "default"
    /// The module's call path (`["net", "subnet"]` for module.net.module.subnet),
    /// named in messages about undeclared things; empty for the root module.
    public var modulePath: [String] = []
    /// Local names of providers declared in required_providers; declaring
    /// `terraform` makes the provider::terraform:: functions callable.
    public var declaredProviders: Set<String> = []
    /// Where file functions resolve relative paths; `pathModule` when nil.
    /// Callers whose process directory differs from the module's set it.
    public var fileBaseDirectory: String?
    /// What static checks know of each declared resource ("type.name", or
    /// "data.type.name"): how it expands and, when its schema is known, the
    /// names its objects offer. References that cannot work are refused
    /// before evaluation, as terraform validates them.
    public var resourceShapes: [String: ResourceShape] = [:]

    public struct ResourceShape: Sendable {
        public enum Expansion: Sendable { case single, count, forEach }
        public var expansion: Expansion
        /// Attributes with their types; nil when the schema is not known.
        public var attributes: [String: ValueType]?
        public var blocks: Set<String>
        public init(expansion: Expansion, attributes: [String: ValueType]?, blocks: Set<String> = []) {
            self.expansion = expansion
            self.attributes = attributes
            self.blocks = blocks
        }
    }

    public init() {}

    /// Evaluates an expression of this module (a local, a module input, an
    /// output) with the standard functions, plus `extra` root variables such
    /// as `count` and `each`.
    public func evaluate(_ expr: HCL.Expression, extra: [String: Value] = [:]) -> (Value, Diagnostics) {
        let ctx = evalContext(functions: .standard, baseDirectory: fileBaseDirectory ?? pathModule).with(extra)
        return Evaluator.evaluate(expr, in: ctx)
    }

    /// The locals and module calls the expressions refer to, as "local.NAME"
    /// and "module.NAME", so a caller can evaluate them in dependency order.
    public static func scopeDependencies(_ exprs: [HCL.Expression]) -> Set<String> {
        var out: Set<String> = []
        for e in exprs {
            for t in ReferenceCollector.references(in: e) where t.rootName == "local" || t.rootName == "module" {
                if case .attribute(let n)? = t.steps.first?.kind { out.insert(t.rootName + "." + n) }
            }
        }
        return out
    }

    /// The evaluation context for expressions in this scope.
    public func evalContext(functions: FunctionTable = .consoleFunctions, baseDirectory: String = ".") -> EvalContext {
        var table = functions
        if declaredProviders.contains("terraform") {
            for (k, f) in FunctionTable.terraformProviderFunctions { table.functions[k] = f }
        }
        return EvalContext(variables: [:], functions: table, baseDirectory: baseDirectory) { t in
            resolve(t)
        }
    }

    func resolve(_ t: Traversal) -> (Value, [Diagnostic])? {
        let root: Value
        var steps = t.steps
        switch t.rootName {
        case "var":
            guard case .attribute(let n)? = steps.first?.kind, let v = inputVariables[n] else { return (.dynamicUnknown, []) }
            root = v; steps.removeFirst()
        case "local":
            guard case .attribute(let n)? = steps.first?.kind, let v = locals[n] else { return (.dynamicUnknown, []) }
            root = v; steps.removeFirst()
        case "path":
            root = .object(["module": .string(pathModule), "root": .string(pathRoot), "cwd": .string(pathCwd)])
        case "terraform":
            root = .object(["workspace": .string(workspace), "applying": .false])
        case "data":
            guard steps.count >= 2, case .attribute(let ty) = steps[0].kind, case .attribute(let n) = steps[1].kind,
                  let v = dataResources[ty]?[n] else { return (.dynamicUnknown, []) }
            root = v; steps.removeFirst(2)
        case "module":
            guard case .attribute(let n)? = steps.first?.kind, let v = moduleCalls[n] else { return (.dynamicUnknown, []) }
            root = v; steps.removeFirst()
        default:
            guard case .attribute(let n)? = steps.first?.kind, let v = resources[t.rootName]?[n] else { return nil }
            root = v; steps.removeFirst()
        }
        var diags = Diagnostics()
        let v = Evaluator.traverse(root, steps, &diags)
        return (v, diags.items)
    }

    /// How terraform names the module in messages: "the root module" or "module.a.module.b".
    public var moduleDisplayName: String {
        modulePath.isEmpty ? "the root module" : modulePath.map { "module.\($0)" }.joined(separator: ".")
    }

    /// Terraform's static reference checks for every reference in `expr`.
    public func checkReferences(_ expr: HCL.Expression) -> Diagnostics {
        var diags = Diagnostics()
        for t in ReferenceCollector.references(in: expr) { check(t, &diags) }
        return diags
    }

    func check(_ t: Traversal, _ diags: inout Diagnostics) {
        let whole = t.steps.last.map { t.rootRange.through($0.range) } ?? t.rootRange
        func attr(_ i: Int) -> String? {
            guard i < t.steps.count, case .attribute(let n) = t.steps[i].kind else { return nil }
            return n
        }
        switch t.rootName {
        case "var", "local":
            let isVar = t.rootName == "var"
            guard let n = attr(0) else {
                // Terraform 1.11 first reports the missing name as an undeclared
                // item with an empty location, then the real problem.
                let nowhere = SourceRange(filename: "", start: SourcePos(line: 0, column: 0, byte: 0), end: SourcePos(line: 0, column: 0, byte: 0))
                diags += isVar
                    ? .error("Reference to undeclared input variable", "An input variable with the name \"\" has not been declared. This variable can be declared with a variable \"\" {} block.", subject: nowhere)
                    : .error("Reference to undeclared local value", "A local value with the name \"\" has not been declared.", subject: nowhere)
                diags += .error("Invalid reference", "The \(GoQuote.quote(t.rootName)) object cannot be accessed directly. Instead, access one of its attributes.", subject: t.rootRange)
                return
            }
            if isVar && inputVariables[n] == nil {
                let hint = Evaluator.nameSuggestion(n, Array(inputVariables.keys)).map { " Did you mean \(GoQuote.quote($0))?" }
                    ?? " This variable can be declared with a variable \(GoQuote.quote(n)) {} block."
                diags += .error("Reference to undeclared input variable", "An input variable with the name \(GoQuote.quote(n)) has not been declared.\(hint)", subject: whole)
            } else if !isVar && locals[n] == nil {
                let hint = Evaluator.nameSuggestion(n, Array(locals.keys)).map { " Did you mean \(GoQuote.quote($0))?" } ?? ""
                diags += .error("Reference to undeclared local value", "A local value with the name \(GoQuote.quote(n)) has not been declared.\(hint)", subject: whole)
            }
        case "path":
            guard let n = attr(0) else {
                let nowhere = SourceRange(filename: "", start: SourcePos(line: 0, column: 0, byte: 0), end: SourcePos(line: 0, column: 0, byte: 0))
                diags += .error("Invalid \"path\" attribute", "The \"path\" object does not have an attribute named \"\".", subject: nowhere)
                diags += .error("Invalid reference", "The \"path\" object cannot be accessed directly. Instead, access one of its attributes.", subject: t.rootRange)
                return
            }
            if !["module", "root", "cwd"].contains(n) {
                diags += .error("Invalid \"path\" attribute", "The \"path\" object does not have an attribute named \(GoQuote.quote(n)).", subject: whole)
            }
        case "terraform":
            guard let n = attr(0) else {
                diags += .error("Invalid reference", "The \"terraform\" object cannot be accessed directly. Instead, access one of its attributes.", subject: t.rootRange)
                return
            }
            if n != "workspace" && n != "applying" {
                diags += .error("Invalid \"terraform\" attribute", "The \"terraform\" object does not have an attribute named \(GoQuote.quote(n)). The only supported attributes are terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean which is true only during apply.", subject: whole)
            }
        case "count":
            diags += .error("Reference to \"count\" in non-counted context", "The \"count\" object can only be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument is set.", subject: whole)
        case "each":
            diags += .error("Reference to \"each\" in context without for_each", "The \"each\" object can be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.", subject: whole)
        case "self":
            diags += .error("Invalid \"self\" reference", "The \"self\" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.", subject: whole)
        case "data":
            guard let ty = attr(0), let n = attr(1) else {
                diags += .error("Invalid reference", "The \"data\" object must be followed by two attribute names: the data source type and the resource name.", subject: whole)
                return
            }
            if dataResources[ty]?[n] == nil {
                // The subject is the resource's address, without what follows it.
                diags += .error("Reference to undeclared resource", "A data resource \(GoQuote.quote(ty)) \(GoQuote.quote(n)) has not been declared in \(moduleDisplayName).", subject: t.rootRange.through(t.steps[1].range))
            } else if let shape = resourceShapes["data.\(ty).\(n)"] {
                checkResourceSteps(t, from: 2, shape, address: "data.\(ty).\(n)", whole, &diags)
            }
        case "module":
            guard let n = attr(0) else {
                diags += .error("Invalid reference", "The \"module\" object cannot be accessed directly. Instead, access one of its attributes.", subject: t.rootRange)
                return
            }
            if moduleCalls[n] == nil {
                let hint = Evaluator.nameSuggestion(n, moduleCalls.keys.sorted()).map { " Did you mean \(GoQuote.quote($0))?" } ?? ""
                diags += .error("Reference to undeclared module", "No module call named \(GoQuote.quote(n)) is declared in \(moduleDisplayName).\(hint)", subject: whole)
            }
        default:
            guard let n = attr(0) else {
                diags += .error("Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", subject: whole)
                return
            }
            if resources[t.rootName]?[n] == nil {
                let dataHint = dataResources[t.rootName]?[n] != nil ? "\n\nDid you mean the data resource data.\(t.rootName).\(n)?" : ""
                diags += .error("Reference to undeclared resource", "A managed resource \(GoQuote.quote(t.rootName)) \(GoQuote.quote(n)) has not been declared in \(moduleDisplayName).\(dataHint)", subject: t.rootRange.through(t.steps[0].range))
            } else if let shape = resourceShapes["\(t.rootName).\(n)"] {
                checkResourceSteps(t, from: 1, shape, address: "\(t.rootName).\(n)", whole, &diags)
            }
        }
    }
}

extension TerraformScope {
    /// Terraform's static check of the steps after a resource's name (from
    /// step `start`) against its schema: an instance key may come first, then
    /// an attribute the type has.
    func checkResourceSteps(_ t: Traversal, from start: Int, _ shape: ResourceShape, address: String,
                            _ whole: SourceRange, _ diags: inout Diagnostics) {
        var i = start
        var keyed = false
        if i < t.steps.count, case .index = t.steps[i].kind { i += 1; keyed = true }
        // The reference itself: the resource and its key, if any.
        let reference = i > 0 ? t.rootRange.through(t.steps[i - 1].range) : t.rootRange
        if keyed && shape.expansion == .single {
            diags += .error("Unexpected resource instance key", "Because \(address) does not have \"count\" or \"for_each\" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.", subject: reference)
        }
        guard i < t.steps.count else { return }
        if !keyed && shape.expansion != .single {
            let (arg, key) = shape.expansion == .count ? ("count", "count.index") : ("for_each", "each.key")
            diags += .error("Missing resource instance key", "Because \(address) has \"\(arg)\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(address)[\(key)]", subject: reference)
        }
        guard let attributes = shape.attributes else { return }
        let step = t.steps[i]
        switch step.kind {
        case .attribute(let name):
            if name == "count" {
                diags += .error("Invalid resource count attribute", "The special \"count\" attribute is no longer supported after Terraform v0.12. Instead, use length(\(address)) to count resource instances.", subject: reference)
                return
            }
            if let type = attributes[name] {
                _ = Evaluator.traverse(.unknown(type), Array(t.steps[(i + 1)...]), &diags)
                return
            }
            if shape.blocks.contains(name) { return }
            let names = (Array(attributes.keys) + Array(shape.blocks)).sorted()
            let hint = Evaluator.nameSuggestion(name, names).map { " Did you mean \(GoQuote.quote($0))?" } ?? ""
            diags += .error("Unsupported attribute", "This object has no argument, nested block, or exported attribute named \(GoQuote.quote(name)).\(hint)", subject: step.range)
        case .index(let key):
            if case .string(let k) = key, HCLValueWriter.isIdentifier(k) {
                diags += .error("Invalid index operation", "Only attribute access is allowed here. Did you mean to access attribute \(GoQuote.quote(k)) using the dot operator?", subject: step.range)
            } else {
                diags += .error("Invalid index operation", "Only attribute access is allowed here, using the dot operator.", subject: step.range)
            }
        }
    }
}

extension FunctionTable {
    /// The standard table plus `type()`, which Terraform offers only in the console,
    /// without `plantimestamp()`, which it offers only where a plan exists.
    public static let consoleFunctions: FunctionTable = {
        var t = standard
        t.functions["type"] = typeFunction
        // There is no plan in the console, and terraform leaves the function out there.
        t.functions["plantimestamp"] = nil
        return t
    }()
}

/// Finds the references (scope traversals) an expression makes, leaving out
/// the iteration variables that `for` expressions and directives bind.
enum ReferenceCollector {
    static func references(in expr: HCL.Expression) -> [Traversal] {
        var out: [Traversal] = []
        walk(expr, bound: [], &out)
        return out
    }

    static func walk(_ e: HCL.Expression, bound: Set<String>, _ out: inout [Traversal]) {
        switch e.kind {
        case .literal, .splatItem, .invalid: break
        case .template(let parts): walkParts(parts, bound: bound, &out)
        case .templateWrap(let i), .parentheses(let i): walk(i, bound: bound, &out)
        case .scopeTraversal(let t): if !bound.contains(t.rootName) { out.append(t) }
        case .relativeTraversal(let s, _): walk(s, bound: bound, &out)
        case .functionCall(let c): for a in c.arguments { walk(a, bound: bound, &out) }
        case .conditional(let c, let t, let f): walk(c, bound: bound, &out); walk(t, bound: bound, &out); walk(f, bound: bound, &out)
        case .binaryOp(_, let l, let r): walk(l, bound: bound, &out); walk(r, bound: bound, &out)
        case .unaryOp(_, let o, _): walk(o, bound: bound, &out)
        case .tuple(let items): for i in items { walk(i, bound: bound, &out) }
        case .object(let items):
            for i in items {
                if i.key.bareIdentifier == nil { walk(i.key.expression, bound: bound, &out) }
                walk(i.value, bound: bound, &out)
            }
        case .forExpr(let f):
            walk(f.collection, bound: bound, &out)
            var inner = bound
            inner.insert(f.valueVariable)
            if let k = f.keyVariable { inner.insert(k) }
            if let k = f.keyExpression { walk(k, bound: inner, &out) }
            walk(f.valueExpression, bound: inner, &out)
            if let c = f.condition { walk(c, bound: inner, &out) }
        case .index(let c, let k, _): walk(c, bound: bound, &out); walk(k, bound: bound, &out)
        case .splat(let s, let each, _, _): walk(s, bound: bound, &out); walk(each, bound: bound, &out)
        }
    }

    static func walkParts(_ parts: [TemplatePart], bound: Set<String>, _ out: inout [Traversal]) {
        for p in parts {
            switch p {
            case .literal: break
            case .interpolation(let i): walk(i.expression, bound: bound, &out)
            case .conditional(let c):
                walk(c.condition, bound: bound, &out)
                walkParts(c.thenParts, bound: bound, &out)
                walkParts(c.elseParts, bound: bound, &out)
            case .forLoop(let f):
                walk(f.collection, bound: bound, &out)
                var inner = bound
                inner.insert(f.valueVariable)
                if let k = f.keyVariable { inner.insert(k) }
                walkParts(f.body, bound: inner, &out)
            }
        }
    }
}
