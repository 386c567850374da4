import Config
import HCL
import JSON
import State
import Values

/// `import` blocks: an object not yet in state is imported through its
/// provider while planning, read like any other, and written to state first
/// thing during apply.
extension Engine {
    func applyImportBlocks(_ prior: inout PriorResources, _ diags: inout Diagnostics) {
        importing = [:]
        if module.imports.isEmpty { return }
        let base = importScope().context()
        // Targets first: when several name one address, the last wins (as terraform).
        var targets: [(AbsResourceInstance, String, ImportDecl)] = []
        var position: [AbsResourceInstance: Int] = [:]
        func add(_ decl: ImportDecl, _ ctx: EvalContext) {
            guard let (addr, id) = importTarget(decl, ctx, &diags) else { return }
            if let i = position[addr] { targets[i] = (addr, id, decl) } else {
                position[addr] = targets.count
                targets.append((addr, id, decl))
            }
        }
        defer { for (addr, id, decl) in targets where !diags.hasErrors { importOne(decl, addr, id, &prior, &diags) } }
        for decl in module.imports {
            guard let forEach = decl.forEach else {
                add(decl, base)
                continue
            }
            // terraform 1.7+: one import per element; each.key is the map key, the list index or the set element.
            let (raw, ds) = Evaluator.evaluate(forEach, in: base)
            diags += ds
            if ds.hasErrors { continue }
            let (v, marks) = raw.unmarked()
            if !v.isWhollyKnown {
                diags += .error("Invalid for_each argument",
                                "The \"for_each\" expression includes values derived from other resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.",
                                subject: forEach.range)
                continue
            }
            if v.isNull { continue }
            var entries: [(Value, Value)] = []
            if let attrs = v.attributes, v.type.isMap || v.type.isObject {
                for k in attrs.keys.sorted() { entries.append((.string(k), attrs[k] ?? .dynamicNull)) }
            } else if let items = v.elements {
                for (i, item) in items.enumerated() { entries.append((v.type.isSet ? item : .int(i), item)) }
            } else {
                diags += .error("Invalid for_each argument", "The \"for_each\" expression must be a collection.", subject: forEach.range)
                continue
            }
            for (k, item) in entries {
                var ctx = base
                ctx.variables["each"] = .object(["key": k, "value": marks.isEmpty ? item : item.marked(with: marks)])
                add(decl, ctx)
            }
        }
    }

    /// The root module's variables and the locals that need no resource,
    /// evaluated ahead of the walk: what import blocks may refer to.
    private func importScope() -> EvaluationScope {
        var memo: [ConfigGraph.Node: Bool] = [:]
        func early(_ n: ConfigGraph.Node) -> Bool {
            if let m = memo[n] { return m }
            guard n.module.isEmpty else { return false }
            switch n.kind {
            case .variable, .local: break
            default: return false
            }
            memo[n] = false
            let ok = (graph.dependencies[n] ?? []).allSatisfy(early)
            memo[n] = ok
            return ok
        }
        var included = Set<ConfigGraph.Node>()
        for n in graph.order where early(n) { included.insert(n) }
        let state = WalkState()
        // The walk proper reports any error in these again.
        var scratch = Diagnostics()
        _ = walk(state, included: included, rootVariable: { self.settings.variables[$0] ?? .dynamicUnknown }, &scratch) { _, _, _, _, _ in true }
        return state.scopes[.root] ?? makeScope(tree)
    }

    /// The address text of an import's `to`, with `[each.key]`-style indexes evaluated.
    private static func importTargetText(_ e: Expression, _ ctx: EvalContext, _ diags: inout Diagnostics) -> String? {
        switch e.kind {
        case .scopeTraversal(let t):
            return addressText(t)
        case .index(let c, let k, _):
            guard let prefix = importTargetText(c, ctx, &diags) else { return nil }
            let (kv, ds) = Evaluator.evaluate(k, in: ctx)
            diags += ds
            let plain = kv.unmarked().0
            if let s = plain.stringValue { return prefix + "[" + AddressQuoting.quoted(s) + "]" }
            if let n = plain.numberValue?.intValue { return prefix + "[\(n)]" }
            return nil
        case .relativeTraversal(let source, let more):
            guard var text = importTargetText(source, ctx, &diags) else { return nil }
            for step in more {
                switch step.kind {
                case .attribute(let n): text += "." + n
                case .index(.string(let k)): text += "[" + AddressQuoting.quoted(k) + "]"
                case .index(.number(let n)): text += "[\(n)]"
                default: return nil
                }
            }
            return text
        default:
            return nil
        }
    }

