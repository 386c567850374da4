import Config
import HCL
import State
import Values

/// `moved` blocks: objects recorded at an old address are re-addressed before
/// anything else happens, so the plan shows "has moved to" instead of a
/// destroy and a create. Resources, instances and whole module instances move;
/// a move whose target already has an object is skipped.
extension Engine {
    typealias PriorResources = [AbsResource: (ResourceState, [InstanceKey: PriorInstance])]

    static func addressText(_ t: Traversal) -> String {
        var s = t.rootName
        for step in t.steps {
            switch step.kind {
            case .attribute(let n): s += "." + n
            case .index(.string(let k)): s += "[" + AddressQuoting.quoted(k) + "]"
            case .index(.number(let n)): s += "[\(n)]"
            case .index: s += "[?]"
            }
        }
        return s
    }

    /// Prefixes an address written inside a (non-expanded) module with that module's path.
    private static func absolute(_ t: AddressTarget, in path: [String]) -> AddressTarget {
        let prefix = ModuleInstance(path.map { ModuleInstanceStep(name: $0) })
        switch t {
        case .module(let m): return .module(ModuleInstance(prefix.steps + m.steps))
        case .resource(let r): return .resource(AbsResource(module: ModuleInstance(prefix.steps + r.module.steps), resource: r.resource))
        case .instance(let i): return .instance(AbsResourceInstance(module: ModuleInstance(prefix.steps + i.module.steps), resource: i.resource))
        }
    }

    func applyMovedBlocks(_ prior: inout PriorResources, _ diags: inout Diagnostics) {
        for node in tree.allModules {
            for decl in node.module.moved {
                let (fromT, fd) = AddressParser.parseTarget(Engine.addressText(decl.from))
                let (toT, td) = AddressParser.parseTarget(Engine.addressText(decl.to))
                guard let fromT, let toT, !fd.hasErrors, !td.hasErrors else {
                    diags += .error("Invalid \"moved\" address", "The addresses of a moved block must name modules, resources or resource instances.", subject: decl.declRange)
                    continue
                }
                move(Engine.absolute(fromT, in: node.path), Engine.absolute(toT, in: node.path), &prior)
            }
        }
    }

    private func move(_ from: AddressTarget, _ to: AddressTarget, _ prior: inout PriorResources) {
        func moveInstance(_ f: AbsResourceInstance, _ t: AbsResourceInstance) {
            guard var (frs, finst) = prior[f.absResource], let obj = finst[f.key] else { return }
            if prior[t.absResource]?.1[t.key] != nil { return }
            finst[f.key] = nil
            frs.instances.removeAll { $0.key == f.key && $0.deposed == nil }
            if finst.isEmpty { prior[f.absResource] = nil } else { prior[f.absResource] = (frs, finst) }
            var (trs, tinst) = prior[t.absResource] ?? (ResourceState(address: t.absResource, provider: frs.provider, instances: []), [:])
            tinst[t.key] = obj
            var o = obj.object
            o.key = t.key
            trs.instances.append(o)
            prior[t.absResource] = (trs, tinst)
            // A chain of moves keeps the first address.
            let origin = implicitMoves[f] ?? f
            implicitMoves[f] = nil
            implicitMoves[t] = origin
        }
        switch (from, to) {
        case (.resource(let f), .resource(let t)):
            guard let (_, instances) = prior[f] else { return }
            if prior[t] != nil { return }
            for key in instances.keys.sorted() { moveInstance(f.instance(key), t.instance(key)) }
        case (.instance(let f), .instance(let t)):
            moveInstance(f, t)
        case (.resource(let f), .instance(let t)):
            moveInstance(f.instance(.none), t)
        case (.instance(let f), .resource(let t)):
            moveInstance(f, t.instance(.none))
        case (.module(let f), .module(let t)):
            for abs in prior.keys.sorted() where abs.module == f || f.isAncestor(of: abs.module) {
                let rest = Array(abs.module.steps.dropFirst(f.steps.count))
                let target = AbsResource(module: ModuleInstance(t.steps + rest), resource: abs.resource)
                guard prior[target] == nil, let (_, instances) = prior[abs] else { continue }
                for key in instances.keys.sorted() { moveInstance(abs.instance(key), target.instance(key)) }
            }
        default:
            break
        }
    }
}
