import Config
import HCL
import Values

/// The objects of one module that depend on each other, and the order to
/// visit them in: variables, locals, resources and outputs, with edges from
/// references and `depends_on`. Built once in O(objects + references).
public struct ConfigGraph {
    public enum Node: Hashable, Sendable, CustomStringConvertible {
        case variable(String)
        case local(String)
        case resource(String)
        case output(String)

        public var description: String {
            switch self {
            case .variable(let n): return "var.\(n)"
            case .local(let n): return "local.\(n)"
            case .resource(let a): return a
            case .output(let n): return "output.\(n)"
            }
        }
    }

    /// Nodes in a dependency-respecting order (dependencies first).
    public private(set) var order: [Node] = []
    /// Direct dependencies of each node.
    public private(set) var dependencies: [Node: [Node]] = [:]

    /// Builds the graph of the root module; diagnostics name a cycle as terraform does.
    public static func build(_ module: ConfigModule) -> (ConfigGraph, Diagnostics) {
        var graph = ConfigGraph()
        var diags = Diagnostics()
        var nodes: [Node] = []
        for name in module.variables.keys.sorted() { nodes.append(.variable(name)) }
        for name in module.locals.keys.sorted() { nodes.append(.local(name)) }
        for addr in module.resources.keys.sorted() { nodes.append(.resource(addr)) }
        for name in module.outputs.keys.sorted() { nodes.append(.output(name)) }
        let known = Set(nodes)

        func targets(_ exprs: [Expression], _ traversals: [Traversal]) -> [Node] {
            var out: [Node] = []
            var seen = Set<Node>()
            let all = exprs.flatMap { ReferenceParser.traversals(in: $0) } + traversals
            for t in all {
                guard let node = referencedNode(t), known.contains(node), seen.insert(node).inserted else { continue }
                out.append(node)
            }
            return out
        }

        for node in nodes {
            switch node {
            case .variable:
                graph.dependencies[node] = []
            case .local(let name):
                graph.dependencies[node] = targets([module.locals[name]!.expression], [])
            case .resource(let addr):
                let r = module.resources[addr]!
                var exprs = bodyExpressions(r.config)
                if let c = r.count { exprs.append(c) }
                if let f = r.forEach { exprs.append(f) }
                exprs += r.lifecycle.replaceTriggeredBy
                graph.dependencies[node] = targets(exprs, r.dependsOn).filter { $0 != node }
            case .output(let name):
                let o = module.outputs[name]!
                graph.dependencies[node] = targets(o.expression.map { [$0] } ?? [], o.dependsOn)
            }
        }

        // Kahn's algorithm, taking ready nodes in declaration-sorted order so the walk is deterministic.
        var remaining: [Node: Int] = [:]
        var dependents: [Node: [Node]] = [:]
        for node in nodes {
            let deps = graph.dependencies[node] ?? []
            remaining[node] = deps.count
            for d in deps { dependents[d, default: []].append(node) }
        }
        var ready = nodes.filter { remaining[$0] == 0 }
        var head = 0
        while head < ready.count {
            let n = ready[head]
            head += 1
            graph.order.append(n)
            for m in dependents[n] ?? [] {
                remaining[m]! -= 1
                if remaining[m] == 0 { ready.append(m) }
            }
        }
        if graph.order.count < nodes.count {
            let stuck = nodes.filter { (remaining[$0] ?? 0) > 0 }
            let names = cycleDescription(stuck, graph.dependencies)
            diags += .error("Cycle: \(names)", "")
        }
        return (graph, diags)
    }

    /// The graph node a reference names, if it names one.
    static func referencedNode(_ t: Traversal) -> Node? {
        let (ref, _) = ReferenceParser.parse(t)
        guard let ref else { return nil }
        switch ref.subject {
        case .inputVariable(let n): return .variable(n)
        case .localValue(let n): return .local(n)
        case .resource(let mode, let type, let name, _):
            switch mode {
            case .managed: return .resource("\(type).\(name)")
            case .data: return .resource("data.\(type).\(name)")
            case .ephemeral: return .resource("ephemeral.\(type).\(name)")
            }
        default: return nil
        }
    }

    /// Every expression in a body, nested blocks included.
    static func bodyExpressions(_ body: Body) -> [Expression] {
        var out: [Expression] = []
        for item in body.items {
            switch item {
            case .attribute(let a): out.append(a.expression)
            case .block(let b): out += bodyExpressions(b.body)
            }
        }
        return out
    }

    private static func cycleDescription(_ stuck: [Node], _ deps: [Node: [Node]]) -> String {
        // Follow dependencies inside the stuck set until a node repeats: that loop is the cycle.
        let stuckSet = Set(stuck)
        guard var current = stuck.first else { return "" }
        var path: [Node] = []
        var index: [Node: Int] = [:]
        while index[current] == nil {
            index[current] = path.count
            path.append(current)
            guard let next = (deps[current] ?? []).first(where: { stuckSet.contains($0) }) else { break }
            current = next
        }
        let cycle = index[current].map { Array(path[$0...]) } ?? path
        return cycle.map(\.description).sorted().joined(separator: ", ")
    }
}
