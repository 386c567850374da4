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

    /// Prefixes an address written inside a module with one instance of that module.
    private static func absolute(_ t: AddressTarget, in prefix: ModuleInstance) -> AddressTarget {
        switch t {
        case .module(let m): return .module(ModuleInstance(prefix.steps + m.steps))
        case .resource(let r): return .resource(AbsResource(module: ModuleInstance(prefix.steps + r.module.steps), resource: r.resource))
        case .instance(let i): return .instance(AbsResourceInstance(module: ModuleInstance(prefix.steps + i.module.steps), resource: i.resource))
        }
    }

    /// The instances of each module with `moved` blocks that the prior state
    /// has objects in: a module's moves apply in every one of its instances.
    private func movedModuleInstances(_ prior: PriorResources) -> [[String]: [ModuleInstance]] {
        var wanted = Set<[String]>()
        for node in tree.allModules where !node.module.moved.isEmpty && !node.path.isEmpty { wanted.insert(node.path) }
        var found: [[String]: Set<ModuleInstance>] = [:]
        if !wanted.isEmpty {
            for abs in prior.keys {
                var names: [String] = []
                for (i, step) in abs.module.steps.enumerated() {
                    names.append(step.name)
                    if wanted.contains(names) { found[names, default: []].insert(ModuleInstance(Array(abs.module.steps.prefix(i + 1)))) }
                }
            }
        }
        var out: [[String]: [ModuleInstance]] = [[]: [.root]]
        for (path, set) in found { out[path] = set.sorted() }
        return out
    }

    func applyMovedBlocks(_ prior: inout PriorResources, _ diags: inout Diagnostics) {
        moveErrors = Diagnostics()
        let instancesByPath = movedModuleInstances(prior)
        var statements: [(AddressTarget, AddressTarget, MovedDecl, ConfigTree)] = []
        for node in tree.allModules {
            for decl in node.module.moved {
                let (fromT, fd) = AddressParser.parseTarget(Engine.addressText(decl.from))
                let (toT, td) = AddressParser.parseTarget(Engine.addressText(decl.to))
                guard let fromT, let toT, !fd.hasErrors, !td.hasErrors else {
                    diags += .error("Invalid \"moved\" address", "The addresses of a moved block must name modules, resources or resource instances.", subject: decl.declRange)
                    continue
                }
                for mi in instancesByPath[node.path] ?? [] {
                    statements.append((Engine.absolute(fromT, in: mi), Engine.absolute(toT, in: mi), decl, node))
                }
            }
        }
        // terraform moves first and reports bad statements after refreshing.
        validateMoves(statements)
        for (from, to, _, _) in statements { move(from, to, &prior) }
    }

    /// terraform's checks of move statements (reported after refreshing, as terraform does):
    /// a source still declared, and two statements moving from or to one address.
    private func validateMoves(_ statements: [(AddressTarget, AddressTarget, MovedDecl, ConfigTree)]) {
        var byFrom: [AddressTarget: (AddressTarget, SourceRange)] = [:]
        var byTo: [AddressTarget: (AddressTarget, SourceRange)] = [:]
        func start(_ r: SourceRange) -> String { "\(r.filename):\(r.start.line),\(r.start.column)" }
        for (from, to, decl, _) in statements {
            let noun: (String, String)
            switch from {
            case .module: noun = ("module instance", "instance")
            case .resource: noun = ("resource", "resource")
            case .instance: noun = ("resource instance", "instance")
            }
            if case .resource(let r) = from, let declared = tree(of: r.module)?.module.resources[r.resource.description] {
                moveErrors += .error("Moved object still exists",
                                     "This statement declares a move from \(from), but that \(noun.0) is still declared at \(start(declared.declRange)).\n\nChange your configuration so that this \(noun.1) will be declared as \(to) instead.",
                                     subject: decl.declRange)
            }
            if let (other, at) = byFrom[from] {
                if other != to {
                    moveErrors += .error("Ambiguous move statements",
                                         "A statement at \(start(at)) declared that \(from) moved to \(other), but this statement instead declares that it moved to \(to).\n\nEach \(noun.0) can move to only one destination \(noun.1).",
                                         subject: decl.declRange)
                }
            } else {
                byFrom[from] = (to, decl.declRange)
            }
            if let (other, at) = byTo[to] {
                if other != from {
                    moveErrors += .error("Ambiguous move statements",
                                         "A statement at \(start(at)) declared that \(other) moved to \(to), but this statement instead declares that \(from) moved there.\n\nEach \(noun.0) can have moved from only one source \(noun.1).",
                                         subject: decl.declRange)
                }
            } else {
                byTo[to] = (from, decl.declRange)
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
