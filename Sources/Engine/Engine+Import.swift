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
