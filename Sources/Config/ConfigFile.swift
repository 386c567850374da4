import HCL

/// Everything one configuration file declares, decoded with terraform's rules
/// and messages. A module is the merge of its files.
public struct ConfigFile: Sendable {
    public var filename: String
    public var requiredVersions: [(String, SourceRange)] = []
    public var requiredProviders: [RequiredProvider] = []
    public var backends: [BackendDecl] = []
    public var providerConfigs: [ProviderConfigDecl] = []
    public var variables: [VariableDecl] = []
    public var locals: [LocalDecl] = []
    public var outputs: [OutputDecl] = []
    public var moduleCalls: [ModuleCallDecl] = []
    public var resources: [ResourceDecl] = []
    public var moved: [MovedDecl] = []
    public var removed: [RemovedDecl] = []
    public var imports: [ImportDecl] = []
    public var checks: [CheckDecl] = []
    /// Top-level block ranges and headers, for diagnostic snippets.
    public var topLevelBlocks: [(range: Range<Int>, header: String)] = []

    public init(filename: String) {
        self.filename = filename
    }
}

let badIdentifierDetail = "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes."

/// HCL identifiers: a letter or `_`, then letters, digits, `_` and `-`.
public func isValidIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first else { return false }
    let isStart = first.properties.isIDStart || first == "_"
    guard isStart else { return false }
    return s.unicodeScalars.dropFirst().allSatisfy { $0.properties.isIDContinue || $0 == "-" || $0 == "_" }
}

enum ConfigSchemas {
    static let file = BodySchema(blocks: [
        .init("terraform"), .init("required_providers"), .init("provider", labels: ["name"]),
        .init("variable", labels: ["name"]), .init("locals"), .init("output", labels: ["name"]),
        .init("module", labels: ["name"]), .init("resource", labels: ["type", "name"]),
        .init("data", labels: ["type", "name"]), .init("ephemeral", labels: ["type", "name"]),
        .init("moved"), .init("removed"), .init("import"), .init("check", labels: ["name"]),
    ])
    /// How a `.tf.json` file's top level reads as blocks (their insides are read when decoded).
    static let fileShape = JSONBodyShape(blocks: Dictionary(uniqueKeysWithValues: file.blocks.map {
        ($0.type, JSONBodyShape.BlockShape(labelNames: $0.labelNames))
    }))
    static let terraform = BodySchema(
        attributes: [.init("required_version"), .init("experiments"), .init("language")],
        blocks: [.init("backend", labels: ["type"]), .init("cloud"), .init("required_providers"),
                 .init("provider_meta", labels: ["provider"])])
    static let variable = BodySchema(
        attributes: [.init("description"), .init("default"), .init("type"), .init("sensitive"), .init("ephemeral"), .init("nullable")],
        blocks: [.init("validation")])
    static let output = BodySchema(
        attributes: [.init("description"), .init("value", required: true), .init("depends_on"), .init("sensitive"), .init("ephemeral")],
        blocks: [.init("precondition"), .init("postcondition")])
    static let checkRule = BodySchema(attributes: [.init("condition", required: true), .init("error_message", required: true)])
    static let resourceMeta = BodySchema(
        attributes: [.init("count"), .init("for_each"), .init("provider"), .init("depends_on")],
        blocks: [.init("locals"), .init("lifecycle"), .init("connection"), .init("provisioner", labels: ["type"]), .init("_")])
    static let dataMeta = BodySchema(
        attributes: [.init("count"), .init("for_each"), .init("provider"), .init("depends_on")],
        blocks: [.init("lifecycle"), .init("locals"), .init("_")])
    static let lifecycle = BodySchema(
        attributes: [.init("create_before_destroy"), .init("prevent_destroy"), .init("ignore_changes"), .init("replace_triggered_by")],
        blocks: [.init("precondition"), .init("postcondition")])
    static let dataLifecycle = BodySchema(
        attributes: [.init("create_before_destroy"), .init("prevent_destroy"), .init("ignore_changes"), .init("replace_triggered_by")],
        blocks: [.init("precondition"), .init("postcondition")])
    static let provisioner = BodySchema(
        attributes: [.init("when"), .init("on_failure")],
        blocks: [.init("connection"), .init("lifecycle"), .init("_")])
    static let module = BodySchema(
        attributes: [.init("source", required: true), .init("version"), .init("count"), .init("for_each"), .init("depends_on"), .init("providers")],
        blocks: [.init("_"), .init("lifecycle"), .init("locals"), .init("provider", labels: ["type"])])
    static let provider = BodySchema(
        attributes: [.init("alias"), .init("version"), .init("count"), .init("depends_on"), .init("for_each"), .init("source")],
        blocks: [.init("_"), .init("lifecycle"), .init("locals")])
    static let moved = BodySchema(attributes: [.init("from", required: true), .init("to", required: true)])
    static let removed = BodySchema(attributes: [.init("from", required: true)],
                                    blocks: [.init("lifecycle"), .init("connection"), .init("provisioner", labels: ["type"])])
    static let removedLifecycle = BodySchema(attributes: [.init("destroy")])
    static let importBlock = BodySchema(attributes: [.init("provider"), .init("for_each"), .init("id", required: true), .init("to", required: true)])
    static let check = BodySchema(blocks: [.init("data", labels: ["type", "name"]), .init("assert")])
}

