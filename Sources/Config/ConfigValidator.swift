import HCL
import Values

/// The static checks of `terraform validate` that need no values: references
/// to declared objects, meta-argument contexts, and resource bodies against
/// their provider's schema.
public struct ConfigValidator {
    public var tree: ConfigTree

    public init(tree: ConfigTree) {
        self.tree = tree
    }

    /// The provider source a local name stands for in a module.
    public static func providerSource(localName: String, in module: ConfigModule) -> String {
        if let req = module.requiredProviders[localName] { return req.source }
        if localName == "terraform" { return "terraform.io/builtin/terraform" }
        return "hashicorp/\(localName)"
    }

    public func validate() -> Diagnostics {
        var diags = Diagnostics()
        for node in tree.allModules {
            validateModule(node, diags: &diags)
        }
        return diags
    }

    struct Scope {
        var hasCount = false
        var hasForEach = false
        var allowSelf = false
        /// Names bound by enclosing `dynamic` blocks (their iterators).
        var bound: Set<String> = []
    }

    func moduleDisplay(_ node: ConfigTree) -> String {
        node.path.isEmpty ? "the root module" : node.path.map { "module.\($0)" }.joined(separator: ".")
    }

    func validateModule(_ node: ConfigTree, diags: inout Diagnostics) {
        let m = node.module
        func check(_ expr: Expression?, _ scope: Scope) {
            guard let expr else { return }
            checkReferences(expr, scope: scope, node: node, diags: &diags)
        }
        for v in m.variables.values.sorted(by: { $0.name < $1.name }) {
            validateVariableDeclaration(v, diags: &diags)
            for rule in v.validations {
                check(rule.condition, Scope())
                check(rule.errorMessage, Scope())
            }
        }
        for l in m.locals.values.sorted(by: { $0.name < $1.name }) { check(l.expression, Scope()) }
        for o in m.outputs.values.sorted(by: { $0.name < $1.name }) {
            check(o.expression, Scope())
            for rule in o.preconditions {
                check(rule.condition, Scope())
                check(rule.errorMessage, Scope())
            }
            for dep in o.dependsOn { checkDependsOn(dep, node: node, diags: &diags) }
        }
        for call in m.moduleCalls.values.sorted(by: { $0.name < $1.name }) {
            let scope = Scope(hasCount: call.count != nil, hasForEach: call.forEach != nil)
            check(call.count, Scope())
            check(call.forEach, Scope())
            for input in call.inputs { check(input.expression, scope) }
            for dep in call.dependsOn { checkDependsOn(dep, node: node, diags: &diags) }
            validateModuleInputs(call, node: node, diags: &diags)
        }
        for p in m.providerConfigs.values.sorted(by: { $0.key < $1.key }) {
            for attr in p.config.attributes where !p.config.hiddenAttributes.contains(attr.name) {
                check(attr.expression, Scope())
            }
        }
        for r in m.resources.values.sorted(by: { $0.address < $1.address }) {
            validateResource(r, node: node, diags: &diags)
            let scope = Scope(hasCount: r.count != nil, hasForEach: r.forEach != nil)
            check(r.count, Scope())
            check(r.forEach, Scope())
            walkBody(r.config, scope: scope) { expr, s in check(expr, s) }
            for rule in r.lifecycle.preconditions {
                check(rule.condition, scope)
                check(rule.errorMessage, scope)
            }
            var postScope = scope
            postScope.allowSelf = true
            for rule in r.lifecycle.postconditions {
                check(rule.condition, postScope)
                check(rule.errorMessage, postScope)
            }
            for p in r.provisioners {
                // `when` and `on_failure` hold keywords, not references.
                walkBody(p.body.partialContent(schema: ConfigSchemas.provisioner).1, scope: postScope) { expr, s in check(expr, s) }
                if let c = p.connection { walkBody(c, scope: postScope) { expr, s in check(expr, s) } }
            }
            if let c = r.connection {
                walkBody(c, scope: postScope) { expr, s in check(expr, s) }
            }
            for dep in r.dependsOn { checkDependsOn(dep, node: node, diags: &diags) }
        }
        for c in m.checks.values.sorted(by: { $0.name < $1.name }) {
            for rule in c.asserts {
                check(rule.condition, Scope())
                check(rule.errorMessage, Scope())
            }
        }
    }

