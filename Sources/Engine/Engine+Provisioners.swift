import Config
import Foundation
import HCL
import State
import Values

/// Provisioners, as terraform runs them: create-time ones right after an
/// object is created (not on update), destroy-time ones right before it is
/// destroyed (also on replacement), each reporting through the hooks. A
/// failed create-time provisioner taints the new object; `on_failure =
/// continue` drops the error. Only `local-exec` runs here: `file` and
/// `remote-exec` need SSH or WinRM, which this build does not have.
extension Engine {
    /// Ends running local-exec commands (SIGKILL) and makes any later one fail, as
    /// terraform's provisioner Stop does on interrupt. Safe from any thread.
    public func stopProvisioners() {
        provisionerProcesses.stopAll()
    }

    // MARK: Schemas

    /// The provisioner block's own arguments and blocks (terraform's, not the provisioner's).
    static let provisionerMeta = BodySchema(
        attributes: [AttributeSchema(name: "when"), AttributeSchema(name: "on_failure")],
        blocks: [BlockHeaderSchema(type: "connection"), BlockHeaderSchema(type: "lifecycle"), BlockHeaderSchema(type: "_")])

    static let provisionerSchemas: [String: SchemaBlock] = [
        "local-exec": SchemaBlock(attributes: [
            "command": SchemaAttribute(.string, required: true),
            "interpreter": SchemaAttribute(.list(.string), optional: true),
            "working_dir": SchemaAttribute(.string, optional: true),
            "environment": SchemaAttribute(.map(.string), optional: true),
            "quiet": SchemaAttribute(.bool, optional: true),
        ]),
        "file": SchemaBlock(attributes: [
            "source": SchemaAttribute(.string, optional: true),
            "content": SchemaAttribute(.string, optional: true),
            "destination": SchemaAttribute(.string, required: true),
        ]),
        "remote-exec": SchemaBlock(attributes: [
            "inline": SchemaAttribute(.list(.string), optional: true),
            "script": SchemaAttribute(.string, optional: true),
            "scripts": SchemaAttribute(.list(.string), optional: true),
        ]),
    ]

    /// Every argument any communicator accepts (terraform's connectionBlockSupersetSchema).
    static let connectionSuperset: [(String, Bool)] = [
        ("host", true), ("type", false), ("user", false), ("password", false), ("port", false), ("timeout", false),
        ("script_path", false), ("target_platform", false), ("private_key", false), ("certificate", false), ("host_key", false),
        ("agent", false), ("agent_identity", false), ("proxy_scheme", false), ("proxy_host", false), ("proxy_port", false),
        ("proxy_user_name", false), ("proxy_user_password", false), ("bastion_host", false), ("bastion_host_key", false),
        ("bastion_port", false), ("bastion_user", false), ("bastion_password", false), ("bastion_private_key", false),
        ("bastion_certificate", false), ("https", false), ("insecure", false), ("cacert", false), ("use_ntlm", false),
    ]

    static func bodySchema(_ block: SchemaBlock) -> BodySchema {
        BodySchema(attributes: block.attributes.keys.sorted().map { AttributeSchema(name: $0, required: block.attributes[$0]?.required ?? false) })
    }

    /// The provisioner's own configuration: the block without terraform's meta-arguments.
    static func provisionerBody(_ p: Provisioner) -> Body {
        p.body.partialContent(schema: provisionerMeta).1
    }

    // MARK: Validation (terraform's validate walk, before planning)

    /// Argument names and required arguments of every provisioner and connection block,
    /// and the checks `file` and `remote-exec` make of their arguments.
    /// `forValidate`: `terraform validate` names a missing provisioner plugin; plan and apply
    /// report that its schema could not be loaded.
    public static func validateProvisioners(_ tree: ConfigTree, forValidate: Bool = false) -> Diagnostics {
        var diags = Diagnostics()
        for node in tree.allModules {
            for decl in node.module.resources.values.sorted(by: { $0.declRange.start.byte < $1.declRange.start.byte }) where decl.mode == .managed {
                validate(decl.provisioners, resourceConnection: decl.connection, forValidate: forValidate, &diags)
            }
            for removed in node.module.removed {
                validate(removed.provisioners, resourceConnection: nil, forValidate: forValidate, &diags)
            }
        }
        return diags
    }