/// Decodes one parsed file into declarations.
public enum ConfigFileDecoder {
    public static func decode(_ file: File, override: Bool = false) -> (ConfigFile, Diagnostics) {
        var result = ConfigFile(filename: file.filename)
        var diags = Diagnostics()
        let (content, contentDiags) = file.body.content(schema: ConfigSchemas.file)
        diags += contentDiags
        for block in file.body.blocks {
            let header = ([block.type] + block.labels.map { "\"\($0.value)\"" }).joined(separator: " ")
            result.topLevelBlocks.append((block.range.start.byte..<block.range.end.byte, header))
        }
        for block in content.blocks {
            switch block.type {
            case "terraform":
                decodeTerraformBlock(block, into: &result, diags: &diags)
            case "required_providers":
                diags += .error("Invalid required_providers block",
                                "A \"required_providers\" block must be nested inside a \"terraform\" block.", subject: block.typeRange)
            case "provider":
                if let p = decodeProvider(block, diags: &diags) { result.providerConfigs.append(p) }
            case "variable":
                result.variables.append(decodeVariable(block, override: override, diags: &diags))
            case "locals":
                let (attrs, d) = block.body.justAttributes()
                diags += d
                for attr in attrs {
                    if !isValidIdentifier(attr.name) {
                        diags += .error("Invalid local value name", badIdentifierDetail, subject: attr.nameRange)
                    }
                    result.locals.append(LocalDecl(name: attr.name, expression: attr.expression, declRange: attr.range))
                }
            case "output":
                result.outputs.append(decodeOutput(block, override: override, diags: &diags))
            case "module":
                result.moduleCalls.append(decodeModuleCall(block, diags: &diags))
            case "resource":
                result.resources.append(decodeResource(block, mode: .managed, diags: &diags))
            case "data":
                result.resources.append(decodeResource(block, mode: .data, diags: &diags))
            case "ephemeral":
                result.resources.append(decodeResource(block, mode: .ephemeral, diags: &diags))
            case "moved":
                if let m = decodeMoved(block, diags: &diags) { result.moved.append(m) }
            case "removed":
                if let r = decodeRemoved(block, diags: &diags) { result.removed.append(r) }
            case "import":
                if let i = decodeImport(block, diags: &diags) { result.imports.append(i) }
            case "check":
                if override {
                    diags += .error("Can't override check blocks", "Override files cannot override check blocks.", subject: block.definitionRange)
                    continue
                }
                result.checks.append(decodeCheck(block, diags: &diags))
            default:
                break
            }
        }
        return (result, diags)
    }

    // MARK: terraform block

    static func decodeTerraformBlock(_ block: Block, into result: inout ConfigFile, diags: inout Diagnostics) {
        let (content, d) = block.body.content(schema: ConfigSchemas.terraform)
        diags += d
        if let attr = content.attributes["required_version"] {
            let (v, vd) = StaticValue.string(attr)
            diags += vd
            if let v { result.requiredVersions.append((v, attr.expression.range)) }
        }
        if let attr = content.attributes["experiments"] {
            // Release builds of terraform accept no experiments at all.
            diags += .error("Module uses experimental features",
                            "Experimental features are intended only for gathering early feedback on new language designs, and so are available only in alpha releases of Terraform.",
                            subject: attr.nameRange)
        }
        for inner in content.blocks {
            switch inner.type {
            case "backend":
                result.backends.append(BackendDecl(type: inner.labels.first?.value ?? "", config: inner.body,
                                                   declRange: inner.definitionRange, typeRange: inner.labels.first?.range ?? inner.typeRange))
            case "required_providers":
                decodeRequiredProviders(inner, into: &result, diags: &diags)
            case "cloud":
                diags += .error("Unsupported cloud block",
                                "HCP Terraform configuration (the \"cloud\" block) is not supported by Terraswift; use a backend block instead.",
                                subject: inner.typeRange)
            default:
                break
            }
        }
    }

