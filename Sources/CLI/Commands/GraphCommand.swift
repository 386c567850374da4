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
        // Cycles anywhere in the tree, through module boundaries too.
        let (treeGraph, graphDiags) = ConfigGraph.build(tree)
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
        // (any module; the calls state still has but the configuration dropped close too)
        let orphans = (state?.resources ?? []).filter {
            $0.address.resource.mode == .managed && !$0.instances.isEmpty && !declared(tree, $0.address)
        }
        var removedCalls = Set<[String]>()
        for r in state?.resources ?? [] {
            var node: ConfigTree? = tree
            var path: [String] = []
            for step in r.address.module.steps {
                path.append(step.name)
                node = node?.children[step.name]
                if node == nil { removedCalls.insert(path); break }
            }
        }
        switch type {
        case "":
            ctx.out(resourcesOnly(treeGraph, orphans: configOrphans(tree, state), tree: tree))
        case "plan", "apply", "plan-refresh-only":
            ctx.out(operation(tree, treeGraph, orphans: type == "apply" ? [] : orphans, removedCalls: removedCalls))
        case "plan-destroy":
            ctx.out(destroy(module, state))
        default:
            break
        }
        return 0
    }

    /// Managed resources in state (any module) that the configuration no longer declares.
    static func configOrphans(_ tree: ConfigTree, _ state: StateFile?) -> [ConfigResourceNode] {
        var out = Set<ConfigResourceNode>()
        for r in state?.resources ?? [] where r.address.resource.mode == .managed && !r.instances.isEmpty {
            let path = r.address.module.steps.map(\.name)
            var node: ConfigTree? = tree
            for name in path { node = node?.children[name] }
            let addr = r.address.resource.description
            if node?.module.resources[addr] == nil { out.insert(ConfigResourceNode(module: path, resource: addr)) }
        }
        return Array(out)
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

    /// A resource of the configuration by static module path, as terraform's resource-only graph names it.
    struct ConfigResourceNode: Hashable {
        var module: [String]
        /// `type.name` or `data.type.name`.
        var resource: String

        var moduleText: String { module.map { "module." + $0 }.joined(separator: ".") }
        var text: String { module.isEmpty ? resource : moduleText + "." + resource }
        var isData: Bool { resource.hasPrefix("data.") }
        var typeAndName: (String, String) {
            let parts = (isData ? String(resource.dropFirst(5)) : resource).split(separator: ".", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }

        /// terraform's order: by module text, then data before managed, then type, then name.
        static func precedes(_ a: ConfigResourceNode, _ b: ConfigResourceNode) -> Bool {
            let am = a.moduleText, bm = b.moduleText
            if am != bm { return byteOrder(am, bm) }
            if a.isData != b.isData { return a.isData }
            let (at, an) = a.typeAndName, (bt, bn) = b.typeAndName
            if at != bt { return byteOrder(at, bt) }
            return byteOrder(an, bn)
        }
    }

    static func resourcesOnly(_ graph: ConfigGraph, orphans: [ConfigResourceNode], tree: ConfigTree? = nil) -> String {
        // Resource-to-resource dependencies, seen through locals, variables, module calls and outputs.
        var memo: [ConfigGraph.Node: Set<ConfigResourceNode>] = [:]
        func resources(under node: ConfigGraph.Node) -> Set<ConfigResourceNode> {
            if let m = memo[node] { return m }
            memo[node] = []
            var out = Set<ConfigResourceNode>()
            for d in graph.dependencies[node] ?? [] {
                if case .resource(let a) = d.kind { out.insert(ConfigResourceNode(module: d.module, resource: a)) } else { out.formUnion(resources(under: d)) }
            }
            memo[node] = out
            return out
        }
        var deps: [ConfigResourceNode: Set<ConfigResourceNode>] = [:]
        for node in graph.order {
            guard case .resource(let a) = node.kind else { continue }
            deps[ConfigResourceNode(module: node.module, resource: a)] = resources(under: node)
        }
        for r in orphans where deps[r] == nil { deps[r] = [] }
        // `depends_on = [module.m]` waits for every resource in that module and below, orphans included.
        if let tree {
            var modules: [[String]: ConfigModule] = [:]
            for node in tree.allModules { modules[node.path] = node.module }
            let all = Array(deps.keys)
            for n in all {
                guard let decl = modules[n.module]?.resources[n.resource] else { continue }
                for t in decl.dependsOn {
                    guard case .moduleCall(let c)? = ReferenceParser.parse(t).0?.subject else { continue }
                    let prefix = n.module + [c]
                    for other in all where other.module.starts(with: prefix) { deps[n, default: []].insert(other) }
                }
            }
        }
        // Transitive reduction, on the text names.
        var g = Digraph()
        for (n, ds) in deps {
            g.node(n.text)
            for d in ds where d != n { g.add(n.text, d.text) }
        }
        g.reduce()
        let order = deps.keys.sorted(by: ConfigResourceNode.precedes)
        var out = "digraph G {\n  rankdir = \"RL\";\n  node [shape = rect, fontname = \"sans-serif\"];\n"
        if order.isEmpty {
            out += "  /* This configuration does not contain any resources.         */\n"
            out += "  /* For a more detailed graph, try: terraform graph -type=plan */\n"
        }
        var current: [String] = []
        for n in order {
            if n.module != current {
                if !current.isEmpty { out += "  }\n" }
                current = n.module
                out += "  subgraph \(quoted("cluster_" + n.moduleText)) {\n"
                out += "    label = \(quoted(n.moduleText))\n    fontname = \"sans-serif\"\n"
            }
            out += (current.isEmpty ? "  " : "    ") + "\(quoted(n.text)) [label=\(quoted(n.resource))];\n"
        }
        if !current.isEmpty { out += "  }\n" }
        for u in order {
            let succ = g.edges[u.text] ?? []
            for v in order where succ.contains(v.text) { out += "  \(quoted(u.text)) -> \(quoted(v.text));\n" }
        }
        return out + "}\n"
    }

    // MARK: Operation graphs

    static func providerNode(_ module: ConfigModule, _ r: ResourceDecl) -> String {
        let source = ProviderRegistry.fullSource(localName: r.providerLocalName, declared: module.requiredProviders[r.providerLocalName]?.source)
        return "provider[\"\(source)\"]" + (r.provider?.alias.map { "." + $0 } ?? "")
    }

    static func name(_ n: ConfigGraph.Node) -> String {
        let prefix = n.module.map { "module.\($0)." }.joined()
        switch n.kind {
        case .variable(let v): return n.module.isEmpty ? "var.\(v)" : prefix + "var.\(v) (expand)"
        case .local(let l): return prefix + "local.\(l) (expand)"
        case .output(let o): return prefix + "output.\(o) (expand)"
        case .resource(let a): return prefix + "\(a) (expand)"
        case .moduleCall(let m): return prefix + "module.\(m) (expand)"
        }
    }

    static func closeName(_ path: [String]) -> String {
        path.map { "module.\($0)" }.joined(separator: ".") + " (close)"
    }

    /// Module calls that a node's expressions refer to as a whole (`module.m`, `module.m[0]`), not through one output.
    static func wholeModuleReferences(_ node: ConfigGraph.Node, _ m: ConfigModule) -> Set<String> {
        var exprs: [HCL.Expression] = []
        var extra: [Traversal] = []
        func walk(_ body: Body) {
            for a in body.attributes { exprs.append(a.expression) }
            for b in body.blocks { walk(b.body) }
        }
        switch node.kind {
        case .resource(let a):
            guard let r = m.resources[a] else { return [] }
            walk(r.config)
            if let c = r.count { exprs.append(c) }
            if let f = r.forEach { exprs.append(f) }
            extra = r.dependsOn
        case .output(let o):
            guard let out = m.outputs[o] else { return [] }
            if let e = out.expression { exprs.append(e) }
            extra = out.dependsOn
        case .local(let l):
            if let e = m.locals[l]?.expression { exprs.append(e) }
        case .moduleCall(let c):
            guard let call = m.moduleCalls[c] else { return [] }
            if let e = call.count { exprs.append(e) }
            if let f = call.forEach { exprs.append(f) }
            exprs += call.inputs.map(\.expression)
            extra = call.dependsOn
        case .variable:
            return []
        }
        var out = Set<String>()
        for t in exprs.flatMap({ ReferenceParser.traversals(in: $0) }) + extra {
            if case .moduleCall(let c)? = ReferenceParser.parse(t).0?.subject { out.insert(c) }
        }
        return out
    }

    /// Whether the configuration declares the resource at this address's static module path.
    static func declared(_ tree: ConfigTree, _ a: AbsResource) -> Bool {
        var node: ConfigTree? = tree
        for step in a.module.steps { node = node?.children[step.name] }
        return node?.module.resources[a.resource.description] != nil
    }

    static func staticText(_ a: AbsResource) -> String {
        (a.module.steps.map { "module." + $0.name + "." }).joined() + a.resource.description
    }

    static func operation(_ tree: ConfigTree, _ graph: ConfigGraph, orphans: [ResourceState], removedCalls: Set<[String]> = []) -> String {
        var modules: [[String]: ConfigTree] = [:]
        for node in tree.allModules { modules[node.path] = node }
        var g = Digraph()
        var shapes: [String: (String, String)] = [:]
        for node in graph.order {
            let from = name(node)
            g.node(from)
            guard let m = modules[node.module]?.module else { continue }
            // A call referred to as a whole waits for the module to close; through an output, for that output alone.
            var whole = Set<String>()
            if case .variable = node.kind {} else { whole = wholeModuleReferences(node, m) }
            let entry = node.module.isEmpty ? nil : ConfigGraph.Node(Array(node.module.dropLast()), .moduleCall(node.module.last!))
            for d in graph.dependencies[node] ?? [] {
                if case .moduleCall(let c) = d.kind, d.module == node.module, d != entry {
                    if whole.contains(c) { g.add(from, closeName(node.module + [c])) }
                    if !(modules[node.module + [c]]?.module.outputs.isEmpty ?? true) { continue }
                }
                if case .output = d.kind, d.module.count == node.module.count + 1, whole.contains(d.module.last!),
                   Array(d.module.dropLast()) == node.module { continue }
                g.add(from, name(d))
            }
            switch node.kind {
            case .variable(let v) where node.module.isEmpty: shapes[from] = ("var.\(v)", "note")
            case .resource(let a):
                shapes[from] = (node.module.map { "module.\($0)." }.joined() + a, "box")
                if let decl = m.resources[a] {
                    let p = providerNode(m, decl)
                    shapes[p] = (p, "diamond")
                    g.add(from, p)
                    g.add(p + " (close)", from)
                }
            default: break
            }
            // Each module closes after everything in it.
            if !node.module.isEmpty {
                g.add(closeName(node.module), from)
            }
        }
        for node in tree.allModules where node.path.count > 1 {
            g.add(closeName(Array(node.path.dropLast())), closeName(node.path))
        }
        for path in removedCalls { g.node(closeName(path)) }
        for r in orphans {
            // Named by module instance, labelled by the static address.
            let addr = staticText(r.address)
            let node = r.address.description + " (orphan)"
            shapes[node] = (addr, "box")
            shapes[r.provider] = (r.provider, "diamond")
            g.add(node, r.provider)
            g.add(r.provider + " (close)", node)
            // Inside a module the configuration still calls: after its expansion, before its close.
            let path = r.address.module.steps.map(\.name)
            if !path.isEmpty, !removedCalls.contains(where: { path.starts(with: $0) }) {
                g.add(node, "module." + path.joined(separator: ".module.") + " (expand)")
                g.add(closeName(path), node)
            }
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
        let managed = (state?.resources ?? []).filter { $0.address.resource.mode == .managed && !$0.instances.isEmpty }
        let present = Set(managed.map { staticText($0.address) })
        for r in managed {
            let addr = staticText(r.address)
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
