import Config
import HCL
import Values

/// `-target=ADDR`: the plan covers the targeted objects, everything they
/// depend on, and root outputs that depend on targeted resources only.
extension Engine {
    /// The graph nodes a targeted walk visits; nil without targets.
    func targetedNodes() -> Set<ConfigGraph.Node>? {
        if targets.isEmpty { return nil }
        if let cached = targetedNodeCache { return cached }
        let result = computeTargetedNodes()
        targetedNodeCache = result
        return result
    }

    private func computeTargetedNodes() -> Set<ConfigGraph.Node> {
        var included = Set<ConfigGraph.Node>()
        func addWithAncestors(_ n: ConfigGraph.Node) {
            var stack = [n]
            while let x = stack.popLast() {
                guard included.insert(x).inserted else { continue }
                stack += graph.dependencies[x] ?? []
            }
        }
        for node in graph.order {
            if targets.contains(where: { Engine.nodeIsTarget(node, $0) }) { addWithAncestors(node) }
        }
        // Root outputs derived only from targeted resources stay up to date.
        for node in graph.order where node.module.isEmpty {
            guard case .output = node.kind else { continue }
            var seen = Set<ConfigGraph.Node>()
            var stack = graph.dependencies[node] ?? []
            var found = 0
            var untargeted = false
            while let x = stack.popLast() {
                guard seen.insert(x).inserted else { continue }
                if case .resource = x.kind {
                    if included.contains(x) { found += 1 } else { untargeted = true; break }
                }
                stack += graph.dependencies[x] ?? []
            }
            if found > 0 && !untargeted { addWithAncestors(node) }
        }
        return included
    }

    static func nodeIsTarget(_ node: ConfigGraph.Node, _ target: AddressTarget) -> Bool {
        switch target {
        case .module(let m):
            // Only resources are targeted; a module's outputs follow only when something targeted needs them.
            guard case .resource = node.kind else { return false }
            let names = m.steps.map(\.name)
            return node.module.count >= names.count && Array(node.module.prefix(names.count)) == names
        case .resource(let r):
            guard case .resource(let a) = node.kind else { return false }
            return node.module == r.module.steps.map(\.name) && a == r.resource.description
        case .instance(let i):
            guard case .resource(let a) = node.kind else { return false }
            return node.module == i.module.steps.map(\.name) && a == i.resource.resource.description
        }
    }

    /// Whether a target names this instance itself (not something it depends on).
    static func targetContains(_ target: AddressTarget, _ addr: AbsResourceInstance) -> Bool {
        switch target {
        case .module(let m): return m.targetContains(addr.module)
        // Resource and instance targets name one module instance exactly, as terraform compares them.
        case .resource(let r): return r == addr.absResource
        case .instance(let i): return i == addr
        }
    }

    /// Whether an instance is covered by the targets (always, without targets).
    /// As terraform: a resource a target names (at the configuration level, so
    /// `module.m[1]` names the resources of every `module.m` instance) plans
    /// only the instances the targets contain; one included because targets
    /// depend on it is planned whole.
    func isTargeted(_ addr: AbsResourceInstance) -> Bool {
        if targets.isEmpty { return true }
        let node = ConfigGraph.Node(addr.module.steps.map(\.name), .resource(addr.resource.resource.description))
        if targets.contains(where: { Engine.nodeIsTarget(node, $0) }) {
            return targets.contains { Engine.targetContains($0, addr) }
        }
        return targetedNodes()?.contains(node) ?? true
    }

    /// The instances a targeted destroy removes: those the targets contain and,
    /// transitively, every instance whose recorded dependencies name the
    /// resource of one of them (terraform's destroy graph orders dependents
    /// first, and targeting takes them along) — except across two instances
    /// of one module, which terraform keeps apart. Linear in instances + dependencies.
    func destroyTargeted(_ prior: PriorResources) -> Set<AbsResourceInstance> {
        var dependents: [String: [AbsResourceInstance]] = [:]
        var chosen = Set<AbsResourceInstance>()
        var queue: [AbsResourceInstance] = []
        for (abs, (_, instances)) in prior {
            for (key, inst) in instances {
                let addr = abs.instance(key)
                for d in inst.object.dependencies { dependents[d, default: []].append(addr) }
                if targets.contains(where: { Engine.targetContains($0, addr) }) && chosen.insert(addr).inserted { queue.append(addr) }
            }
        }
        struct Expanded: Hashable { var config: String; var module: ModuleInstance }
        var expanded = Set<Expanded>()
        while let addr = queue.popLast() {
            let config = Engine.configAddress(addr.absResource)
            guard expanded.insert(Expanded(config: config, module: addr.module)).inserted else { continue }
            let names = addr.module.steps.map(\.name)
            for d in dependents[config] ?? [] {
                if d.module != addr.module && d.module.steps.map(\.name) == names { continue }
                if chosen.insert(d).inserted { queue.append(d) }
            }
        }
        return chosen
    }

    /// A resource's value when targeting left some of its instances out: as
    /// terraform builds it from what exists, an instance neither planned nor in
    /// state is absent (a `count` tuple ends at the last one present).
    static func partialAggregate(_ expansion: Expansion, _ values: [InstanceKey: Value]) -> Value {
        switch expansion {
        case .count:
            let last = values.keys.compactMap { k -> Int? in if case .int(let i) = k { return i } else { return nil } }.max() ?? -1
            return .tuple((0..<(last + 1)).map { values[.int($0)] ?? .dynamicUnknown })
        case .forEach(let entries):
            var out: [String: Value] = [:]
            for (k, _) in entries { if let v = values[.string(k)] { out[k] = v } }
            return .object(out)
        default:
            return EvaluationScope.aggregate(expansion, values)
        }
    }

    static let targetingWarning = Diagnostic.warning("Resource targeting is in effect",
        "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terraform specifically suggests to use it as part of an error message.")

    static let targetedApplyWarning = Diagnostic.warning("Applied changes may be incomplete",
        "The plan was created with the -target option in effect, so some changes requested in the configuration may have been ignored and the output values may not be fully updated. Run the following command to verify that no other changes are pending:\n    terraform plan\n\nNote that the -target option is not suitable for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terraform specifically suggests to use it as part of an error message.")
}