    static func decodeRequiredProviders(_ block: Block, into result: inout ConfigFile, diags: inout Diagnostics) {
        let (attrs, d) = block.body.justAttributes()
        diags += d
        for attr in attrs {
            var req = RequiredProvider(localName: attr.name, source: "", declRange: attr.range)
            if !isValidProviderLocalName(attr.name) {
                diags += .error("Invalid provider local name",
                                "\(attr.name) is an invalid provider local name: must contain only letters, digits, and dashes, and may not use leading or trailing dashes",
                                subject: attr.nameRange)
                continue
            }
            switch attr.expression.kind {
            case .object(let items):
                for item in items {
                    let key = item.key.bareIdentifier ?? item.key.expression.asStringLiteral ?? ""
                    switch key {
                    case "source":
                        if let s = item.value.asStringLiteral { req.source = s } else {
                            diags += .error("Invalid source", "Source must be specified as a string.", subject: item.value.range)
                        }
                    case "version":
                        if let s = item.value.asStringLiteral { req.version = s } else {
                            diags += .error("Invalid version constraint", "Version must be specified as a string.", subject: item.value.range)
                        }
                    case "configuration_aliases":
                        guard case .tuple(let refs) = item.value.kind else {
                            diags += .error("Invalid configuration_aliases value",
                                            "Configuration aliases can only contain references to local provider configuration names in the format of provider.alias",
                                            subject: item.value.range)
                            continue
                        }
                        for ref in refs {
                            guard let t = ref.asTraversal, t.steps.count == 1, case .attribute(let alias) = t.steps[0].kind else {
                                diags += .error("Invalid configuration_aliases value",
                                                "Configuration aliases can only contain references to local provider configuration names in the format of provider.alias",
                                                subject: ref.range)
                                continue
                            }
                            if t.rootName != attr.name {
                                diags += .error("Invalid configuration_aliases value",
                                                "Configuration aliases must be prefixed with the provider name. Expected \"\(attr.name)\", but found \"\(t.rootName)\".",
                                                subject: ref.range)
                            }
                            req.configurationAliases.append(ProviderConfigRef(name: t.rootName, alias: alias, range: ref.range))
                        }
                    default:
                        diags += .error("Invalid required_providers object",
                                        "required_providers objects can only contain \"version\", \"source\" and \"configuration_aliases\" attributes. To configure a provider, use a \"provider\" block.",
                                        subject: item.key.range)
                    }
                }
            default:
                if let s = attr.expression.asStringLiteral {
                    // The legacy form: a version constraint string.
                    req.version = s
                } else {
                    diags += .error("Invalid required_providers object", "required_providers entries must be strings or objects.",
                                    subject: attr.expression.range)
                    continue
                }
            }
            if req.source.isEmpty { req.source = "hashicorp/\(attr.name)" }
            result.requiredProviders.append(req)
        }
    }

    static func isValidProviderLocalName(_ s: String) -> Bool {
        guard let f = s.first, let l = s.last, f != "-", l != "-" else { return false }
        return s.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") && $0.isASCII }
    }

    // MARK: provider

    static func decodeProvider(_ block: Block, diags: inout Diagnostics) -> ProviderConfigDecl? {
        let name = block.labels.first?.value ?? ""
        let (content, rest, d) = block.body.partialContent(schema: ConfigSchemas.provider)
        diags += d
        var decl = ProviderConfigDecl(name: name, declRange: block.definitionRange,
                                      nameRange: block.labels.first?.range ?? block.typeRange, config: rest)
        if !isValidProviderLocalName(name) {
            diags += .error("Invalid provider local name", "\(name) is an invalid provider local name", subject: decl.nameRange)
        }
        if let attr = content.attributes["alias"] {
            let alias: String?
            if let t = attr.expression.asTraversal, t.steps.isEmpty { alias = t.rootName } else {
                let (s, sd) = StaticValue.string(attr)
                diags += sd
                alias = s
            }
            if let alias, !isValidIdentifier(alias) {
                diags += .error("Invalid provider configuration alias", "An alias must be a valid name. \(badIdentifierDetail)", subject: attr.expression.range)
            }
            decl.alias = alias
        }
        if let attr = content.attributes["version"] {
            diags += .warning("Version constraints inside provider configuration blocks are deprecated",
                              "Terraform 0.13 and earlier allowed provider version constraints inside the provider configuration block, but that is now deprecated and will be removed in a future version of Terraform. To silence this warning, move the provider version constraint into the required_providers block.",
                              subject: attr.expression.range)
            decl.version = StaticValue.string(attr).0
        }
        for reserved in ["count", "depends_on", "for_each", "source"] {
            if let attr = content.attributes[reserved] {
                diags += .error("Reserved argument name in provider block",
                                "The provider argument name \"\(reserved)\" is reserved for use by Terraform in a future version.",
                                subject: attr.nameRange)
            }
        }
        for inner in content.blocks where inner.type != "_" {
            diags += .error("Reserved block type name in provider block",
                            "The block type name \"\(inner.type)\" is reserved for use by Terraform in a future version.",
                            subject: inner.typeRange)
        }
        return decl
    }

    // MARK: variable / output

