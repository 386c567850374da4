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
        for decl in module.imports where decl.forEach == nil {
            guard case .scopeTraversal(let t) = decl.to.kind else {
                diags += .error("Invalid import address", "The \"to\" argument must be a resource instance address.", subject: decl.to.range)
                continue
            }
            let (target, tds) = AddressParser.parseTarget(Engine.addressText(t))
            let addr: AbsResourceInstance
            switch target {
            case .instance(let i)? where !tds.hasErrors: addr = i
            case .resource(let r)? where !tds.hasErrors: addr = r.instance(.none)
            default:
                diags += .error("Invalid import address", "The \"to\" argument must be a resource instance address.", subject: decl.to.range)
                continue
            }
            let (idValue, ids) = Evaluator.evaluate(decl.id, in: .constantsOnly)
            diags += ids
            guard let id = idValue.unmarked().0.stringValue, !id.isEmpty else {
                diags += .error("Invalid import id argument", "The import ID cannot be null or empty.", subject: decl.id.range)
                continue
            }
            if prior[addr.absResource]?.1[addr.key] != nil { continue }
            guard let rdecl = tree(of: addr.module)?.module.resources[addr.resource.resource.description] else {
                diags += .error("Configuration for import target does not exist",
                                "The configuration for the given import \(addr) does not exist. All target instances must have an associated configuration to be imported.",
                                subject: decl.declRange)
                continue
            }
            let node = tree(of: addr.module) ?? tree
            let source = providerSource(localName: rdecl.providerLocalName, in: node.module)
            guard let (p, schema) = provider(source: source, subject: decl.declRange, &diags),
                  let rschema = schema.resources[rdecl.type] else { continue }
            hooks?.preparingImport(addr, id: id)
            let (imported, pds) = p.importResourceState(typeName: rdecl.type, id: id)
            diags += convert(pds, subject: decl.declRange, address: addr.description)
            guard !pds.hasErrors, let object = imported.first(where: { $0.typeName == rdecl.type }) else { continue }
            guard let attrs = StateValueCodec.encode(object.state, as: rschema.block.impliedType) else { continue }
            let providerAddr = providerConfigAddress(rdecl, in: node)
            let inst = InstanceObject(key: addr.key, schemaVersion: rschema.version, attributes: attrs, sensitiveAttributes: [], dependencies: [])
            var (rs, instances) = prior[addr.absResource] ?? (ResourceState(address: addr.absResource, provider: providerAddr, instances: []), [:])
            rs.instances.append(inst)
            instances[addr.key] = PriorInstance(value: object.state, object: inst, providerAddress: providerAddr)
            prior[addr.absResource] = (rs, instances)
            importing[addr] = id
        }
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