    /// The type constraint parses and the default, if any, conforms to it.
    func validateVariableDeclaration(_ v: VariableDecl, diags: inout Diagnostics) {
        var type = ValueType.dynamic
        var defaults: TypeDefaults?
        if let typeExpr = v.typeExpression {
            if typeExpr.jsonNode == nil, let quoted = typeExpr.asStringLiteral {
                // Terraform 0.11 wrote type constraints in quotes.
                switch quoted {
                case "string":
                    diags += .error("Invalid quoted type constraints", "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around \"string\".", subject: typeExpr.range)
                case "list":
                    diags += .error("Invalid quoted type constraints", "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around \"list\" and write list(string) instead to explicitly indicate that the list elements are strings.", subject: typeExpr.range)
                case "map":
                    diags += .error("Invalid quoted type constraints", "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around \"map\" and write map(string) instead to explicitly indicate that the map elements are strings.", subject: typeExpr.range)
                default:
                    diags += .error("Invalid legacy variable type hint", "To provide a full type expression, remove the surrounding quotes and give the type expression directly.", subject: typeExpr.range)
                }
                return
            }
            let (t, d, typeDiags) = TypeConstraint.parse(typeExpr)
            diags += typeDiags
            if typeDiags.hasErrors { return }
            type = t
            defaults = d
        }
        guard let defaultExpr = v.defaultExpression else { return }
        let (value, valueDiags) = Evaluator.evaluate(defaultExpr, in: .constantsOnly)
        diags += valueDiags
        if valueDiags.hasErrors { return }
        do {
            _ = try TypeConstraint.convert(value, to: type, defaults: value.isNull ? nil : defaults)
        } catch {
            switch v.override {
            case let (range, type, def)? where type && !def:
                diags += .error("Invalid default value for variable",
                                "Overriding this variable's type constraint has made its default value invalid: \(error).", subject: range)
            case let (range, type, def)? where !type && def:
                diags += .error("Invalid default value for variable",
                                "The overridden default value for this variable is not compatible with the variable's type constraint: \(error).",
                                subject: range)
            case let (range, _, _)?:
                diags += .error("Invalid default value for variable",
                                "This variable's default value is not compatible with its type constraint: \(error).", subject: range)
            case nil:
                diags += .error("Invalid default value for variable",
                                "This default value is not compatible with the variable's type constraint: \(error).",
                                subject: defaultExpr.range)
            }
        }
    }

    /// Visits every expression in a body (nested blocks and `dynamic` blocks
    /// included), with dynamic iterators bound inside their `content`.
    func walkBody(_ body: Body, scope: Scope, _ visit: (Expression, Scope) -> Void) {
        for attr in body.attributes where !body.hiddenAttributes.contains(attr.name) {
            visit(attr.expression, scope)
        }
        for block in body.blocks where !body.hiddenBlockTypes.contains(block.type) {
            if block.type == "dynamic" {
                let iterator = block.body.attribute(named: "iterator")?.expression.asTraversal?.rootName ?? block.labels.first?.value ?? ""
                var inner = scope
                inner.bound.insert(iterator)
                for attr in block.body.attributes where attr.name != "iterator" {
                    visit(attr.expression, attr.name == "for_each" ? scope : inner)
                }
                for content in block.body.blocks where content.type == "content" {
                    walkBody(content.body, scope: inner, visit)
                }
            } else {
                walkBody(block.body, scope: scope, visit)
            }
        }
    }