    static func decodeVariable(_ block: Block, override: Bool, diags: inout Diagnostics) -> VariableDecl {
        let name = block.labels.first?.value ?? ""
        let nameRange = block.labels.first?.range ?? block.typeRange
        var v = VariableDecl(name: name, declRange: block.definitionRange, nameRange: nameRange)
        let (content, d) = block.body.content(schema: ConfigSchemas.variable)
        diags += d
        if !isValidIdentifier(name) {
            diags += .error("Invalid variable name", badIdentifierDetail, subject: nameRange)
        }
        let reserved = ConfigSchemas.module.attributes.map(\.name) + ConfigSchemas.module.blocks.map(\.type)
        if reserved.contains(name) {
            diags += .error("Invalid variable name",
                            "The variable name \"\(name)\" is reserved due to its special meaning inside module blocks.", subject: nameRange)
        }
        if let attr = content.attributes["description"] {
            let (s, sd) = StaticValue.string(attr)
            diags += sd
            v.description = s
            v.set.insert("description")
        }
        if let attr = content.attributes["type"] {
            v.typeExpression = attr.expression
            if case .string(let text, let r) = attr.expression.jsonNode {
                // In JSON a type constraint is a string holding native syntax (hcl/json's
                // keyword and static-call readings parse it from the opening quote).
                let (parsed, pd) = Parser.parseExpression(Array(text.utf8), filename: r.filename, start: r.start)
                if !pd.hasErrors {
                    var e = parsed
                    e.range = attr.expression.range
                    v.typeExpression = e
                }
            }
            v.set.insert("type")
        }
        for (key, apply) in [("sensitive", { (v: inout VariableDecl, b: Bool) in v.sensitive = b }),
                             ("ephemeral", { (v: inout VariableDecl, b: Bool) in v.ephemeral = b }),
                             ("nullable", { (v: inout VariableDecl, b: Bool) in v.nullable = b })] {
            guard let attr = content.attributes[key] else { continue }
            let (b, bd) = StaticValue.bool(attr)
            diags += bd
            if let b { apply(&v, b) }
            v.set.insert(key)
        }
        if let attr = content.attributes["default"] {
            // terraform reads a default without an evaluation context: JSON strings stay literal.
            v.defaultExpression = attr.expression.jsonNode.map { JSONExpression(node: $0).literalExpression() } ?? attr.expression
            v.set.insert("default")
            if !v.nullable, case .literal(.null) = attr.expression.kind {
                diags += .error("Invalid default value for variable", "A null default value is not valid when nullable=false.",
                                subject: attr.expression.range)
            }
        }
        for inner in content.blocks where inner.type == "validation" {
            let rule = decodeCheckRule(inner, diags: &diags)
            v.validations.append(rule)
        }
        return v
    }

    static func decodeCheckRule(_ block: Block, diags: inout Diagnostics) -> CheckRule {
        let (content, d) = block.body.content(schema: ConfigSchemas.checkRule)
        diags += d
        return CheckRule(kind: block.type, condition: content.attributes["condition"]?.expression,
                         errorMessage: content.attributes["error_message"]?.expression, declRange: block.definitionRange)
    }

    static func decodeOutput(_ block: Block, override: Bool, diags: inout Diagnostics) -> OutputDecl {
        let name = block.labels.first?.value ?? ""
        var o = OutputDecl(name: name, declRange: block.definitionRange)
        let schema = override
            ? BodySchema(attributes: ConfigSchemas.output.attributes.map { .init($0.name) }, blocks: ConfigSchemas.output.blocks)
            : ConfigSchemas.output
        let (content, d) = block.body.content(schema: schema)
        diags += d
        if !isValidIdentifier(name) {
            diags += .error("Invalid output name", badIdentifierDetail, subject: block.labels.first?.range ?? block.typeRange)
        }
        if let attr = content.attributes["description"] {
            let (s, sd) = StaticValue.string(attr)
            diags += sd
            o.description = s
            o.set.insert("description")
        }
        if let attr = content.attributes["value"] {
            o.expression = attr.expression
            o.set.insert("value")
        }
        if let attr = content.attributes["sensitive"] {
            let (b, bd) = StaticValue.bool(attr)
            diags += bd
            o.sensitive = b ?? false
            o.set.insert("sensitive")
        }
        if let attr = content.attributes["ephemeral"] {
            let (b, bd) = StaticValue.bool(attr)
            diags += bd
            o.ephemeral = b ?? false
            o.set.insert("ephemeral")
        }
        if let attr = content.attributes["depends_on"] {
            o.dependsOn = decodeDependsOn(attr, diags: &diags)
            o.set.insert("depends_on")
        }
        for inner in content.blocks {
            switch inner.type {
            case "precondition":
                o.preconditions.append(decodeCheckRule(inner, diags: &diags))
            case "postcondition":
                diags += .error("Postconditions are not allowed", "Output values can only have preconditions, not postconditions.",
                                subject: inner.typeRange)
            default:
                break
            }
        }
        return o
    }

    static func decodeDependsOn(_ attr: Attribute, diags: inout Diagnostics) -> [Traversal] {
        guard case .tuple(let items) = attr.expression.kind else {
            diags += .error("Invalid expression", "A static list expression is required.", subject: attr.expression.range)
            return []
        }
        var result: [Traversal] = []
        for item in items {
            guard let t = item.asTraversal else {
                diags += .error("Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.",
                                subject: item.range)
                continue
            }
            result.append(t)
        }
        return result
    }

