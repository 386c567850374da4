import Config
import HCL
import Values

/// The module instances a walk has expanded so far, each with its own scope.
final class WalkState {
    /// Static module path -> its instances, in expansion order.
    var instances: [[String]: [ModuleInstance]] = [[]: [.root]]
    var scopes: [ModuleInstance: EvaluationScope] = [:]
    /// `each.value` of module instances made by `for_each`.
    var eachValues: [ModuleInstance: Value] = [:]
    var all: Set<ModuleInstance> = [.root]
    /// Resource and module call nodes skipped because something they depend on failed.
    var skipped = Set<ConfigGraph.Node>()

    /// Whether a resource in state belongs to a skipped node (it is then neither planned nor an orphan).
    func wasSkipped(_ abs: AbsResource) -> Bool {
        if skipped.isEmpty { return false }
        let path = abs.module.steps.map(\.name)
        let key = (abs.resource.mode == .data ? "data." : "") + abs.resource.type + "." + abs.resource.name
        if skipped.contains(ConfigGraph.Node(path, .resource(key))) { return true }
        return path.indices.contains { skipped.contains(ConfigGraph.Node(Array(path[..<$0]), .moduleCall(path[$0]))) }
    }
}

extension Engine {
    func makeScope(_ node: ConfigTree) -> EvaluationScope {
        EvaluationScope(rootDirectory: settings.rootDirectory, workingDirectory: settings.workingDirectory,
                        workspace: settings.workspace, modulePath: node.module.directory)
    }

    /// The context a module call's arguments are evaluated in for one of its instances.
    func callContext(_ parentScope: EvaluationScope, _ child: ModuleInstance, _ state: WalkState) -> EvalContext {
        switch child.steps.last?.key ?? .none {
        case .none: return parentScope.context()
        case .int(let i): return parentScope.context(count: i)
        case .string(let k): return parentScope.context(each: (k, state.eachValues[child] ?? .dynamicNull))
        }
    }

