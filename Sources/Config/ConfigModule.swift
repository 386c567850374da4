import HCL

/// One module: the merged declarations of all the files in its directory.
public struct ConfigModule: Sendable {
    public var directory: String
    public var requiredVersions: [(String, SourceRange)] = []
    public var requiredProviders: [String: RequiredProvider] = [:]
    public var requiredProvidersRange: SourceRange?
    public var backend: BackendDecl?
    public var providerConfigs: [String: ProviderConfigDecl] = [:]
    public var variables: [String: VariableDecl] = [:]
    public var locals: [String: LocalDecl] = [:]
    public var outputs: [String: OutputDecl] = [:]
    public var moduleCalls: [String: ModuleCallDecl] = [:]
    /// Keyed by address (`aws_instance.web`, `data.x.y`).
    public var resources: [String: ResourceDecl] = [:]
    public var moved: [MovedDecl] = []
    public var removed: [RemovedDecl] = []
    public var imports: [ImportDecl] = []
    public var checks: [String: CheckDecl] = [:]

    public init(directory: String) {
        self.directory = directory
    }

    /// Adds a primary file's declarations, reporting names declared twice.
    public mutating func append(_ file: ConfigFile, diags: inout Diagnostics) {
        requiredVersions += file.requiredVersions
        for req in file.requiredProviders {
            if requiredProviders[req.localName] == nil { requiredProviders[req.localName] = req }
        }
        for b in file.backends {
            if let existing = backend {
                diags += .error("Duplicate backend configuration",
                                "A module may have only one backend configuration. The backend was previously configured at \(rangeText(existing.declRange)).",
                                subject: b.declRange)
                continue
            }
            backend = b
        }
        for p in file.providerConfigs {
            if let existing = providerConfigs[p.key] {
                let detail = p.alias == nil
                    ? "A default (non-aliased) provider configuration for \"\(existing.name)\" was already given at \(rangeText(existing.declRange)). If multiple configurations are required, set the \"alias\" argument for alternative configurations."
                    : "A provider configuration for \"\(existing.name)\" with alias \"\(existing.alias ?? "")\" was already given at \(rangeText(existing.declRange)). Each configuration for the same provider must have a distinct alias."
                diags += .error("Duplicate provider configuration", detail, subject: p.declRange)
                continue
            }
            providerConfigs[p.key] = p
        }
        for v in file.variables {
            if let existing = variables[v.name] {
                diags += .error("Duplicate variable declaration",
                                "A variable named \"\(v.name)\" was already declared at \(rangeText(existing.declRange)). Variable names must be unique within a module.",
                                subject: v.declRange)
                continue
            }
            variables[v.name] = v
        }
        for l in file.locals {
            if let existing = locals[l.name] {
                diags += .error("Duplicate local value definition",
                                "A local value named \"\(l.name)\" was already defined at \(rangeText(existing.declRange)). Local value names must be unique within a module.",
                                subject: l.declRange)
                continue
            }
            locals[l.name] = l
        }
        for o in file.outputs {
            if let existing = outputs[o.name] {
                diags += .error("Duplicate output definition",
                                "An output named \"\(o.name)\" was already defined at \(rangeText(existing.declRange)). Output names must be unique within a module.",
                                subject: o.declRange)
                continue
            }
            outputs[o.name] = o
        }
        for m in file.moduleCalls {
            if let existing = moduleCalls[m.name] {
                diags += .error("Duplicate module call",
                                "A module call named \"\(m.name)\" was already defined at \(rangeText(existing.declRange)). Module calls must have unique names within a module.",
                                subject: m.declRange)
                continue
            }
            moduleCalls[m.name] = m
        }
        for r in file.resources {
            if let existing = resources[r.address] {
                let (summary, noun): (String, String) = {
                    switch r.mode {
                    case .managed: return ("Duplicate resource \"\(r.type)\" configuration", "resource")
                    case .data: return ("Duplicate data \"\(r.type)\" configuration", "data resource")
                    case .ephemeral: return ("Duplicate ephemeral \"\(r.type)\" configuration", "ephemeral resource")
                    }
                }()
                diags += .error(summary,
                                "A \(existing.type) \(noun) named \"\(existing.name)\" was already declared at \(rangeText(existing.declRange)). Resource names must be unique per type in each module.",
                                subject: r.declRange)
                continue
            }
            resources[r.address] = r
        }
        moved += file.moved
        removed += file.removed
        imports += file.imports
        for c in file.checks {
            if let existing = checks[c.name] {
                diags += .error("Duplicate check \"\(c.name)\" configuration",
                                "A check block named \"\(c.name)\" was already declared at \(rangeText(existing.declRange)). Check blocks must be unique within each module.",
                                subject: c.declRange)
                continue
            }
            if let data = c.dataResource, let existing = resources[data.address] {
                diags += .error("Duplicate data \"\(data.type)\" configuration",
                                "A \(existing.type) data resource named \"\(existing.name)\" was already declared at \(rangeText(existing.declRange)). Resource names must be unique per type in each module, including within check blocks.",
                                subject: data.declRange)
            }
            checks[c.name] = c
        }
    }