    // MARK: resources

    static func decodeResource(_ block: Block, mode: ResourceDecl.Mode, diags: inout Diagnostics) -> ResourceDecl {
        let type = block.labels.first?.value ?? ""
        let name = block.labels.count > 1 ? block.labels[1].value : ""
        let schema = mode == .managed ? ConfigSchemas.resourceMeta : ConfigSchemas.dataMeta
        let (content, rest, d) = block.body.partialContent(schema: schema)
        diags += d
        var r = ResourceDecl(mode: mode, type: type, name: name, declRange: block.definitionRange,
                             typeRange: block.labels.first?.range ?? block.typeRange, config: rest)
        let what: (String, String) = {
            switch mode {
            case .managed: return ("Invalid resource type name", "Invalid resource name")
            case .data: return ("Invalid data source name", "Invalid data resource name")
            case .ephemeral: return ("Invalid ephemeral resource type", "Invalid ephemeral resource name")
            }
        }()
        if !isValidIdentifier(type) {
            diags += .error(what.0, badIdentifierDetail, subject: block.labels.first?.range)
        }
        if !isValidIdentifier(name) {
            diags += .error(what.1, badIdentifierDetail, subject: block.labels.count > 1 ? block.labels[1].range : nil)
        }
        r.count = content.attributes["count"]?.expression
        if let attr = content.attributes["for_each"] {
            r.forEach = attr.expression
            if r.count != nil {
                diags += .error("Invalid combination of \"count\" and \"for_each\"",
                                "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                                subject: attr.nameRange)
            }
        }
        if let attr = content.attributes["provider"] {
            r.provider = decodeProviderRef(attr.expression, argument: "provider", diags: &diags)
        }
        if let attr = content.attributes["depends_on"] {
            r.dependsOn = decodeDependsOn(attr, diags: &diags)
        }
        var seenLifecycle: Block?
        var seenConnection: Block?
        for inner in content.blocks {
            switch inner.type {
            case "lifecycle":
                if let seen = seenLifecycle {
                    diags += .error("Duplicate lifecycle block",
                                    "This resource already has a lifecycle block at \(rangeText(seen.definitionRange)).", subject: inner.definitionRange)
                    continue
                }
                seenLifecycle = inner
                decodeLifecycle(inner, mode: mode, into: &r, diags: &diags)
            case "connection":
                if let seen = seenConnection {
                    diags += .error("Duplicate connection block",
                                    "This resource already has a connection block at \(rangeText(seen.definitionRange)).", subject: inner.definitionRange)
                    continue
                }
                seenConnection = inner
                r.connection = inner.body
            case "provisioner":
                if let p = decodeProvisioner(inner, diags: &diags) { r.provisioners.append(p) }
            case "_":
                break
            default:
                let kind = mode == .managed ? "resource" : (mode == .data ? "data" : "ephemeral")
                diags += .error("Reserved block type name in \(kind) block",
                                "The block type name \"\(inner.type)\" is reserved for use by Terraform in a future version.",
                                subject: inner.typeRange)
            }
        }
        return r
    }

    static func decodeLifecycle(_ block: Block, mode: ResourceDecl.Mode, into r: inout ResourceDecl, diags: inout Diagnostics) {
        let (content, d) = block.body.content(schema: ConfigSchemas.lifecycle)
        diags += d
        if mode != .managed {
            for name in ["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"] {
                guard let attr = content.attributes[name] else { continue }
                let noun = mode == .data ? "data" : "ephemeral"
                diags += .error("Invalid \(noun) resource lifecycle argument",
                                "The lifecycle argument \"\(name)\" is defined only for managed resources (\"resource\" blocks), and is not valid for \(noun) resources.",
                                subject: attr.nameRange)
            }
        } else {
            if let attr = content.attributes["create_before_destroy"] {
                let (b, bd) = StaticValue.bool(attr)
                diags += bd
                r.lifecycle.createBeforeDestroy = b ?? false
                r.lifecycle.createBeforeDestroySet = true
            }
            if let attr = content.attributes["prevent_destroy"] {
                let (b, bd) = StaticValue.bool(attr)
                diags += bd
                r.lifecycle.preventDestroy = b ?? false
            }
            if let attr = content.attributes["replace_triggered_by"] {
                if case .tuple(let items) = attr.expression.kind {
                    r.lifecycle.replaceTriggeredBy = items.compactMap { item in
                        item.jsonNode == nil ? item : unwrapJSONReference(item, diags: &diags)
                    }
                } else {
                    diags += .error("Invalid replace_triggered_by expression", "A static list expression is required.",
                                    subject: attr.expression.range)
                }
            }
            if let attr = content.attributes["ignore_changes"] {
                if let t = attr.expression.asTraversal, t.steps.isEmpty, t.rootName == "all" {
                    r.lifecycle.ignoreAllChanges = true
                } else if case .tuple(let items) = attr.expression.kind {
                    for item in items {
                        if item.asStringLiteral == "*" {
                            diags += .error("Invalid ignore_changes wildcard",
                                            "The [\"*\"] form of ignore_changes wildcard is was deprecated and is now invalid. Use \"ignore_changes = all\" to ignore changes to all attributes.",
                                            subject: attr.expression.range)
                            continue
                        }
                        guard let t = item.asTraversal else {
                            diags += .error("Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.",
                                            subject: item.range)
                            continue
                        }
                        let root = TraversalStep(.attribute(t.rootName), range: t.rootRange)
                        r.lifecycle.ignoreChanges.append([root] + t.steps)
                    }
                } else {
                    diags += .error("Invalid expression", "A static list expression is required.", subject: attr.expression.range)
                }
            }
        }
        for inner in content.blocks {
            let rule = decodeCheckRule(inner, diags: &diags)
            if inner.type == "precondition" { r.lifecycle.preconditions.append(rule) } else { r.lifecycle.postconditions.append(rule) }
        }
    }

    static func decodeProvisioner(_ block: Block, diags: inout Diagnostics) -> Provisioner? {
        let type = block.labels.first?.value ?? ""
        let (content, rest, d) = block.body.partialContent(schema: ConfigSchemas.provisioner)
        diags += d
        var p = Provisioner(type: type, body: block.body, declRange: block.definitionRange)
        if type == "chef" || type == "habitat" || type == "puppet" || type == "salt-masterless" {
            diags += .error("Invalid provisioner block",
                            "The \"\(type)\" provisioner was removed in Terraform v0.15.0. To continue using the same configuration, use an earlier version of Terraform.",
                            subject: block.labels.first?.range)
            return nil
        }
        if let attr = content.attributes["when"] {
            let word = attr.expression.asTraversal.flatMap { $0.steps.isEmpty ? $0.rootName : nil }
            switch word {
            case "create", "destroy": p.when = word!
            default:
                diags += .error("Invalid \"when\" keyword", "The \"when\" argument requires one of the following keywords: create or destroy.",
                                subject: attr.expression.range)
            }
        }
        if let attr = content.attributes["on_failure"] {
            let word = attr.expression.asTraversal.flatMap { $0.steps.isEmpty ? $0.rootName : nil }
            switch word {
            case "continue", "fail": p.onFailure = word!
            default:
                diags += .error("Invalid \"on_failure\" keyword", "The \"on_failure\" argument requires one of the following keywords: continue or fail.",
                                subject: attr.expression.range)
            }
        }
        for inner in content.blocks where inner.type == "connection" {
            p.connection = inner.body
        }
        if p.when == "destroy" {
            onlySelfReferences(rest, &diags)
            if let c = p.connection { onlySelfReferences(c, &diags) }
        }
        return p
    }

    /// Destroy-time provisioners see only the object itself: terraform refuses any other reference.
    static func onlySelfReferences(_ body: Body, _ diags: inout Diagnostics) {
        for attr in body.attributes where !body.hiddenAttributes.contains(attr.name) {
            for t in ReferenceParser.traversals(in: attr.expression) {
                let second: String? = t.steps.count == 1 ? { if case .attribute(let n) = t.steps[0].kind { return n } else { return nil } }() : nil
                switch t.rootName {
                case "self", "path", "terraform": continue
                case "count" where second == "index": continue
                case "each" where second == "key": continue
                default:
                    diags += .error("Invalid reference from destroy provisioner",
                                    "Destroy-time provisioners and their connection configurations may only reference attributes of the related resource, via 'self', 'count.index', or 'each.key'.\n\nReferences to other resources during the destroy phase can cause dependency cycles and interact poorly with create_before_destroy.",
                                    subject: attr.expression.range)
                }
            }
        }
    }

    static func decodeProviderRef(_ expr: Expression, argument: String, diags: inout Diagnostics) -> ProviderConfigRef? {
        if expr.jsonNode == nil, let text = expr.asStringLiteral {
            diags += .warning("Quoted references are deprecated",
                              "In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Terraform. Remove the quotes surrounding this reference to silence this warning.",
                              subject: expr.range)
            let (t, tDiags) = Parser.parseTraversal(Array(text.utf8), filename: expr.range.filename,
                                                    start: SourcePos(line: expr.range.start.line, column: expr.range.start.column + 1, byte: expr.range.start.byte + 1))
            diags += tDiags
            guard let t else { return nil }
            return decodeProviderRef(Expression(.scopeTraversal(t), range: expr.range), argument: argument, diags: &diags)
        }
        guard let t = expr.asTraversal else {
            diags += .error("Invalid provider configuration reference",
                            "The \(argument) argument requires a provider type name, optionally followed by a period and then a configuration alias.",
                            subject: expr.range)
            return nil
        }
        if t.steps.isEmpty { return ProviderConfigRef(name: t.rootName, alias: nil, range: expr.range) }
        guard t.steps.count == 1, case .attribute(let alias) = t.steps[0].kind else {
            diags += .error("Invalid provider configuration reference",
                            "Provider name must either stand alone or be followed by a period and then a configuration alias.",
                            subject: expr.range)
            return nil
        }
        return ProviderConfigRef(name: t.rootName, alias: alias, range: expr.range)
    }

    // MARK: module calls

    static func decodeModuleCall(_ block: Block, diags: inout Diagnostics) -> ModuleCallDecl {
        let name = block.labels.first?.value ?? ""
        var m = ModuleCallDecl(name: name, declRange: block.definitionRange, missingItemRange: block.body.missingItemRange)
        let (content, rest, d) = block.body.partialContent(schema: ConfigSchemas.module)
        diags += d
        if !isValidIdentifier(name) {
            diags += .error("Invalid module instance name", badIdentifierDetail, subject: block.labels.first?.range)
        }
        if let attr = content.attributes["version"] {
            let (s, sd) = StaticValue.string(attr)
            diags += sd
            m.version = s
        }
        if let attr = content.attributes["source"] {
            let (s, sd) = StaticValue.string(attr)
            diags += sd
            m.source = s
            m.sourceRange = attr.expression.range
            if let s {
                do {
                    if m.version != nil {
                        if case .local = try ModuleSource.parse(s) {} else {
                            _ = try RegistryModuleAddress.parseWithSubdir(s)
                        }
                    } else {
                        _ = try ModuleSource.parse(s)
                    }
                } catch {
                    if m.version != nil {
                        diags += .error("Invalid registry module source address",
                                        "Failed to parse module registry address: \(error).\n\nTerraform assumed that you intended a module registry source address because you also set the argument \"version\", which applies only to registry modules.",
                                        subject: attr.expression.range)
                    } else {
                        diags += .error("Invalid module source address", "Failed to parse module source address: \(error).",
                                        subject: attr.expression.range)
                    }
                }
            }
        }
        m.count = content.attributes["count"]?.expression
        if let attr = content.attributes["for_each"] {
            m.forEach = attr.expression
            if m.count != nil {
                diags += .error("Invalid combination of \"count\" and \"for_each\"",
                                "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                                subject: attr.nameRange)
            }
        }
        if let attr = content.attributes["depends_on"] {
            m.dependsOn = decodeDependsOn(attr, diags: &diags)
        }
        if let attr = content.attributes["providers"] {
            if case .object(let items) = attr.expression.kind {
                var seen: [String: SourceRange] = [:]
                for item in items {
                    guard let child = decodeProviderRef(item.key.expression, argument: "providers", diags: &diags),
                          let parent = decodeProviderRef(item.value, argument: "providers", diags: &diags) else { continue }
                    if let prev = seen[child.description] {
                        diags += .error("Duplicate provider address",
                                        "A provider configuration was already passed to \(child.description) at \(rangeText(prev)). Each child provider configuration can be assigned only once.",
                                        subject: item.key.range)
                        continue
                    }
                    seen[child.description] = item.key.range
                    m.providers.append((child, parent))
                }
            } else {
                diags += .error("Invalid expression", "A static map expression is required.", subject: attr.expression.range)
            }
        }
        for inner in content.blocks where inner.type != "_" {
            diags += .error("Reserved block type name in module block",
                            "The block type name \"\(inner.type)\" is reserved for use by Terraform in a future version.",
                            subject: inner.typeRange)
        }
        // What is left are the child module's input variables.
        let (inputs, inputDiags) = rest.remainingAttributes()
        diags += inputDiags
        m.inputs = inputs
        return m
    }

    // MARK: moved / removed / import / check

    /// A reference written as a JSON string, re-read as a native expression from
    /// the string's opening quote (terraform's unwrapJSONRefExpr).
    static func unwrapJSONReference(_ expr: Expression, diags: inout Diagnostics) -> Expression? {
        guard case .string(let text, let r) = expr.jsonNode else {
            diags += .error("Invalid reference expression", "A single reference string is required.", subject: expr.range)
            return nil
        }
        let (parsed, pd) = Parser.parseExpression(Array(text.utf8), filename: r.filename, start: r.start)
        diags += pd
        return pd.hasErrors ? nil : parsed
    }

    static func staticTraversal(_ attr: Attribute, diags: inout Diagnostics) -> Traversal? {
        guard let t = attr.expression.asTraversal else {
            diags += .error("Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.",
                            subject: attr.expression.range)
            return nil
        }
        return t
    }

    static func decodeMoved(_ block: Block, diags: inout Diagnostics) -> MovedDecl? {
        let (content, d) = block.body.content(schema: ConfigSchemas.moved)
        diags += d
        guard let fromAttr = content.attributes["from"], let toAttr = content.attributes["to"],
              let from = staticTraversal(fromAttr, diags: &diags), let to = staticTraversal(toAttr, diags: &diags) else { return nil }
        // A module address is `module.NAME[KEY]` repeated, with nothing after it.
        func isModule(_ t: Traversal) -> Bool {
            guard t.rootName == "module" else { return false }
            var expectName = true
            var afterName = false
            for step in t.steps {
                switch step.kind {
                case .attribute(let n):
                    if expectName { expectName = false; afterName = true; continue }
                    guard n == "module" else { return false }
                    expectName = true
                    afterName = false
                case .index:
                    guard afterName else { return false }
                    afterName = false
                }
            }
            return !expectName
        }
        if isModule(from) != isModule(to) {
            diags += .error("Invalid \"moved\" addresses",
                            "The \"from\" and \"to\" addresses must either both refer to resources or both refer to modules.",
                            subject: block.definitionRange)
        }
        return MovedDecl(from: from, to: to, declRange: block.definitionRange)
    }

    static func decodeRemoved(_ block: Block, diags: inout Diagnostics) -> RemovedDecl? {
        let (content, d) = block.body.content(schema: ConfigSchemas.removed)
        diags += d
        guard let fromAttr = content.attributes["from"], let from = staticTraversal(fromAttr, diags: &diags) else { return nil }
        var r = RemovedDecl(from: from, declRange: block.definitionRange)
        for inner in content.blocks {
            switch inner.type {
            case "lifecycle":
                let (lc, ld) = inner.body.content(schema: ConfigSchemas.removedLifecycle)
                diags += ld
                if let attr = lc.attributes["destroy"] {
                    let (b, bd) = StaticValue.bool(attr)
                    diags += bd
                    r.destroy = b ?? true
                }
            case "provisioner":
                if let p = decodeProvisioner(inner, diags: &diags) {
                    if p.when != "destroy" {
                        diags += .error("Invalid provisioner block",
                                        "Only destroy-time provisioners are valid in \"removed\" blocks. To declare a destroy-time provisioner, use:\n    when = destroy",
                                        subject: inner.typeRange)
                    }
                    r.provisioners.append(p)
                }
            default:
                break
            }
        }
        return r
    }

    static func decodeImport(_ block: Block, diags: inout Diagnostics) -> ImportDecl? {
        let (content, d) = block.body.content(schema: ConfigSchemas.importBlock)
        diags += d
        guard var toAttr = content.attributes["to"], let idAttr = content.attributes["id"] else { return nil }
        if toAttr.expression.jsonNode != nil {
            guard let unwrapped = unwrapJSONReference(toAttr.expression, diags: &diags) else { return nil }
            toAttr.expression = unwrapped
        }
        var i = ImportDecl(to: toAttr.expression, id: idAttr.expression, forEach: content.attributes["for_each"]?.expression,
                           declRange: block.definitionRange)
        if let t = toAttr.expression.asTraversal, t.rootName == "data" {
            diags += .error("Invalid import address", "Only managed resources can be imported.", subject: toAttr.range)
        }
        if let attr = content.attributes["provider"] {
            i.provider = decodeProviderRef(attr.expression, argument: "provider", diags: &diags)
        }
        return i
    }

    static func decodeCheck(_ block: Block, diags: inout Diagnostics) -> CheckDecl {
        let name = block.labels.first?.value ?? ""
        var c = CheckDecl(name: name, declRange: block.definitionRange)
        if !isValidIdentifier(name) {
            diags += .error("Invalid check block name", badIdentifierDetail, subject: block.labels.first?.range)
        }
        let (content, d) = block.body.content(schema: ConfigSchemas.check)
        diags += d
        for inner in content.blocks {
            switch inner.type {
            case "data":
                if let existing = c.dataResource {
                    diags += .error("Multiple data resource blocks",
                                    "This check block already has a data resource defined at \(rangeText(existing.declRange)).",
                                    subject: inner.definitionRange)
                    continue
                }
                c.dataResource = decodeResource(inner, mode: .data, diags: &diags)
            case "assert":
                c.asserts.append(decodeCheckRule(inner, diags: &diags))
            default:
                break
            }
        }
        if c.asserts.isEmpty {
            diags += .error("Zero assert blocks", "Check blocks must have at least one assert block.", subject: block.definitionRange)
        }
        return c
    }
}

/// `main.tf:3,1-20` — how terraform names a range inside a message.
public func rangeText(_ r: SourceRange) -> String {
    if r.start.line == r.end.line {
        return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.column)"
    }
    return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.line),\(r.end.column)"
}

extension Body {
    /// Attributes not consumed by a partial decode; blocks left over are errors.
    func remainingAttributes() -> ([Attribute], Diagnostics) {
        if json != nil { return justAttributes() }
        var diags = Diagnostics()
        for block in blocks where !hiddenBlockTypes.contains(block.type) {
            diags += .error("Unexpected \"\(block.type)\" block", "Blocks are not allowed here.", subject: block.typeRange)
        }
        return (attributes.filter { !hiddenAttributes.contains($0.name) }, diags)
    }
}