    /// Visits every graph node once for every instance of its module, in
    /// dependency order: module calls expand into instances, their arguments
    /// become the child's variables, child outputs become `module.NAME`
    /// attributes in the parent, and `resource` is called for each resource
    /// block instance of a module (it returns false to stop the walk).
    /// Returns the root module's output values.
    ///
    /// Resource nodes may leave provider operations running on the walk's
    /// scheduler (`activeScheduler`); a node counts as done once they have
    /// finished, and nodes that depend on it wait until then, while
    /// independent nodes go ahead. On an error or an interrupt no new node
    /// starts, and operations already running finish before the walk returns.
    ///
    /// With `continueOnError` (planning), a node that fails while it is
    /// visited only skips what depends on it, as terraform's walk does; an
    /// error from a provider operation still running stops new work.
    func walk(_ state: WalkState, included: Set<ConfigGraph.Node>? = nil, stopOnJobError: Bool = true, validateVariables: Bool = true,
              continueOnError: Bool = false, rootVariable: (String) -> Value,
              _ diags: inout Diagnostics,
              resource: (ConfigTree, ResourceDecl, AbsResource, EvaluationScope, inout Diagnostics) -> Bool) -> [String: Value] {
        var outputValues: [String: Value] = [:]
        state.scopes[.root] = makeScope(tree)
        var variableTypes: [[String]: [String: (ValueType, TypeDefaults?, Value?)]] = [:]
        let scheduler = makeScheduler()
        scheduler.stopOnJobError = stopOnJobError
        let previous = activeScheduler
        activeScheduler = scheduler
        defer { activeScheduler = previous }

        let order = graph.order
        var position: [ConfigGraph.Node: Int] = [:]
        for (i, node) in order.enumerated() { position[node] = i }
        var remaining = [Int](repeating: 0, count: order.count)
        var dependents = [[Int]](repeating: [], count: order.count)
        for (i, node) in order.enumerated() {
            for d in graph.dependencies[node] ?? [] {
                guard let j = position[d], j != i else { continue }
                remaining[i] += 1
                dependents[j].append(i)
            }
        }
        var ready = ReadyNodes()
        for i in order.indices where remaining[i] == 0 { ready.push(i) }
        func complete(_ i: Int) {
            for j in dependents[i] {
                remaining[j] -= 1
                if remaining[j] == 0 { ready.push(j) }
            }
        }
        scheduler.tagCompleted = { complete($0) }

        /// Runs one node for every instance of its module; false stops the walk.
        func visit(_ node: ConfigGraph.Node) -> Bool {
            let path = node.module
            guard let config = trees[path] else { return true }
            let instances = state.instances[path] ?? []
            switch node.kind {
            case .variable(let name):
                if path.isEmpty {
                    state.scopes[.root]?.setVariable(name, rootVariable(name))
                    if validateVariables, let decl = config.module.variables[name], let scope = state.scopes[.root] {
                        validateVariable(decl, valueRange: settings.variableRanges[name] ?? decl.declRange, scope: scope,
                                         configAddr: "var.\(name)", objectAddr: "var.\(name)", &diags)
                    }
                    return true
                }
                guard let decl = config.module.variables[name], let parent = config.parent,
                      let call = parent.module.moduleCalls[path[path.count - 1]] else { return true }
                let (type, defaults, defaultValue) = variableType(decl, cache: &variableTypes[path, default: [:]], &diags)
                let input = call.inputs.first { $0.name == name }
                if input == nil && decl.defaultExpression == nil {
                    diags += .error("Missing required argument", "The argument \"\(name)\" is required, but no definition was found.",
                                    subject: call.missingItemRange)
                }
                for mi in instances {
                    guard let parentScope = mi.parent.flatMap({ state.scopes[$0] }), let scope = state.scopes[mi] else { continue }
                    var v: Value
                    if let input {
                        let (raw, ds) = Evaluator.evaluate(input.expression, in: callContext(parentScope, mi, state))
                        diags += ds
                        do {
                            v = try TypeConstraint.convert(raw, to: type, defaults: raw.isNull ? nil : defaults)
                        } catch {
                            diags += .error("Invalid value for input variable",
                                            "The given value is not suitable for \(mi).var.\(name) declared at \(rangeText(decl.declRange)): \(error).",
                                            subject: input.expression.range)
                            v = .unknown(type)
                        }
                        if v.isNull && !decl.nullable, let defaultValue { v = defaultValue }
                    } else {
                        v = defaultValue ?? .unknown(type)
                    }
                    scope.setVariable(name, decl.sensitive ? v.marked(.sensitive) : v)
                    if validateVariables {
                        validateVariable(decl, valueRange: input?.expression.range ?? decl.declRange, scope: scope,
                                         configAddr: path.map { "module.\($0)." }.joined() + "var.\(name)",
                                         objectAddr: "\(mi).var.\(name)", &diags)
                    }
                }
            case .local(let name):
                guard let decl = config.module.locals[name] else { return true }
                for mi in instances {
                    guard let scope = state.scopes[mi] else { continue }
                    let (v, ds) = Evaluator.evaluate(decl.expression, in: scope.context())
                    diags += ds
                    scope.setLocal(name, v)
                }
            case .output(let name):
                guard let decl = config.module.outputs[name] else { return true }
                for mi in instances {
                    guard let scope = state.scopes[mi] else { continue }
                    if !decl.preconditions.isEmpty {
                        let prefix = path.map { "module.\($0)." }.joined()
                        let object = CheckObject(kind: "output", configAddr: prefix + "output.\(name)",
                                                 objectAddr: (mi.isRoot ? "" : mi.description + ".") + "output.\(name)", replace: true)
                        let errorsBefore = diags.errorCount
                        checkConditions(decl.preconditions, .outputPrecondition, scope.context(), address: nil, object: object, &diags)
                        // An output whose precondition failed has no value (terraform lists no change for it).
                        if diags.errorCount > errorsBefore { continue }
                    }
                    var v = Value.dynamicNull
                    if let e = decl.expression {
                        let (value, ds) = Evaluator.evaluate(e, in: scope.context())
                        diags += ds
                        v = value
                    }
                    if path.isEmpty {
                        outputValues[name] = v
                    } else if let parent = mi.parent, let step = mi.steps.last {
                        state.scopes[parent]?.setModuleOutput(step.name, key: step.key, name: name, decl.sensitive ? v.marked(.sensitive) : v)
                    }
                }
            case .moduleCall(let name):
                guard let call = config.module.moduleCalls[name], let child = config.children[name] else { return true }
                var children: [ModuleInstance] = []
                for mi in instances {
                    guard let scope = state.scopes[mi] else { continue }
                    let (expansion, eds) = ConfigDecoding.expansion(count: call.count, forEach: call.forEach, scope.context())
                    diags += eds
                    scope.setModuleExpansion(name, expansion)
                    func add(_ key: InstanceKey, _ each: Value?) {
                        let ci = mi.child(name, key)
                        children.append(ci)
                        state.scopes[ci] = makeScope(child)
                        if let each { state.eachValues[ci] = each }
                        state.all.insert(ci)
                    }
                    switch expansion {
                    case .single: add(.none, nil)
                    case .count(let n): for i in 0..<n { add(.int(i), nil) }
                    case .forEach(let entries): for (k, v) in entries { add(.string(k), v) }
                    case .unknown: break
                    }
                }
                state.instances[path + [name]] = children
            case .resource(let addr):
                guard let decl = config.module.resources[addr] else { return true }
                let res = Resource(mode: decl.mode == .data ? .data : .managed, type: decl.type, name: decl.name)
                for mi in instances {
                    guard let scope = state.scopes[mi] else { continue }
                    if !resource(config, decl, AbsResource(module: mi, resource: res), scope, &diags) { return false }
                }
            }
            return true
        }

        // Nodes that failed while visited (when continuing on errors), and
        // everything downstream of them: skipped. Errors counted up to here are
        // the failed nodes' own.
        var failed = Set<ConfigGraph.Node>()
        var toleratedErrors = 0
        var halted = false
        while true {
            while !halted, !scheduler.stopping, let i = ready.pop() {
                if scheduler.interrupted || diags.errorCount > toleratedErrors {
                    halted = true
                    break
                }
                let node = order[i]
                if let included, !included.contains(node) {
                    complete(i)
                    continue
                }
                if !failed.isEmpty, (graph.dependencies[node] ?? []).contains(where: failed.contains) {
                    failed.insert(node)
                    state.skipped.insert(node)
                    complete(i)
                    continue
                }
                scheduler.currentTag = i
                let proceed = visit(node)
                if proceed && continueOnError && diags.errorCount > toleratedErrors {
                    failed.insert(node)
                    state.skipped.insert(node)
                    toleratedErrors = diags.errorCount
                } else if !proceed || diags.errorCount > toleratedErrors {
                    halted = true
                    if stopOnJobError || !diags.hasErrors { scheduler.stop() }
                    break
                }
                if !scheduler.hasOutstanding(i) { complete(i) }
            }
            if !scheduler.waitForOne(&diags) { break }
        }
        if scheduler.interrupted { diags += Engine.executionHalted }
        return outputValues
    }

    /// A child module variable's type, optional-attribute defaults and converted default value.
    func variableType(_ decl: VariableDecl, cache: inout [String: (ValueType, TypeDefaults?, Value?)],
                              _ diags: inout Diagnostics) -> (ValueType, TypeDefaults?, Value?) {
        if let c = cache[decl.name] { return c }
        var (type, defaults) = (ValueType.dynamic, TypeDefaults?.none)
        if let typeExpr = decl.typeExpression {
            let (t, d, ds) = TypeConstraint.parse(typeExpr)
            diags += ds
            type = t
            defaults = d
        }
        var defaultValue: Value?
        if let e = decl.defaultExpression {
            let (v, ds) = Evaluator.evaluate(e, in: .constantsOnly)
            diags += ds
            defaultValue = (try? TypeConstraint.convert(v, to: type, defaults: v.isNull ? nil : defaults)) ?? v
        }
        let result = (type, defaults, defaultValue)
        cache[decl.name] = result
        return result
    }
}