    func checkReferences(_ expr: Expression, scope: Scope, node: ConfigTree, diags: inout Diagnostics) {
        let m = node.module
        for t in ReferenceParser.traversals(in: expr) where !scope.bound.contains(t.rootName) {
            let (ref, parseDiags) = ReferenceParser.parse(t)
            diags += parseDiags
            guard let ref else { continue }
            switch ref.subject {
            case .inputVariable(let name):
                if m.variables[name] == nil {
                    var suggestion = " This variable can be declared with a variable \"\(name)\" {} block."
                    if let s = nameSuggestion(name, m.variables.keys.sorted()) { suggestion = " Did you mean \"\(s)\"?" }
                    diags += .error("Reference to undeclared input variable",
                                    "An input variable with the name \"\(name)\" has not been declared.\(suggestion)", subject: ref.range)
                }
            case .localValue(let name):
                if m.locals[name] == nil {
                    var suggestion = ""
                    if let s = nameSuggestion(name, m.locals.keys.sorted()) { suggestion = " Did you mean \"\(s)\"?" }
                    diags += .error("Reference to undeclared local value",
                                    "A local value with the name \"\(name)\" has not been declared.\(suggestion)", subject: ref.range)
                }
            case .moduleCall(let name), .moduleOutput(let name, _):
                if m.moduleCalls[name] == nil {
                    var suggestion = ""
                    if let s = nameSuggestion(name, m.moduleCalls.keys.sorted()) { suggestion = " Did you mean \"\(s)\"?" }
                    diags += .error("Reference to undeclared module",
                                    "No module call named \"\(name)\" is declared in \(moduleDisplay(node)).\(suggestion)", subject: ref.range)
                } else if case .moduleOutput(let callName, let output) = ref.subject, let child = node.children[callName],
                          child.module.outputs[output] == nil {
                    diags += .error("Unsupported attribute",
                                    "This object does not have an attribute named \"\(output)\".", subject: ref.lastStepRange ?? ref.range)
                }
            case .resource(let mode, let type, let name, let hasKey):
                let address = mode == .managed ? "\(type).\(name)" : (mode == .data ? "data.\(type).\(name)" : "ephemeral.\(type).\(name)")
                guard let decl = m.resources[address] else {
                    let adjective = mode == .managed ? "managed" : (mode == .data ? "data" : "ephemeral")
                    let article = mode == .ephemeral ? "An" : "A"
                    var suggestion = ""
                    if mode == .managed, m.resources["data.\(type).\(name)"] != nil {
                        suggestion = "\n\nDid you mean the data resource data.\(type).\(name)?"
                    }
                    diags += .error("Reference to undeclared resource",
                                    "\(article) \(adjective) resource \"\(type)\" \"\(name)\" has not been declared in \(moduleDisplay(node)).\(suggestion)",
                                    subject: ref.range)
                    continue
                }
                if hasKey && decl.count == nil && decl.forEach == nil {
                    diags += .error("Unexpected resource instance key",
                                    "Because \(address) does not have \"count\" or \"for_each\" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.",
                                    subject: ref.range)
                } else if !hasKey, let first = ref.remaining.first, case .attribute(let attrName) = first.kind {
                    if decl.count != nil {
                        diags += .error("Missing resource instance key",
                                        "Because \(address) has \"count\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(address)[count.index]",
                                        subject: ref.range)
                    } else if decl.forEach != nil {
                        diags += .error("Missing resource instance key",
                                        "Because \(address) has \"for_each\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(address)[each.key]",
                                        subject: ref.range)
                    } else if attrName == "count" {
                        diags += .error("Invalid resource count attribute",
                                        "The special \"count\" attribute is no longer supported after Terraform v0.12. Instead, use length(\(address)) to count resource instances.",
                                        subject: ref.range)
                    }
                }
            case .countAttribute(let name):
                if name != "index" {
                    diags += .error("Invalid \"count\" attribute",
                                    "The \"count\" object does not have an attribute named \"\(name)\". The only supported attribute is count.index, which is the index of each instance of a resource block that has the \"count\" argument set.",
                                    subject: ref.range)
                } else if !scope.hasCount {
                    diags += .error("Reference to \"count\" in non-counted context",
                                    "The \"count\" object can only be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument is set.",
                                    subject: ref.range)
                }
            case .eachAttribute(let name):
                if name != "key" && name != "value" {
                    diags += .error("Invalid \"each\" attribute",
                                    "The \"each\" object does not have an attribute named \"\(name)\". The supported attributes are each.key and each.value, the current key and value pair of the \"for_each\" attribute set.",
                                    subject: ref.range)
                } else if !scope.hasForEach {
                    diags += .error("Reference to \"each\" in context without for_each",
                                    "The \"each\" object can be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.",
                                    subject: ref.range)
                }
            case .pathAttribute(let name):
                if !["cwd", "module", "root"].contains(name) {
                    diags += .error("Invalid \"path\" attribute",
                                    "The \"path\" object does not have an attribute named \"\(name)\". The supported attributes are path.cwd, path.module, and path.root.",
                                    subject: ref.range)
                }
            case .terraformAttribute(let name):
                if name != "workspace" {
                    diags += .error("Invalid \"terraform\" attribute",
                                    "The \"terraform\" object does not have an attribute named \"\(name)\". The only supported attribute is terraform.workspace, the name of the currently-selected workspace.",
                                    subject: ref.range)
                }
            case .selfObject:
                if !scope.allowSelf {
                    diags += .error("Invalid \"self\" reference",
                                    "The \"self\" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.",
                                    subject: ref.range)
                }
            }
        }
    }