    /// Stops at the first provisioner of a resource that has errors, as terraform does.
    private static func validate(_ provisioners: [Provisioner], resourceConnection: Body?, forValidate: Bool, _ allDiags: inout Diagnostics) {
        let connectionSchema = BodySchema(attributes: connectionSuperset.map { AttributeSchema(name: $0.0, required: $0.1) })
        var diags = Diagnostics()
        defer { allDiags += diags }
        for p in provisioners where !diags.hasErrors {
            guard let schema = provisionerSchemas[p.type] else {
                if forValidate {
                    diags += .error("Missing required provisioner plugin",
                                    "This configuration requires provisioner plugin \(GoQuote.quote(p.type)), which isn't available. If you're intending to use an external provisioner plugin, you must install it manually into one of the plugin search directories before running Terraform.")
                    return
                }
                diags += .error("Failed to load plugin schemas",
                                "Error while loading schemas for plugin components: Failed to obtain provisioner schema: Could not load the schema for provisioner \(GoQuote.quote(p.type)): failed to instantiate provisioner \(GoQuote.quote(p.type)) to obtain schema: unavailable provisioner \(GoQuote.quote(p.type))..")
                return
            }
            let (content, ds) = provisionerBody(p).content(schema: bodySchema(schema))
            diags += ds
            if ds.hasErrors { return }
            // Values are checked against the schema with every reference unknown, as terraform's validate walk does.
            var unknownRefs = EvalContext()
            unknownRefs.resolveReference = { _ in (.dynamicUnknown, []) }
            for name in content.attributes.keys.sorted() {
                guard let attr = content.attributes[name], let type = schema.attributes[name]?.type else { continue }
                let (v, _) = Evaluator.evaluate(attr.expression, in: unknownRefs)
                do {
                    _ = try Conversion.convert(v, to: type)
                } catch {
                    diags += .error("Incorrect attribute value type", "Inappropriate value for attribute \(GoQuote.quote(name)): \(error).",
                                    subject: attr.expression.range)
                }
            }
            let set = { (name: String) -> Bool in content.attributes[name] != nil }
            switch p.type {
            case "file":
                if set("source") && set("content") { diags += .error("Cannot set both 'source' and 'content'") }
                if !set("source") && !set("content") { diags += .error("Must provide one of 'source' or 'content'") }
            case "remote-exec":
                if [set("inline"), set("script"), set("scripts")].filter({ $0 }).count != 1 {
                    diags += .error("Invalid remote-exec provisioner configuration", "Only one of \"inline\", \"script\", or \"scripts\" must be set")
                }
            default:
                break
            }
            // A connection block is checked only against the arguments any communicator knows.
            if let local = p.connection {
                diags += mergedConnection(base: resourceConnection, local: local).content(schema: connectionSchema).1
            } else if let base = resourceConnection {
                diags += base.content(schema: connectionSchema).1
            }
        }
    }

    /// The resource's connection block with the provisioner's own arguments taking precedence.
    static func mergedConnection(base: Body?, local: Body) -> Body {
        guard var merged = base else { return local }
        let overridden = Set(local.attributes.map(\.name))
        merged.items = merged.items.filter { if case .attribute(let a) = $0 { return !overridden.contains(a.name) } else { return true } }
        merged.items += local.items
        return merged
    }

    // MARK: Apply

    /// Runs the create-time provisioners of a newly created object (`created`
    /// is false for updates, which run none). On failure the object is marked
    /// tainted and false is returned: the apply stops there.
    func provisionCreated(_ decl: ResourceDecl, _ addr: AbsResourceInstance, created: Bool, value: Value, ctx: EvalContext,
                          doc: StateDocument, save: () -> Bool, _ diags: inout Diagnostics) -> Bool {
        let provisioners = decl.provisioners.filter { $0.when == "create" }
        guard created, !provisioners.isEmpty else { return true }
        // The object is recorded before anything runs, so an interrupted command cannot lose it.
        guard save() else { return false }
        var selfCtx = ctx
        selfCtx.variables["self"] = value
        var pdiags = Diagnostics()
        let ok = run(provisioners, addr, selfCtx, &pdiags)
        diags += pdiags
        if !ok {
            doc.setTainted(addr)
            hooks?.applyFailed(addr, action: .create)
            _ = save()
            return false
        }
        return true
    }

    /// Runs the destroy-time provisioners of an object about to be destroyed
    /// (none for a tainted object). They see only `self`, `count.index` and
    /// `each.key`. False when one failed: the object stays and the apply stops.
    func provisionBeforeDestroy(_ change: PlannedChange, doc: StateDocument, _ diags: inout Diagnostics) -> Bool {
        let addr = change.address
        guard doc.object(addr)?.status != .tainted, let (node, provisioners) = destroyProvisioners(addr), !provisioners.isEmpty else { return true }
        let scope = makeScope(node)
        var ctx: EvalContext
        switch addr.key {
        case .none: ctx = scope.context()
        case .int(let i): ctx = scope.context(count: i)
        case .string(let k): ctx = scope.context(each: (k, .dynamicNull))
        }
        if case .string(let k) = addr.key { ctx.variables["each"] = .object(["key": .string(k)]) }
        ctx.variables["self"] = change.before
        var pdiags = Diagnostics()
        let ok = run(provisioners, addr, ctx, &pdiags)
        diags += pdiags
        if !ok { hooks?.applyFailed(addr, action: .delete) }
        return ok
    }

    /// Whether an instance has destroy-time provisioners to run.
    func destroyProvisionersExist(_ addr: AbsResourceInstance) -> Bool {
        !(destroyProvisioners(addr)?.1.isEmpty ?? true)
    }

