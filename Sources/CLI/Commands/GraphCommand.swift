import Config
import Engine
import Foundation
import HCL
import State
import Values

/// `graph`: the configuration's dependency graph in DOT. Without `-type`,
/// resources only (terraform's simplified view); `-type=plan|apply`, the
/// operation graph with variables, locals, outputs, providers and the root,
/// transitively reduced; `-type=plan-destroy`, the destroy graph of the
/// objects in state. Root module only, as the engine plans it.
struct GraphCommand: Command {
    static let path = ["graph"]
    static let synopsis = "Print the operation graph in DOT format"
    static let usage = """
    Usage: terraform [global options] graph [options]

      Prints the dependency graph of the configuration in the DOT language,
      for GraphViz and similar programs.

    Options:

      -type=plan          The graph of an operation: plan, plan-refresh-only,
                          plan-destroy or apply. Without it, only resources
                          and their dependencies.

      -draw-cycles        Accepted for compatibility.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "graph")
        flags.string("type")
        flags.string("plan")
        flags.bool("draw-cycles")
        flags.int("module-depth", default: -1)
        let color = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args.filter { $0 != "-no-color" }, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let (tree, sources, loadDiags) = ConfigTree.load(rootDirectory: ctx.workingDirectory)
        if loadDiags.hasErrors {
            ctx.render(loadDiags, color: color, sources: sources)
            return 1
        }
        let module = tree.module
        let (graph, graphDiags) = ConfigGraph.build(module)
        if graphDiags.hasErrors {
            ctx.render(graphDiags, color: color, sources: sources)
            return 1
        }
        let type = parsed.string("type")
        guard ["", "plan", "apply", "plan-refresh-only", "plan-destroy"].contains(type) else {
            // terraform reports this one through its older UI path: red-wrapped, with a closing line of its own.
            let d = Diagnostic.error("Unsupported graph type", "The -type=... argument must be either \"plan\", \"plan-refresh-only\", \"plan-destroy\", or \"apply\".")
            let text = DiagnosticRenderer(sources: sources, color: color).render(d)
            ctx.err(color ? PlanColor.red + text + PlanColor.reset + PlanColor.reset + "\n" : text + "\n")
            return 1
        }
        // Objects in state that the configuration no longer has appear too (as orphans).
        let support = StateCommandSupport(ctx, color: color)
        guard let store = support.store() else { return 1 }
        let (ok, state) = support.load(store)
        guard ok else { return 1 }
        let orphans = (state?.resources ?? []).filter {
            $0.address.module.isRoot && $0.address.resource.mode == .managed && !$0.instances.isEmpty
                && module.resources[$0.address.resource.description] == nil
        }
        switch type {
        case "":
            ctx.out(resourcesOnly(graph, orphans: orphans))
        case "plan", "apply", "plan-refresh-only":
            ctx.out(operation(module, graph, orphans: orphans))
        case "plan-destroy":
            ctx.out(destroy(module, state))
        default:
            break
        }
        return 0
    }

    // MARK: Graph algebra

    /// Edges from a node to what it depends on, as names.
    struct Digraph {
        var edges: [String: Set<String>] = [:]

        mutating func add(_ from: String, _ to: String) {
            edges[from, default: []].insert(to)
            if edges[to] == nil { edges[to] = [] }
        }

        mutating func node(_ n: String) { if edges[n] == nil { edges[n] = [] } }

        /// Removes every edge u -> v for which another path from u reaches v.
        mutating func reduce() {
            var memo: [String: Set<String>] = [:]
            func reach(_ n: String) -> Set<String> {
                if let m = memo[n] { return m }
                memo[n] = []
                var out = Set<String>()
                for d in edges[n] ?? [] {
                    out.insert(d)
                    out.formUnion(reach(d))
                }
                memo[n] = out
                return out
            }
            var reduced: [String: Set<String>] = [:]
            for (u, succ) in edges {
                var keep = succ
                for w in succ {
                    for v in succ where v != w && reach(w).contains(v) { keep.remove(v) }
                }
                reduced[u] = keep
            }
            edges = reduced
        }

        var sortedEdges: [(String, String)] {
            edges.keys.sorted(by: byteOrder).flatMap { u in (edges[u] ?? []).sorted(by: byteOrder).map { (u, $0) } }
        }
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: Resources only

    static func resourcesOnly(_ graph: ConfigGraph, orphans: [ResourceState]) -> String {
        // Resource-to-resource dependencies, seen through locals and variables.
        var memo: [ConfigGraph.Node: Set<String>] = [:]
        func resources(under node: ConfigGraph.Node) -> Set<String> {
            if let m = memo[node] { return m }
            memo[node] = []
            var out = Set<String>()
            for d in graph.dependencies[node] ?? [] {
                if case .resource(let a) = d.kind { out.insert(a) } else { out.formUnion(resources(under: d)) }
            }
            memo[node] = out
            return out
        }
        var g = Digraph()
        for node in graph.order {
            guard case .resource(let a) = node.kind else { continue }
            g.node(a)
            for d in resources(under: node) { g.add(a, d) }
        }
        for r in orphans { g.node(r.address.resource.description) }
        g.reduce()
        var out = "digraph G {\n  rankdir = \"RL\";\n  node [shape = rect, fontname = \"sans-serif\"];\n"
        for n in g.edges.keys.sorted(by: byteOrder) { out += "  \(quoted(n)) [label=\(quoted(n))];\n" }
        for (u, v) in g.sortedEdges { out += "  \(quoted(u)) -> \(quoted(v));\n" }
        return out + "}\n"
    }

    // MARK: Operation graphs

    static func providerNode(_ module: ConfigModule, _ r: ResourceDecl) -> String {
        let source = ProviderRegistry.fullSource(localName: r.providerLocalName, declared: module.requiredProviders[r.providerLocalName]?.source)
        return "provider[\"\(source)\"]" + (r.provider?.alias.map { "." + $0 } ?? "")
    }

    static func name(_ n: ConfigGraph.Node) -> String {
        switch n.kind {
        case .variable(let v): return "var.\(v)"
        case .local(let l): return "local.\(l) (expand)"
        case .output(let o): return "output.\(o) (expand)"
        case .resource(let a): return "\(a) (expand)"
        case .moduleCall(let m): return "module.\(m) (expand)"
        }
    }

    static func operation(_ module: ConfigModule, _ graph: ConfigGraph, orphans: [ResourceState]) -> String {
        var g = Digraph()
        var shapes: [String: (String, String)] = [:]
        for node in graph.order {
            let from = name(node)
            g.node(from)
            for d in graph.dependencies[node] ?? [] { g.add(from, name(d)) }
            switch node.kind {
            case .variable(let v): shapes[from] = ("var.\(v)", "note")
            case .resource(let a):
                shapes[from] = (a, "box")
                if let decl = module.resources[a] {
                    let p = providerNode(module, decl)
                    shapes[p] = (p, "diamond")
                    g.add(from, p)
                    g.add(p + " (close)", from)
                }
            default: break
            }
        }
        for r in orphans {
            let addr = r.address.resource.description
            let node = addr + " (orphan)"
            shapes[node] = (addr, "box")
            shapes[r.provider] = (r.provider, "diamond")
            g.add(node, r.provider)
            g.add(r.provider + " (close)", node)
        }
        addRoot(&g)
        g.reduce()
        return dot(g, shapes: shapes.map { ($0.key, $0.value.0, $0.value.1) })
    }

    /// The root depends on everything nothing else depends on.
    static func addRoot(_ g: inout Digraph) {
        var hasDependents = Set<String>()
        for (_, succ) in g.edges { hasDependents.formUnion(succ) }
        for n in g.edges.keys where !hasDependents.contains(n) { g.add("root", n) }
    }

    static func dot(_ g: Digraph, shapes: [(name: String, label: String, shape: String)]) -> String {
        var out = "digraph {\n\tcompound = \"true\"\n\tnewrank = \"true\"\n\tsubgraph \"root\" {\n"
        for s in shapes.sorted(by: { byteOrder($0.name, $1.name) }) {
            out += "\t\t\(quoted("[root] " + s.name)) [label = \(quoted(s.label)), shape = \(quoted(s.shape))]\n"
        }
        for (u, v) in g.sortedEdges { out += "\t\t\(quoted("[root] " + u)) -> \(quoted("[root] " + v))\n" }
        return out + "\t}\n}\n"
    }

    /// Destroying what the state holds: each object goes after those that depend on it.
    static func destroy(_ module: ConfigModule, _ state: StateFile?) -> String {
        var g = Digraph()
        var shapes: [(String, String, String)] = []
        for o in module.outputs.keys { g.node("output.\(o) (expand)") }
        let managed = (state?.resources ?? []).filter { $0.address.module.isRoot && $0.address.resource.mode == .managed && !$0.instances.isEmpty }
        let present = Set(managed.map { $0.address.resource.description })
        for r in managed {
            let addr = r.address.resource.description
            let node = addr + " (destroy)"
            let provider = r.provider
            shapes.append((provider, provider, "diamond"))
            for _ in r.instances { shapes.append((node, addr, "box")) }
            g.add(node, provider)
            g.add(provider + " (close)", node)
            var deps = Set<String>()
            for obj in r.instances { deps.formUnion(obj.dependencies) }
            for d in deps where d != addr && present.contains(d) { g.add(d + " (destroy)", node) }
        }
        addRoot(&g)
        g.reduce()
        // Providers once; a resource's destroy node once per instance, as terraform declares them.
        var seenProviders = Set<String>()
        let declared = shapes.filter { $0.2 != "diamond" || seenProviders.insert($0.0).inserted }
        return dot(g, shapes: declared.map { (name: $0.0, label: $0.1, shape: $0.2) })
    }
}