    func checkDependsOn(_ t: Traversal, node: ConfigTree, diags: inout Diagnostics) {
        let expr = Expression(.scopeTraversal(t), range: t.steps.last.map { t.rootRange.through($0.range) } ?? t.rootRange)
        checkReferences(expr, scope: Scope(), node: node, diags: &diags)
    }

    func validateModuleInputs(_ call: ModuleCallDecl, node: ConfigTree, diags: inout Diagnostics) {
        guard let child = node.children[call.name] else { return }
        let given = Set(call.inputs.map(\.name))
        for input in call.inputs where child.module.variables[input.name] == nil {
            var suggestion = ""
            if let s = nameSuggestion(input.name, child.module.variables.keys.sorted()) { suggestion = " Did you mean \"\(s)\"?" }
            if input.expression.jsonNode != nil {
                diags += .error("Extraneous JSON object property", "No argument or block type is named \"\(input.name)\".\(suggestion)",
                                subject: input.nameRange)
                continue
            }
            diags += .error("Unsupported argument", "An argument named \"\(input.name)\" is not expected here.\(suggestion)",
                            subject: input.nameRange)
        }
        for v in child.module.variables.values.sorted(by: { $0.name < $1.name }) where v.defaultExpression == nil && !given.contains(v.name) {
            diags += .error("Missing required argument", "The argument \"\(v.name)\" is required, but no definition was found.",
                            subject: call.missingItemRange)
        }
    }

    // MARK: resource bodies against provider schemas

    func validateResource(_ r: ResourceDecl, node: ConfigTree, diags: inout Diagnostics) {
        let source = Self.providerSource(localName: r.providerLocalName, in: node.module)
        let display: String
        let provider: ProviderSchema?
        switch ProviderSourceAddress.parse(source) {
        case .failure(let error):
            diags += .error(error.summary, error.detail, subject: r.declRange)
            return
        case .success(let address):
            display = address.forDisplay
            provider = try? ProviderSchemas.schema(for: address)
        }
        guard let provider else {
            diags += .error("Failed to query available provider packages",
                            "Could not retrieve the list of available versions for provider \(display): provider \(display) is not built into Terraswift.",
                            subject: r.declRange)
            return
        }
        let table: [String: ProviderSchema.VersionedBlock]
        switch r.mode {
        case .managed: table = provider.resourceSchemas
        case .data: table = provider.dataSourceSchemas
        case .ephemeral: table = provider.ephemeralResourceSchemas
        }
        guard let schema = table[r.type] else {
            var suggestion = ""
            if let s = nameSuggestion(r.type, table.keys.sorted()) { suggestion = " Did you mean \"\(s)\"?" }
            switch r.mode {
            case .managed:
                diags += .error("Invalid resource type", "The provider \(display) does not support resource type \"\(r.type)\".\(suggestion)", subject: r.typeRange)
            case .data:
                diags += .error("Invalid data source", "The provider \(display) does not support data source \"\(r.type)\".\(suggestion)", subject: r.typeRange)
            case .ephemeral:
                diags += .error("Invalid ephemeral resource", "The provider \(display) does not support ephemeral resource \"\(r.type)\".", subject: r.typeRange)
            }
            return
        }
        validateBody(r.config, against: schema.block, builtinProvider: provider.address.hasPrefix("terraform.io/builtin/"), diags: &diags)
    }