    /// The instance an import block (or one of its for_each elements) names, and the ID to import.
    private func importTarget(_ decl: ImportDecl, _ ctx: EvalContext, _ diags: inout Diagnostics) -> (AbsResourceInstance, String)? {
        var tds = Diagnostics()
        let text = Engine.importTargetText(decl.to, ctx, &tds)
        diags += tds
        if tds.hasErrors { return nil }
        let (target, pds) = text.map { AddressParser.parseTarget($0) } ?? (nil, Diagnostics())
        let addr: AbsResourceInstance
        switch target {
        case .instance(let i)? where !pds.hasErrors: addr = i
        case .resource(let r)? where !pds.hasErrors: addr = r.instance(.none)
        default:
            diags += .error("Invalid import address", "The \"to\" argument must be a resource instance address.", subject: decl.to.range)
            return nil
        }
        if decl.forEach == nil, let rdecl = tree(of: addr.module)?.module.resources[addr.resource.resource.description] {
            // The key must agree with how the resource expands.
            var detail: String?
            switch addr.key {
            case .string: if rdecl.forEach == nil { detail = "The target resource does not use for_each." }
            case .int: if rdecl.count == nil { detail = "The target resource does not use count." }
            case .none:
                if rdecl.forEach != nil { detail = "The target resource is using for_each." }
                if rdecl.count != nil { detail = "The target resource is using count." }
            }
            if let detail {
                diags += .error("Invalid import 'to' expression", detail, subject: decl.to.range)
                return nil
            }
        }
        let (idValue, ids) = Evaluator.evaluate(decl.id, in: ctx)
        diags += ids
        if ids.hasErrors { return nil }
        guard let id = idValue.unmarked().0.stringValue, !id.isEmpty else {
            diags += .error("Invalid import id argument", "The import ID cannot be null or empty.", subject: decl.id.range)
            return nil
        }
        return (addr, id)
    }

    private func importOne(_ decl: ImportDecl, _ addr: AbsResourceInstance, _ id: String, _ prior: inout PriorResources, _ diags: inout Diagnostics) {
        if prior[addr.absResource]?.1[addr.key] != nil { return }
        guard let rdecl = tree(of: addr.module)?.module.resources[addr.resource.resource.description] else {
            diags += .error("Configuration for import target does not exist",
                            "The configuration for the given import \(addr) does not exist. All target instances must have an associated configuration to be imported.",
                            subject: decl.declRange)
            return
        }
        let node = tree(of: addr.module) ?? tree
        let source = providerSource(localName: rdecl.providerLocalName, in: node.module)
        guard let (p, schema) = provider(source: source, subject: decl.declRange, &diags),
              let rschema = schema.resources[rdecl.type] else { return }
        hooks?.preparingImport(addr, id: id)
        let (imported, ipds) = p.importResourceState(typeName: rdecl.type, id: id)
        diags += convert(ipds, subject: decl.declRange, address: addr.description)
        guard !ipds.hasErrors, let object = imported.first(where: { $0.typeName == rdecl.type }) else { return }
        guard let attrs = StateValueCodec.encode(object.state, as: rschema.block.impliedType) else { return }
        let providerAddr = providerConfigAddress(rdecl, in: node)
        let inst = InstanceObject(key: addr.key, schemaVersion: rschema.version, attributes: attrs, sensitiveAttributes: [], dependencies: [])
        var (rs, instances) = prior[addr.absResource] ?? (ResourceState(address: addr.absResource, provider: providerAddr, instances: []), [:])
        rs.instances.append(inst)
        instances[addr.key] = PriorInstance(value: object.state, object: inst, providerAddress: providerAddr)
        prior[addr.absResource] = (rs, instances)
        importing[addr] = id
    }
}

extension Engine {
    /// `terraswift import ADDR ID`: imports one object into the state, then reads it.
    public func importObject(_ addr: AbsResourceInstance, id: String, prior: StateFile?) -> (StateFile?, Diagnostics) {
        var diags = Diagnostics()
        guard addr.resource.resource.mode == .managed, let node = tree(of: addr.module),
              let decl = node.module.resources[addr.resource.resource.description] else {
            let r = addr.resource.resource
            diags += .error("resource address \"\(addr.absResource)\" does not exist in the configuration.",
                            "Before importing this resource, please create its configuration in \(addr.module.isRoot ? "the root module" : addr.module.description). For example:\n\nresource \"\(r.type)\" \"\(r.name)\" {\n  # (resource arguments)\n}\n")
            return (nil, diags)
        }
        let source = providerSource(localName: decl.providerLocalName, in: node.module)
        guard let (p, schema) = provider(source: source, subject: decl.typeRange, &diags),
              let rschema = schema.resources[decl.type] else { return (nil, diags) }
        hooks?.importingFrom(addr, id: id)
        let (imported, pds) = p.importResourceState(typeName: decl.type, id: id)
        diags += convert(pds, subject: nil, address: addr.description)
        guard !pds.hasErrors, let object = imported.first(where: { $0.typeName == decl.type }) else { return (nil, diags) }
        hooks?.importPrepared(addr, types: imported.map(\.typeName))
        let doc = StateDocument(prior ?? StateFile.empty())
        if doc.object(addr) != nil {
            diags += .error("Resource already managed by Terraform",
                            "Terraform is already managing a remote object for \(addr). To import to this address you must first remove the existing object from the state.")
            return (nil, diags)
        }
        hooks?.refreshing(addr, id: idString(object.state) ?? id)
        let resp = p.readResource(typeName: decl.type, currentState: object.state, privateData: nil)
        diags += convert(resp.diagnostics, subject: nil, address: addr.description)
        hooks?.refreshed(addr, id: idString(object.state) ?? id)
        if resp.diagnostics.hasErrors { return (nil, diags) }
        if resp.newState.isNull {
            diags += .error("Cannot import non-existent remote object",
                            "While attempting to import an existing object to \"\(addr)\", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use \"terraform apply\" to create a new remote object for this resource.")
            return (nil, diags)
        }
        guard doc.set(addr, provider: providerConfigAddress(decl, in: node), value: resp.newState, schema: rschema, dependencies: []) else {
            diags += .error("Failed to encode resource state", "The imported state of \(addr) could not be encoded.")
            return (nil, diags)
        }
        return (doc.file, diags)
    }
}