    /// The destroy-time provisioners that apply to an instance: its resource block's, or those of a
    /// `removed` block naming a resource gone from the configuration.
    private func destroyProvisioners(_ addr: AbsResourceInstance) -> (ConfigTree, [Provisioner])? {
        guard let node = tree(of: addr.module) else { return nil }
        if let decl = node.module.resources[addr.resource.resource.description] {
            return (node, decl.provisioners.filter { $0.when == "destroy" })
        }
        for removed in node.module.removed where !removed.provisioners.isEmpty {
            let (target, ds) = AddressParser.parseTarget(Engine.addressText(removed.from))
            guard let target, !ds.hasErrors, case .resource(let r) = target,
                  r.module.steps.isEmpty, r.resource == addr.resource.resource else { continue }
            return (node, removed.provisioners.filter { $0.when == "destroy" })
        }
        return nil
    }

    /// Runs provisioners in order; false when one failed with `on_failure = fail`.
    private func run(_ provisioners: [Provisioner], _ addr: AbsResourceInstance, _ ctx: EvalContext, _ diags: inout Diagnostics) -> Bool {
        for p in provisioners {
            guard let schema = Engine.provisionerSchemas[p.type] else {
                diags += .error("Missing required provisioner plugin",
                                "This configuration requires provisioner plugin \(GoQuote.quote(p.type)), which isn't available.", subject: p.declRange)
                return false
            }
            let body = Engine.provisionerBody(p)
            let (config, cds) = ConfigDecoding.decode(body, schema, ctx)
            diags += cds
            if cds.hasErrors { return false }
            hooks?.provisionStarting(addr, type: p.type)
            let (plain, marks) = config.unmarkedDeep()
            let sensitive = marks.contains(.sensitive)
            let output: (String) -> Void = { [hooks] line in
                hooks?.provisionOutput(addr, type: p.type, message: sensitive ? "(output suppressed due to sensitive value in config)" : line)
            }
            var pdiags: Diagnostics
            switch p.type {
            case "local-exec":
                pdiags = localExec(plain, output: output)
            default:
                pdiags = Diagnostics([.error("Provisioner not supported",
                                             "The \"\(p.type)\" provisioner needs an SSH or WinRM connection, which Terraswift does not support yet.")])
            }
            // terraform places the provisioner's diagnostics on its block, naming the instance.
            pdiags = Diagnostics(pdiags.items.map { d in
                var d = d
                if d.subject == nil { d.subject = body.missingItemRange }
                if d.address == nil { d.address = addr.description }
                return d
            })
            hooks?.provisionFinished(addr, type: p.type, errored: pdiags.hasErrors)
            if p.onFailure == "continue" {
                if !pdiags.hasErrors { diags += pdiags }
                continue
            }
            diags += pdiags
            if pdiags.hasErrors { return false }
        }
        return true
    }

    /// terraform's local-exec: the command through the interpreter (default `/bin/sh -c`),
    /// with terraform's environment plus `environment`, in `working_dir`.
    private func localExec(_ config: Value, output: (String) -> Void) -> Diagnostics {
        let attrs = config.attributes ?? [:]
        let command = attrs["command"]?.stringValue ?? ""
        if command.isEmpty {
            return Diagnostics([.error("Invalid local-exec provisioner command", "The command must be a non-empty string.")])
        }
        var environment = settings.environment ?? ProcessInfo.processInfo.environment
        for (k, v) in attrs["environment"]?.attributes ?? [:] {
            if let s = v.stringValue { environment[k] = s }
        }
        var arguments = (attrs["interpreter"]?.elements ?? []).compactMap(\.stringValue)
        if arguments.isEmpty { arguments = ["/bin/sh", "-c"] }
        arguments.append(command)
        if attrs["quiet"]?.boolValue == true {
            output("local-exec: Executing: Suppressed by quiet=true")
        } else {
            output("Executing: [" + arguments.map { GoQuote.quote($0) }.joined(separator: " ") + "]")
        }
        let outcome = LocalExecProcess.run(arguments, directory: attrs["working_dir"]?.stringValue, baseDirectory: settings.workingDirectory,
                                           environment: environment, processes: provisionerProcesses, line: output)
        guard let error = outcome.error else { return Diagnostics() }
        return Diagnostics([.error("local-exec provisioner error",
                                   "Error running command '\(command)': \(error). Output: \(String(decoding: outcome.output, as: UTF8.self))")])
    }
}

/// How terraform's UI splits one message of provisioner output: at `\n` and
/// `\r`, trailing space trimmed, empty pieces dropped.
public enum ProvisionerOutput {
    public static func lines(_ message: String) -> [String] {
        var out: [String] = []
        for piece in message.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            var line = Substring(piece)
            while let last = line.last, last.isWhitespace { line = line.dropLast() }
            if !line.isEmpty { out.append(String(line)) }
        }
        return out
    }
}