    func validateBody(_ body: Body, against block: ProviderSchema.Block, builtinProvider: Bool = false,
                      diags: inout Diagnostics) {
        var schema = BodySchema()
        for name in block.attributeNames {
            guard let a = block.attributes[name] else { continue }
            schema.attributes.append(.init(name, required: a.required))
        }
        for name in block.blockTypeNames {
            guard let b = block.blockTypes[name] else { continue }
            schema.blocks.append(.init(name, labels: b.nestingMode == .map ? ["key"] : []))
        }
        schema.blocks.append(.init("dynamic", labels: ["type"]))
        let (content, d) = body.content(schema: schema)
        diags += d
        for name in content.attributes.keys.sorted() {
            guard let attr = content.attributes[name], let a = block.attributes[name], a.computed, !a.optional, !a.required else { continue }
            if builtinProvider {
                // The built-in provider reports these itself, without a source range.
                diags += .error("\"\(name)\" attribute is read-only")
            } else {
                diags += .error("Value for unconfigurable attribute",
                                "Can't configure a value for \"\(name)\": its value will be decided automatically based on the result of applying this configuration.",
                                subject: attr.expression.range)
            }
        }
        var counts: [String: [Block]] = [:]
        for b in content.blocks {
            if b.type == "dynamic" {
                let target = b.labels.first?.value ?? ""
                guard let nested = block.blockTypes[target] else {
                    diags += .error("Unsupported block type", "Blocks of type \"\(target)\" are not expected here.", subject: b.labels.first?.range ?? b.typeRange)
                    continue
                }
                var contents = b.body.blocks.filter { $0.type == "content" }
                if b.body.json != nil {
                    // In JSON only the dynamic block's own schema tells `content` from an argument.
                    let (dc, dd) = b.body.content(schema: BodySchema(attributes: [.init("for_each", required: true), .init("iterator"), .init("labels")],
                                                                     blocks: [.init("content")]))
                    diags += dd
                    contents = dc.blocks
                }
                for inner in contents {
                    validateBody(inner.body, against: nested.block, diags: &diags)
                }
                // Dynamic blocks may produce any number of blocks: not counted.
                counts[target, default: []] += []
                continue
            }
            guard let nested = block.blockTypes[b.type] else { continue }
            counts[b.type, default: []].append(b)
            validateBody(b.body, against: nested.block, diags: &diags)
        }
        let dynamicTypes = Set(content.blocks.filter { $0.type == "dynamic" }.compactMap { $0.labels.first?.value })
        for name in block.blockTypeNames {
            guard let nested = block.blockTypes[name], !dynamicTypes.contains(name) else { continue }
            let found = counts[name] ?? []
            switch nested.nestingMode {
            case .single, .group:
                if found.count > 1 {
                    diags += .error("Duplicate \(name) block",
                                    "Only one block of type \"\(name)\" is allowed. Previous definition was at \(rangeText(found[0].definitionRange)).",
                                    subject: found[1].definitionRange)
                } else if found.isEmpty && nested.minItems > 0 {
                    diags += .error("Missing \(name) block", "A block of type \"\(name)\" is required here.", subject: content.missingItemRange)
                }
            default:
                if found.count < nested.minItems {
                    diags += .error("Insufficient \(name) blocks", "At least \(nested.minItems) \"\(name)\" blocks are required.",
                                    subject: content.missingItemRange)
                } else if nested.maxItems > 0 && found.count > nested.maxItems {
                    diags += .error("Too many \(name) blocks", "No more than \(nested.maxItems) \"\(name)\" blocks are allowed",
                                    subject: found[nested.maxItems].definitionRange)
                }
            }
        }
    }
}
