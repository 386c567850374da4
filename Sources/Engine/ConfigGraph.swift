import Config
import HCL
import Values

/// The objects of a whole configuration tree that depend on each other, and
/// the order to visit them in: variables, locals, module calls, resources and
/// outputs of every module (by static path, not instance), with edges from
/// references, `depends_on` and module boundaries. Built once in
/// O(objects + references); each node is later visited once for all the
/// instances of its module.
public struct ConfigGraph {
    public enum Kind: Hashable, Sendable {
        case variable(String)
        case local(String)
        /// `data.x.y` or `x.y`.
        case resource(String)
        case output(String)
        /// The expansion of a `module` block of this module.
        case moduleCall(String)
    }

    public struct Node: Hashable, Sendable, CustomStringConvertible {
        /// Module call names from the root; empty for the root module.
        public var module: [String]
        public var kind: Kind

        public init(_ module: [String], _ kind: Kind) {
            self.module = module
            self.kind = kind
        }

        var prefix: String { module.map { "module.\($0)." }.joined() }

        public var description: String {
            switch kind {
            case .variable(let n): return prefix + "var.\(n)"
            case .local(let n): return prefix + "local.\(n)"
            case .resource(let a): return prefix + a
            case .output(let n): return module.isEmpty ? "output.\(n)" : prefix + "output.\(n)"
            case .moduleCall(let n): return prefix + "module.\(n)"
            }
        }
    }

    /// Nodes in a dependency-respecting order (dependencies first).
    public private(set) var order: [Node] = []
    /// Direct dependencies of each node.
    public private(set) var dependencies: [Node: [Node]] = [:]

    /// Builds the graph of the root module alone.
    public static func build(_ module: ConfigModule) -> (ConfigGraph, Diagnostics) {
        build(modules: [([], module, [:])])
    }

    /// Builds the graph of a whole tree; diagnostics name a cycle as terraform does.
    public static func build(_ tree: ConfigTree) -> (ConfigGraph, Diagnostics) {
        build(modules: tree.allModules.map { node in
            (node.path, node.module, node.children.mapValues(\.module))
        })
    }

    static func build(modules: [([String], ConfigModule, [String: ConfigModule])]) -> (ConfigGraph, Diagnostics) {
        var graph = ConfigGraph()
        var diags = Diagnostics()
        var nodes: [Node] = []
        for (path, module, _) in modules {
            for name in module.variables.keys.sorted() { nodes.append(Node(path, .variable(name))) }
            for name in module.locals.keys.sorted() { nodes.append(Node(path, .local(name))) }
            for name in module.moduleCalls.keys.sorted() { nodes.append(Node(path, .moduleCall(name))) }
            for addr in module.resources.keys.sorted() where module.resources[addr]?.mode != .ephemeral { nodes.append(Node(path, .resource(addr))) }
            for name in module.outputs.keys.sorted() { nodes.append(Node(path, .output(name))) }
        }
        let known = Set(nodes)
        var childOutputs: [[String]: [Node]] = [:]
        for (path, module, _) in modules where !path.isEmpty {
            childOutputs[path] = module.outputs.keys.sorted().map { Node(path, .output($0)) }
        }

        /// The nodes that expressions of module `path` refer to.
        func targets(_ path: [String], _ exprs: [Expression], _ traversals: [Traversal]) -> [Node] {
            var out: [Node] = []
            var seen = Set<Node>()
            func add(_ n: Node) {
                guard known.contains(n), seen.insert(n).inserted else { return }
                out.append(n)
            }
            let all = exprs.flatMap { ReferenceParser.traversals(in: $0) } + traversals
            for t in all {
                let (ref, _) = ReferenceParser.parse(t)
                guard let ref else { continue }
                switch ref.subject {
                case .inputVariable(let n): add(Node(path, .variable(n)))
                case .localValue(let n): add(Node(path, .local(n)))
                case .resource(let mode, let type, let name, _):
                    switch mode {
                    case .managed: add(Node(path, .resource("\(type).\(name)")))
                    case .data: add(Node(path, .resource("data.\(type).\(name)")))
                    case .ephemeral: break
                    }
                case .moduleOutput(let call, let output):
                    add(Node(path, .moduleCall(call)))
                    add(Node(path + [call], .output(output)))
                case .moduleCall(let call):
                    add(Node(path, .moduleCall(call)))
                    for o in childOutputs[path + [call]] ?? [] { add(o) }
                default: break
                }
            }
            return out
        }

        for (path, module, children) in modules {
            // Everything inside a called module waits for the call's expansion.
            let entry: [Node] = path.isEmpty ? [] : [Node(Array(path.dropLast()), .moduleCall(path[path.count - 1]))]
            for name in module.variables.keys.sorted() {
                graph.dependencies[Node(path, .variable(name)), default: []] += entry
            }
            for (name, decl) in module.locals {
                graph.dependencies[Node(path, .local(name))] = entry + targets(path, [decl.expression], [])
            }
            for (addr, r) in module.resources where r.mode != .ephemeral {
                var exprs = bodyExpressions(r.config)
                if let c = r.count { exprs.append(c) }
                if let f = r.forEach { exprs.append(f) }
                exprs += r.lifecycle.replaceTriggeredBy
                for rule in r.lifecycle.preconditions + r.lifecycle.postconditions {
                    if let c = rule.condition { exprs.append(c) }
                    if let m = rule.errorMessage { exprs.append(m) }
                }
                let node = Node(path, .resource(addr))
                graph.dependencies[node] = entry + targets(path, exprs, r.dependsOn).filter { $0 != node }
            }
            for (name, o) in module.outputs {
                var exprs = o.expression.map { [$0] } ?? []
                for rule in o.preconditions {
                    if let c = rule.condition { exprs.append(c) }
                    if let m = rule.errorMessage { exprs.append(m) }
                }
                graph.dependencies[Node(path, .output(name))] = entry + targets(path, exprs, o.dependsOn)
            }
            for (name, call) in module.moduleCalls {
                var exprs: [Expression] = []
                if let c = call.count { exprs.append(c) }
                if let f = call.forEach { exprs.append(f) }
                let callNode = Node(path, .moduleCall(name))
                graph.dependencies[callNode] = entry + targets(path, exprs, call.dependsOn).filter { $0 != callNode }
                // The child's variables are the call's arguments, evaluated here.
                guard let child = children[name] else { continue }
                let childPath = path + [name]
                let inputs = Dictionary(call.inputs.map { ($0.name, $0.expression) }, uniquingKeysWith: { a, _ in a })
                for v in child.variables.keys {
                    let vnode = Node(childPath, .variable(v))
                    graph.dependencies[vnode, default: []] += inputs[v].map { targets(path, [$0], []) } ?? []
                }
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
        // terraform names the nodes that expand a value per module instance with " (expand)"; resources without.
        func name(_ n: Node) -> String {
            if case .resource = n.kind { return n.description }
            if case .variable = n.kind, n.module.isEmpty { return n.description }
            return n.description + " (expand)"
        }
        return cycle.map(name).sorted().joined(separator: ", ")
    }
}
