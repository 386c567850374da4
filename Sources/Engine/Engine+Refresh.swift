import Config
import HCL
import JSON
import State
import Values

extension Engine {
    /// `terraform refresh`: reads every tracked object through its provider and
    /// returns the state with what the providers reported (objects that are gone
    /// are dropped). Outputs are kept as recorded.
    public func refresh(prior: StateFile) -> (StateFile, Diagnostics) {
        var diags = Diagnostics()
        var next = prior
        for (ri, r) in prior.resources.enumerated() where r.address.module.isRoot && r.address.resource.mode == .managed {
            let source = ResourceValueHints.providerSource(r.provider)
            guard let (p, schema) = provider(source: source, subject: nil, &diags),
                  let rschema = schema.resources[r.address.resource.type] else { continue }
            var kept: [InstanceObject] = []
            for obj in r.instances {
                guard obj.deposed == nil else { kept.append(obj); continue }
                let addr = r.address.instance(obj.key)
                let (value, pds) = p.upgradeResourceState(typeName: r.address.resource.type, version: obj.schemaVersion, rawState: obj.attributes ?? .object([]))
                diags += convert(pds, subject: nil, address: addr.description)
                if pds.hasErrors { kept.append(obj); continue }
                hooks?.refreshing(addr, id: obj.legacyID)
                let resp = p.readResource(typeName: r.address.resource.type, currentState: value, privateData: nil)
                diags += convert(resp.diagnostics, subject: nil, address: addr.description)
                hooks?.refreshed(addr, id: obj.legacyID)
                if resp.diagnostics.hasErrors { kept.append(obj); continue }
                if resp.newState.isNull { continue }
                var updated = obj
                if let attrs = StateValueCodec.encode(resp.newState, as: rschema.block.impliedType) {
                    updated.attributes = attrs
                    updated.schemaVersion = rschema.version
                }
                kept.append(updated)
            }
            next.resources[ri].instances = kept
        }
        next.pruneEmptyResources()
        return (next, diags)
    }
}
