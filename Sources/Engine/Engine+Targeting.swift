import Config
import HCL

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

    /// Whether an instance is covered by the targets (always, without targets).
    /// A resource targeted by instance plans only those instances; one included
    /// because targets depend on it is planned whole.
    func isTargeted(_ addr: AbsResourceInstance) -> Bool {
        if targets.isEmpty { return true }
        var instanceTargeted = false
        for t in targets {
            switch t {
            case .module(let m): if m.targetContains(addr.module) { return true }
            case .resource(let r): if r.resource == addr.resource.resource && r.module.targetContains(addr.module) { return true }
            case .instance(let i):
                if i.resource.resource == addr.resource.resource && i.module.steps.map(\.name) == addr.module.steps.map(\.name) {
                    if i.resource.key == addr.resource.key && i.module.targetContains(addr.module) { return true }
                    instanceTargeted = true
                }
            }
        }
        if instanceTargeted { return false }
        let node = ConfigGraph.Node(addr.module.steps.map(\.name), .resource(addr.resource.resource.description))
        return targetedNodes()?.contains(node) ?? true
    }

    static let targetingWarning = Diagnostic.warning("Resource targeting is in effect",
        "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terraform specifically suggests to use it as part of an error message.")

    static let targetedApplyWarning = Diagnostic.warning("Applied changes may be incomplete",
        "The plan was created with the -target option in effect, so some changes requested in the configuration may have been ignored and the output values may not be fully updated. Run the following command to verify that no other changes are pending:\n    terraform plan\n\nNote that the -target option is not suitable for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terraform specifically suggests to use it as part of an error message.")
}