    /// Applies an override file: declarations it names replace the matching
    /// arguments of the primary ones; a declaration with no primary is an error.
    public mutating func merge(override file: ConfigFile, diags: inout Diagnostics) {
        for v in file.variables {
            guard var base = variables[v.name] else {
                diags += .error("Missing base variable declaration to override",
                                "There is no variable named \"\(v.name)\". An override file can only override a variable that was already declared in a primary configuration file.",
                                subject: v.declRange)
                continue
            }
            if v.set.contains("description") { base.description = v.description }
            if v.set.contains("type") { base.typeExpression = v.typeExpression }
            if v.set.contains("default") { base.defaultExpression = v.defaultExpression }
            if v.set.contains("sensitive") { base.sensitive = v.sensitive }
            if v.set.contains("ephemeral") { base.ephemeral = v.ephemeral }
            if v.set.contains("nullable") { base.nullable = v.nullable }
            if !v.validations.isEmpty { base.validations = v.validations }
            if v.set.contains("type") || v.set.contains("default") {
                base.override = (v.declRange, v.set.contains("type"), v.set.contains("default"))
            }
            variables[v.name] = base
        }
        for l in file.locals {
            guard locals[l.name] != nil else {
                diags += .error("Missing base local value definition to override",
                                "There is no local value named \"\(l.name)\". An override file can only override a local value that was already defined in a primary configuration file.",
                                subject: l.declRange)
                continue
            }
            locals[l.name] = l
        }
        for o in file.outputs {
            guard var base = outputs[o.name] else {
                diags += .error("Missing base output definition to override",
                                "There is no output named \"\(o.name)\". An override file can only override an output that was already defined in a primary configuration file.",
                                subject: o.declRange)
                continue
            }
            if o.set.contains("description") { base.description = o.description }
            if o.set.contains("value") { base.expression = o.expression }
            if o.set.contains("sensitive") { base.sensitive = o.sensitive }
            if o.set.contains("depends_on") { base.dependsOn = o.dependsOn }
            outputs[o.name] = base
        }
        for r in file.resources {
            guard resources[r.address] != nil else {
                let noun = r.mode == .data ? "data resource" : "resource"
                diags += .error("Missing \(noun) to override",
                                "There is no \(r.type) \(noun) named \"\(r.name)\". An override file can only override a \(noun) block defined in a primary configuration file.",
                                subject: r.declRange)
                continue
            }
            // Whole-argument override of the config body is applied when the body is decoded.
            resources[r.address]?.overrides.append(r)
        }
        for m in file.moduleCalls {
            guard moduleCalls[m.name] != nil else {
                diags += .error("Missing module call to override",
                                "There is no module call named \"\(m.name)\". An override file can only override a module call that was defined in a primary configuration file.",
                                subject: m.declRange)
                continue
            }
            if let s = m.source { moduleCalls[m.name]?.source = s }
            if let v = m.version { moduleCalls[m.name]?.version = v }
            moduleCalls[m.name]?.inputs.append(contentsOf: m.inputs)
        }
        for p in file.providerConfigs {
            guard providerConfigs[p.key] != nil else {
                diags += .error("Missing base provider configuration for override",
                                "There is no \(p.name) provider configuration with the alias \"\(p.alias ?? "")\". An override file can only override an aliased provider configuration that was already defined in a primary configuration file.",
                                subject: p.declRange)
                continue
            }
            providerConfigs[p.key] = p
        }
        for b in file.backends { backend = b }
        for req in file.requiredProviders { requiredProviders[req.localName] = req }
    }
}
