import Config
import Foundation
import HCL
import JSON
import State
import Values

/// Plans and applies one configuration against one state: terraform's core.
/// One walk over the graph of the whole module tree in dependency order; each
/// node is visited once for all instances of its module, each resource's
/// instances are expanded once and evaluated against the values already
/// computed, so cost grows with resources + references.
public final class Engine {
    public struct Settings {
        public var rootDirectory: String
        public var workingDirectory: String
        public var workspace: String
        public var variables: [String: Value]
        /// Where root variable values given in tfvars files were defined (validation errors point there).
        public var variableRanges: [String: SourceRange] = [:]
        /// The environment local-exec commands inherit (nil: this process's).
        public var environment: [String: String]?

        public init(rootDirectory: String, workingDirectory: String, workspace: String = "default", variables: [String: Value] = [:],
                    environment: [String: String]? = nil) {
            self.rootDirectory = rootDirectory
            self.workingDirectory = workingDirectory
            self.workspace = workspace
            self.variables = variables
            self.environment = environment
        }
    }

    let tree: ConfigTree
    let settings: Settings
    let registry: ProviderRegistry
    public var hooks: EngineHooks?
    private var providers: [String: (Provider, ProviderSchemaResponse)] = [:]
    var graph = ConfigGraph()
    /// New address -> old address of instances terraform moves implicitly (`a` <-> `a[0]`).
    var implicitMoves: [AbsResourceInstance: AbsResourceInstance] = [:]
    private var resourceDeps: [String: [String]] = [:]
    /// `-replace=ADDR`: instances planned for replacement even without changes.
    public var forceReplace: Set<AbsResourceInstance> = []
    var targetedNodeCache: Set<ConfigGraph.Node>?
    /// Set when planning stopped on a failure terraform reports from its plan walk (not validation).
    var walkFailed = false
    /// Condition results by config address: object kind, and each object's status and failure messages.
    var checkRecords: [String: (kind: String, objects: [String: (status: String, messages: [String])])] = [:]
    var refreshOnly = false
    /// The refresh walk before a destroy plan: data source conditions are not reported (as terraform).
    var preDestroyRefresh = false
    /// Instances being imported by `import` blocks, with their import IDs.
    var importing: [AbsResourceInstance: String] = [:]
    /// What the refresh before planning found: drift entries, and the refreshed values
    /// (nil = gone) by the address the prior state records them at.
    var driftFound: [PlannedChange] = []
    var refreshedValues: [AbsResourceInstance: (gone: Bool, attributes: JSONValue?, version: UInt64)] = [:]
    /// Counts of the last `apply`.
    public internal(set) var applied = AppliedCounts()
    /// Objects deposed by create_before_destroy replacements during an apply, destroyed at its end.
    var pendingDeposed: [(AbsResourceInstance, String, Value, PlannedChange)] = []
    /// Changes planned so far in this plan, by address (for replace_triggered_by).
    var plannedSoFar: PlannedIndex = [:]
    /// Errors in `moved` statements, reported once objects are refreshed (as terraform does).
    var moveErrors = Diagnostics()
    /// Warnings from loading the configuration, reported with the plan's diagnostics.
    public var configWarnings = Diagnostics()
    /// `-target=ADDR`: limits planning to these objects and what they depend on.
    public var targets: [AddressTarget] = []
    /// `-parallelism=N`: how many provider operations run at once.
    public var parallelism = 10
    /// Set by the CLI to stop the operation gracefully (Ctrl-C).
    public var interrupt: EngineInterrupt?
    /// The scheduler of the walk under way, which resource nodes queue their provider operations on.
    var activeScheduler: WalkScheduler?
    /// local-exec children running now (see `stopProvisioners`).
    let provisionerProcesses = ProvisionerProcesses()

    /// Every module of the tree by its static path of call names.
    let trees: [[String]: ConfigTree]

    public init(tree: ConfigTree, settings: Settings, registry: ProviderRegistry, hooks: EngineHooks? = nil) {
        self.tree = tree
        self.settings = settings
        self.registry = registry
        self.hooks = hooks
        var trees: [[String]: ConfigTree] = [:]
        for node in tree.allModules { trees[node.path] = node }
        self.trees = trees
    }

    var module: ConfigModule { tree.module }

    // MARK: Providers

    func providerSource(localName: String, in module: ConfigModule? = nil) -> String {
        ProviderRegistry.fullSource(localName: localName, declared: (module ?? self.module).requiredProviders[localName]?.source)
    }

    /// The provider configuration a resource uses, as state records it: the
    /// nearest module declaring a `provider` block for it, following the
    /// calls' `providers` maps, else the root's (implied) configuration.
    func providerConfigAddress(_ decl: ResourceDecl, in node: ConfigTree) -> String {
        let source = providerSource(localName: decl.providerLocalName, in: node.module)
        var current = node
        var name = decl.providerLocalName
        var alias = decl.provider?.alias
        while true {
            let key = alias.map { "\(name).\($0)" } ?? name
            guard current.module.providerConfigs[key] == nil, let parent = current.parent, let callName = current.path.last,
                  let call = parent.module.moduleCalls[callName] else { break }
            if let m = call.providers.first(where: { $0.child.name == name && $0.child.alias == alias }) {
                name = m.parent.name
                alias = m.parent.alias
            }
            current = parent
        }
        let prefix = current.path.map { "module.\($0)." }.joined()
        return prefix + Engine.providerAddress(source: source, alias: alias)
    }

    /// `module.a.module.b.x.y`: a resource's address without instance keys, as dependencies name it.
    static func configAddress(_ abs: AbsResource) -> String {
        abs.module.steps.map { "module.\($0.name)." }.joined() + abs.resource.description
    }

    func tree(of module: ModuleInstance) -> ConfigTree? {
        trees[module.steps.map(\.name)]
    }

    static func providerAddress(source: String, alias: String?) -> String {
        "provider[\"\(source)\"]" + (alias.map { "." + $0 } ?? "")
    }

    func provider(source: String, subject: SourceRange?, _ diags: inout Diagnostics) -> (Provider, ProviderSchemaResponse)? {
        if let p = providers[source] { return p }
        guard let p = registry.provider(for: source) else {
            diags += .error("Missing required provider",
                            "This configuration requires provider \(source), but Terraswift has no built-in implementation of it.", subject: subject)
            return nil
        }
        let schema = p.schema()
        interrupt?.register(p)
        let configDiags = p.configure(.object([:]))
        diags += convert(configDiags, subject: subject)
        providers[source] = (p, schema)
        return (p, schema)
    }

    /// With `body`, a diagnostic about an attribute points where terraform points it: at the
    /// attribute's value when the body sets it, else at the body's opening brace.
    func convert(_ pds: [ProviderDiagnostic], subject: SourceRange?, body: Body? = nil, address: String? = nil) -> Diagnostics {
        var out = Diagnostics()
        for d in pds {
            let at = body.flatMap { b in d.attribute.map { Engine.attributeSubject($0, in: b) } } ?? subject
            var diag = d.isError ? Diagnostic.error(d.summary, d.detail, subject: at) : Diagnostic.warning(d.summary, d.detail, subject: at)
            diag.address = address
            out += diag
        }
        return out
    }

    /// As terraform's tfdiags.ElaborateFromConfigBody for a top-level argument (optionally
    /// indexed); deeper paths fall back to the body's missing-item range.
    static func attributeSubject(_ path: AttributePath, in body: Body) -> SourceRange {
        guard let first = path.steps.first, case .attribute(let name) = first else { return body.missingItemRange }
        if path.steps.count > 2 { return body.missingItemRange }
        if path.steps.count == 2, case .attribute = path.steps[1] { return body.missingItemRange }
        let (content, _, _) = body.partialContent(schema: BodySchema(attributes: [AttributeSchema(name: name)]))
        return content.attributes[name]?.expression.range ?? body.missingItemRange
    }

    // MARK: Prior state

    struct PriorInstance {
        var value: Value
        var object: InstanceObject
        var providerAddress: String
    }

    func decodePrior(_ state: StateFile?, _ diags: inout Diagnostics) -> [AbsResource: (ResourceState, [InstanceKey: PriorInstance])] {
        var out: [AbsResource: (ResourceState, [InstanceKey: PriorInstance])] = [:]
        guard let state else { return out }
        for r in state.resources where r.address.resource.mode == .managed {
            let source = ResourceValueHints.providerSource(r.provider)
            guard let (p, schema) = provider(source: source, subject: nil, &diags),
                  let rs = schema.resources[r.address.resource.type] else {
                diags += .error("Resource type not supported", "The provider \(source) does not support resource type \"\(r.address.resource.type)\", found in state as \(r.address).")
                continue
            }
            var instances: [InstanceKey: PriorInstance] = [:]
            for obj in r.instances where obj.deposed == nil {
                let (v, pds) = p.upgradeResourceState(typeName: r.address.resource.type, version: obj.schemaVersion, rawState: obj.attributes ?? .object([]))
                diags += convert(pds, subject: nil, address: r.address.instance(obj.key).description)
                if pds.hasErrors { continue }
                _ = rs
                instances[obj.key] = PriorInstance(value: StateValueCodec.markSensitive(v, paths: obj.sensitiveAttributes),
                                                   object: obj, providerAddress: r.provider)
            }
            out[r.address] = (r, instances)
        }
        return out
    }

    // MARK: Plan

    /// Plans the configuration against `prior`. With `destroy`, plans to remove everything.
    /// `refreshOnly`: only reads objects and data sources and evaluates outputs; no resource changes are planned.
    public func plan(prior: StateFile?, destroy: Bool = false, refresh: Bool = true, refreshOnly: Bool = false) -> (Plan, Diagnostics) {
        checkRecords = [:]
        self.refreshOnly = refreshOnly
        driftFound = []
        refreshedValues = [:]
        var (plan, walkDiags) = planWalk(prior: prior, destroy: destroy, refresh: refresh)
        // Warnings from loading the configuration come out with the plan's, as terraform reports them.
        var diags = configWarnings
        diags += walkDiags
        plan.isRefreshOnly = refreshOnly
        finishRefresh(&plan, destroy: destroy)
        plan.errored = walkFailed && diags.hasErrors
        plan.checkResults = checkResults()
        return (plan, diags)
    }

    private func planWalk(prior: StateFile?, destroy: Bool, refresh: Bool) -> (Plan, Diagnostics) {
        var diags = Diagnostics()
        var plan = Plan(changes: [], outputChanges: [], priorState: prior, isDestroy: destroy)
        // terraform's validate walk checks provisioner blocks before anything is planned.
        diags += Engine.validateProvisioners(tree)
        if diags.hasErrors { return (plan, diags) }
        if !targets.isEmpty { diags += Engine.targetingWarning }
        plannedSoFar = [:]
        walkFailed = false
        let (g, gdiags) = ConfigGraph.build(tree)
        diags += gdiags
        if gdiags.hasErrors { return (plan, diags) }
        graph = g
        targetedNodeCache = nil
        computeResourceDependencies()
        checkProviderConfigurations(&diags)
        if diags.hasErrors { return (plan, diags) }
        var priorResources = decodePrior(prior, &diags)
        if diags.hasErrors { return (plan, diags) }
        implicitMoves = [:]
        if !destroy {
            applyMovedBlocks(&priorResources, &diags)
            applyImplicitMoves(&priorResources)
            applyImportBlocks(&priorResources, &diags)
            if diags.hasErrors { return (plan, diags) }
        }

        if refresh {
            // Every object is read independently of the others, `parallelism` at a time.
            let scheduler = makeScheduler()
            scheduler.stopOnJobError = false
            // What each read returned (nil: the object is gone), applied once all are done.
            var refreshed: [AbsResource: [InstanceKey: Value?]] = [:]
            for addr in priorResources.keys.sorted() {
                guard let (rs, instances) = priorResources[addr] else { continue }
                // Objects about to be forgotten are not read again.
                if !destroy && tree(of: addr.module)?.module.resources[addr.resource.description] == nil && isForgotten(addr) { continue }
                let source = ResourceValueHints.providerSource(rs.provider)
                guard let (p, schema) = provider(source: source, subject: nil, &diags) else { continue }
                // A targeted plan (destroy too) reads only what the targets cover.
                for key in instances.keys.sorted() where isTargeted(addr.instance(key)) {
                    guard let inst = instances[key] else { continue }
                    let instAddr = addr.instance(key)
                    let result = JobResult<ProviderMessages.ReadResourceResponse>()
                    scheduler.submit(inline: p.quickOperations(resourceType: addr.resource.type),
                                     start: { self.hooks?.refreshing(instAddr, id: inst.object.legacyID) }, work: {
                        result.value = p.readResource(typeName: addr.resource.type, currentState: inst.value, privateData: nil)
                    }, finish: { diags in
                        guard let resp = result.value else { return }
                        diags += self.convert(resp.diagnostics, subject: nil, address: instAddr.description)
                        self.hooks?.refreshed(instAddr, id: inst.object.legacyID)
                        if !resp.diagnostics.hasErrors, let rschema = schema.resources[addr.resource.type] {
                            self.noteRefresh(instAddr, prior: inst, newState: resp.newState, providerSource: source, schema: rschema)
                        }
                        let value: Value? = resp.newState.isNull
                            ? nil : StateValueCodec.markSensitive(resp.newState, paths: inst.object.sensitiveAttributes)
                        refreshed[addr, default: [:]][key] = .some(value)
                    })
                }
            }
            scheduler.runAll(&diags)
            for (addr, values) in refreshed {
                guard var (rs, instances) = priorResources[addr] else { continue }
                for (key, value) in values {
                    if let value { instances[key]?.value = value } else { instances[key] = nil }
                }
                rs.instances = rs.instances.filter { instances[$0.key] != nil || $0.deposed != nil }
                priorResources[addr] = (rs, instances)
            }
            if scheduler.interrupted {
                diags += Engine.executionHalted
                return (plan, diags)
            }
        }

        if moveErrors.hasErrors {
            diags += moveErrors
            return (plan, diags)
        }

        if destroy {
            if refresh {
                refreshDataBeforeDestroy(priorResources, &diags)
                if diags.hasErrors { return (plan, diags) }
            }
            let destroying = targets.isEmpty ? nil : destroyTargeted(priorResources)
            for addr in priorResources.keys.sorted() {
                guard let (rs, instances) = priorResources[addr] else { continue }
                let source = ResourceValueHints.providerSource(rs.provider)
                guard let (_, schema) = provider(source: source, subject: nil, &diags),
                      let rschema = schema.resources[addr.resource.type] else { continue }
                for key in instances.keys.sorted() where destroying?.contains(addr.instance(key)) ?? true {
                    guard let inst = instances[key] else { continue }
                    plan.changes.append(PlannedChange(address: addr.instance(key), action: .delete, before: inst.value,
                                                      after: .null(rschema.block.impliedType), requiresReplace: [], reason: nil,
                                                      providerAddress: rs.provider, providerSource: source, schema: rschema))
                }
            }
            for o in prior?.outputs ?? [] where targets.isEmpty {
                let before = StateValueCodec.parseType(o.type).flatMap { try? StateValueCodec.decode(o.value, type: $0).get() } ?? .dynamicNull
                plan.outputChanges.append(OutputChange(name: o.name, action: .delete, before: before, after: .dynamicNull, sensitive: o.sensitive))
            }
            plan.changes.sort { $0.address < $1.address }
            preventDestroyCheck(plan.changes, &diags)
            return (plan, diags)
        }

        var seenResources = Set<AbsResource>()
        let walkState = WalkState()
        let included = targetedNodes()
        let builder = PlanBuilder(plan)
        let outputValues = walk(walkState, included: included, stopOnJobError: false, continueOnError: true,
                                rootVariable: { self.settings.variables[$0] ?? .dynamicUnknown }, &diags) { node, decl, abs, scope, diags in
            seenResources.insert(abs)
            if self.refreshOnly && decl.mode == .managed {
                self.recordPriorValues(decl, abs, node: node, prior: priorResources[abs], scope: scope, &diags)
                return true
            }
            if decl.mode == .data {
                self.planData(decl, abs, node: node, scope: scope, builder: builder, &diags)
            } else {
                self.planResource(decl, abs, node: node, prior: priorResources[abs], scope: scope, builder: builder, &diags)
            }
            return true
        }
        plan = builder.plan
        // Whatever failed in the walk, terraform still plans the objects gone from the configuration.
        if diags.hasErrors { walkFailed = true }

        // Resources in state that the configuration no longer has.
        for addr in priorResources.keys.sorted() where !seenResources.contains(addr) && !refreshOnly && !walkState.wasSkipped(addr) {
            guard let (rs, instances) = priorResources[addr] else { continue }
            let source = ResourceValueHints.providerSource(rs.provider)
            guard let (_, schema) = provider(source: source, subject: nil, &diags), let rschema = schema.resources[addr.resource.type] else { continue }
            // A module instance its call no longer expands to, versus a call (or resource) gone from the configuration.
            let reason: ChangeReason = walkState.all.contains(addr.module) || tree(of: addr.module) == nil ? .noResourceConfig : .noModule
            for key in instances.keys.sorted() where isTargeted(addr.instance(key)) {
                guard let inst = instances[key] else { continue }
                var change = PlannedChange(address: addr.instance(key), action: .delete, before: inst.value,
                                           after: .null(rschema.block.impliedType), requiresReplace: [], reason: reason,
                                           providerAddress: rs.provider, providerSource: source, schema: rschema)
                if isForgotten(addr) {
                    change.action = .forget
                    change.reason = nil
                    change.after = inst.value
                }
                change.previousAddress = implicitMoves[addr.instance(key)]
                plan.changes.append(change)
            }
        }
        if diags.hasErrors {
            plan.changes.sort { $0.address < $1.address }
            // Outputs that did not depend on what failed were evaluated; terraform lists their changes.
            plan.outputChanges = outputChanges(prior: prior, values: outputValues, onlyEvaluated: true)
            return (plan, diags)
        }
        runChecks(walkState, &diags)
        plan.changes.sort { $0.address < $1.address }
        let forgotten = plan.changes.filter { $0.action == .forget }
        if !forgotten.isEmpty {
            diags += .warning("Some objects will no longer be managed by Terraform",
                              "If you apply this plan, Terraform will discard its tracking information for the following objects, but it will not delete them:\n"
                                + forgotten.map { " - \($0.address)" }.joined(separator: "\n")
                                + "\n\nAfter applying this plan, Terraform will no longer manage these objects. You will need to import them into Terraform to manage them again.")
        }
        plan.outputChanges = outputChanges(prior: prior, values: outputValues, onlyEvaluated: included != nil)
        return (plan, diags)
    }

    func outputChanges(prior: StateFile?, values: [String: Value], onlyEvaluated: Bool = false) -> [OutputChange] {
        var out: [OutputChange] = []
        var names = Set(values.keys)
        for o in prior?.outputs ?? [] where !onlyEvaluated { names.insert(o.name) }
        for name in names.sorted(by: StateValueCodec.byteOrder) {
            let sensitive = module.outputs[name]?.sensitive ?? false
            let priorOutput = prior?.output(named: name)
            let before = priorOutput.flatMap { o in StateValueCodec.parseType(o.type).flatMap { try? StateValueCodec.decode(o.value, type: $0).get() } } ?? .dynamicNull
            guard let after = values[name] else {
                out.append(OutputChange(name: name, action: .delete, before: before, after: .dynamicNull, sensitive: priorOutput?.sensitive ?? false))
                continue
            }
            let action: ChangeAction
            if priorOutput == nil {
                action = .create
            } else if after.isWhollyKnown && after.unmarkedDeep().0.rawEquals(before) {
                action = .noOp
            } else {
                action = .update
            }
            out.append(OutputChange(name: name, action: action, before: before, after: after, sensitive: sensitive || after.containsMarks))
        }
        return out
    }

    func planResource(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, prior: (ResourceState, [InstanceKey: PriorInstance])?,
                      scope: EvaluationScope, builder: PlanBuilder, _ diags: inout Diagnostics) {
        let source = providerSource(localName: decl.providerLocalName, in: node.module)
        guard let (p, schema) = provider(source: source, subject: decl.typeRange, &diags) else { return }
        guard let rschema = schema.resources[decl.type] else {
            diags += .error("Invalid resource type", "The provider \(source) does not support resource type \"\(decl.type)\".", subject: decl.typeRange)
            return
        }
        let providerAddr = providerConfigAddress(decl, in: node)
        // Lifecycle rules this build does not carry out yet are refused rather than silently ignored.
        let lc = decl.lifecycle
        let (expansion, eds) = ConfigDecoding.expansion(of: decl, scope.context())
        diags += eds
        if eds.hasErrors { return }
        var values: [InstanceKey: Value] = [:]
        var partial = false
        let priorInstances = prior?.1 ?? [:]
        // Changes of this resource, checked against prevent_destroy once all are planned.
        var planned: [PlannedChange] = []
        guard let scheduler = activeScheduler else { return }
        func plan1(_ key: InstanceKey, _ ctx: EvalContext) {
            let addr = abs.instance(key)
            if !isTargeted(addr) {
                if let v = priorInstances[key]?.value { values[key] = v }
                partial = true
                return
            }
            var conditionDiags = Diagnostics()
            let checkObject = CheckObject(kind: "resource", configAddr: Engine.configAddress(abs), objectAddr: addr.description)
            checkConditions(lc.preconditions, .resourcePrecondition, ctx, address: addr.description, object: checkObject, &conditionDiags)
            diags += conditionDiags
            if conditionDiags.hasErrors { return }
            let (config, cds) = ConfigDecoding.decode(decl.config, rschema.block, ctx)
            diags += cds
            if cds.hasErrors { return }
            // A tainted object is planned as a creation, then shown as its replacement (as terraform does).
            let tainted = priorInstances[key].flatMap { $0.object.status == .tainted ? $0.value : nil }
            let priorValue = tainted == nil ? priorInstances[key]?.value ?? .null(rschema.block.impliedType) : .null(rschema.block.impliedType)
            let effective = Engine.applyIgnoreChanges(lc, block: rschema.block, prior: priorValue, config: config)
            let result = JobResult<(PlannedChange?, Diagnostics, Bool)>()
            scheduler.submit(inline: p.quickOperations(resourceType: decl.type), work: {
                var d = Diagnostics()
                var failed = false
                let c = self.planInstance(addr, p, rschema, config: effective, unignoredConfig: config, prior: priorValue, providerAddress: providerAddr,
                                          source: source, subject: decl.declRange, &d, failed: &failed)
                result.value = (c, d, failed)
            }, finish: { diags in
                guard let (c, d, failed) = result.value else { return }
                diags += d
                if failed { self.walkFailed = true }
                guard let change = c else { return }
                finishPlan1(key, ctx, addr, config: config, priorValue: priorValue, tainted: tainted, checkObject: checkObject, change, &diags)
            })
        }
        func finishPlan1(_ key: InstanceKey, _ ctx: EvalContext, _ addr: AbsResourceInstance, config: Value, priorValue: Value,
                         tainted: Value?, checkObject: CheckObject, _ change: PlannedChange, _ diags: inout Diagnostics) {
            var change = change
            let triggered = !lc.replaceTriggeredBy.isEmpty && !priorValue.isNull && (change.action == .noOp || change.action == .update)
                && replaceTriggered(lc.replaceTriggeredBy, module: abs.module, ctx: ctx, planned: plannedSoFar, &diags)
            if (forceReplace.contains(addr) || triggered) && !priorValue.isNull && (change.action == .noOp || change.action == .update) {
                // -replace: planned as a fresh object, as for a provider-required replacement.
                let null = Value.null(rschema.block.impliedType)
                let plain = config.unmarkedDeep().0
                let fresh = p.planResourceChange(ProviderMessages.PlanResourceChangeRequest(
                    typeName: decl.type, priorState: null, proposedNewState: Engine.proposedNewState(rschema.block, prior: null, config: plain), config: plain))
                diags += convert(fresh.diagnostics, subject: decl.declRange, body: decl.config, address: addr.description)
                change.action = .deleteThenCreate
                change.reason = forceReplace.contains(addr) ? .replaceByRequest : .replaceByTriggers
                change.after = StateValueCodec.markSensitive(fresh.plannedState, paths: StateValueCodec.sensitivePaths(config))
            }
            if let tainted, change.action == .create {
                change.action = .deleteThenCreate
                change.before = tainted
                change.reason = .replaceBecauseTainted
            }
            if lc.createBeforeDestroy && change.action == .deleteThenCreate { change.action = .createThenDelete }
            values[key] = change.after.isNull ? priorValue : change.after
            if !lc.postconditions.isEmpty && !change.after.isNull {
                var selfCtx = ctx
                selfCtx.variables["self"] = change.after
                checkConditions(lc.postconditions, .resourcePostcondition, selfCtx, address: addr.description, object: checkObject, &diags)
            }
            var recorded = change
            recorded.previousAddress = implicitMoves[addr]
            recorded.importID = importing[addr]
            builder.plan.changes.append(recorded)
            planned.append(recorded)
            plannedSoFar[addr] = recorded
        }
        switch expansion {
        case .single: plan1(.none, scope.context())
        case .count(let n):
            for i in 0..<n { plan1(.int(i), scope.context(count: i)) }
        case .forEach(let entries):
            for (k, v) in entries { plan1(.string(k), scope.context(each: (k, v))) }
        case .unknown: break
        }
        let live = Set(expansion.keys)
        for key in priorInstances.keys.sorted() where !live.contains(key) && isTargeted(abs.instance(key)) {
            guard let inst = priorInstances[key] else { continue }
            let reason: ChangeReason
            switch (expansion, key) {
            case (.count, .int): reason = .countIndexOutOfRange
            case (.forEach, .string): reason = .eachKeyNotFound
            case (.single, .int): reason = .noCountExpected
            case (.single, .string): reason = .noForEachExpected
            case (.count, _): reason = .countExpected
            default: reason = .forEachExpected
            }
            let change = PlannedChange(address: abs.instance(key), action: .delete, before: inst.value,
                                       after: .null(rschema.block.impliedType), requiresReplace: [], reason: reason,
                                       providerAddress: inst.providerAddress, providerSource: source, schema: rschema)
            builder.plan.changes.append(change)
            planned.append(change)
        }
        scheduler.whenDone(&diags) { diags in
            if lc.preventDestroy {
                for c in planned.sorted(by: { $0.address < $1.address }) where c.action == .delete || c.action.isReplace {
                    diags += .error("Instance cannot be destroyed",
                                    "Resource \(c.address) has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.",
                                    subject: decl.declRange)
                }
            }
            scope.setResource(decl, partial ? Engine.partialAggregate(expansion, values) : EvaluationScope.aggregate(expansion, values))
        }
    }

    /// terraform's proposed new state: configuration, with computed attributes the configuration leaves null taken from prior state (or unknown).
    static func proposedNewState(_ block: SchemaBlock, prior: Value, config: Value) -> Value {
        guard var attrs = config.attributes else { return config }
        let priorAttrs = prior.isNull ? nil : prior.attributes
        for (name, a) in block.attributes where a.computed {
            guard let c = attrs[name], c.isNull else { continue }
            if let pa = priorAttrs?[name] { attrs[name] = pa } else { attrs[name] = .unknown(a.type) }
        }
        return Value(type: config.type, content: .attributes(attrs))
    }

    /// `unignoredConfig`: the configuration before `ignore_changes`, which a replacement is planned from.
    func planInstance(_ addr: AbsResourceInstance, _ p: Provider, _ rschema: ResourceSchema, config: Value, unignoredConfig: Value? = nil, prior: Value,
                      providerAddress: String, source: String, subject: SourceRange, _ diags: inout Diagnostics, failed: inout Bool) -> PlannedChange? {
        let validation = p.validateResourceConfig(typeName: addr.resource.resource.type, config: config)
        diags += convert(validation, subject: subject, address: addr.description)
        if validation.hasErrors { return nil }
        // Providers see plain values; the engine keeps sensitivity and puts it back on the plan, as terraform does.
        let configMarks = StateValueCodec.sensitivePaths(config)
        let priorMarks = StateValueCodec.sensitivePaths(prior)
        let plainConfig = config.unmarkedDeep().0
        let plainPrior = prior.unmarkedDeep().0
        let proposed = Engine.proposedNewState(rschema.block, prior: plainPrior, config: plainConfig)
        var resp = p.planResourceChange(ProviderMessages.PlanResourceChangeRequest(
            typeName: addr.resource.resource.type, priorState: plainPrior, proposedNewState: proposed, config: plainConfig))
        resp.plannedState = StateValueCodec.markSensitive(resp.plannedState, paths: configMarks)
        _ = priorMarks
        diags += convert(resp.diagnostics, subject: subject, address: addr.description)
        if resp.diagnostics.hasErrors { failed = true; return nil }
        var change = PlannedChange(address: addr, action: .noOp, before: prior, after: resp.plannedState, requiresReplace: resp.requiresReplace,
                                   reason: nil, providerAddress: providerAddress, providerSource: source, schema: rschema)
        if prior.isNull {
            change.action = .create
        } else if resp.plannedState.unmarkedDeep().0.rawEquals(prior.unmarkedDeep().0) {
            // Only the sensitivity changing is still an update: state must record it.
            let plannedPaths = StateValueCodec.sensitivePaths(resp.plannedState), priorPaths = StateValueCodec.sensitivePaths(prior)
            let same = plannedPaths.count == priorPaths.count && plannedPaths.allSatisfy { priorPaths.contains($0) }
            change.action = same ? .noOp : .update
        } else if !resp.requiresReplace.isEmpty {
            change.action = .deleteThenCreate
            // The replacement is planned as a creation, as terraform does.
            let plainConfig = (unignoredConfig ?? config).unmarkedDeep().0
            let configMarks = StateValueCodec.sensitivePaths(unignoredConfig ?? config)
            let null = Value.null(rschema.block.impliedType)
            let fresh = p.planResourceChange(ProviderMessages.PlanResourceChangeRequest(
                typeName: addr.resource.resource.type, priorState: null,
                proposedNewState: Engine.proposedNewState(rschema.block, prior: null, config: plainConfig), config: plainConfig))
            diags += convert(fresh.diagnostics, subject: subject, address: addr.description)
            change.after = StateValueCodec.markSensitive(fresh.plannedState, paths: configMarks)
        } else {
            change.action = .update
        }
        return change
    }

    /// A refresh-only walk: references see the objects as they are.
    func recordPriorValues(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, prior: (ResourceState, [InstanceKey: PriorInstance])?,
                           scope: EvaluationScope, _ diags: inout Diagnostics) {
        let (expansion, eds) = ConfigDecoding.expansion(of: decl, scope.context())
        diags += eds
        var values: [InstanceKey: Value] = [:]
        for key in expansion.keys {
            if let v = prior?.1[key]?.value { values[key] = v }
        }
        scope.setResource(decl, EvaluationScope.aggregate(expansion, values))
    }

    /// terraform refreshes before planning a destroy with a refresh-only walk of
    /// the configuration, so data sources are read (and their errors stop the
    /// destroy) although nothing they return is kept.
    private func refreshDataBeforeDestroy(_ priorResources: [AbsResource: (ResourceState, [InstanceKey: PriorInstance])],
                                          _ diags: inout Diagnostics) {
        let hasData = tree.allModules.contains { node in node.module.resources.values.contains { $0.mode == .data } }
        guard hasData else { return }
        let wasRefreshOnly = refreshOnly
        refreshOnly = true
        preDestroyRefresh = true
        defer {
            refreshOnly = wasRefreshOnly
            preDestroyRefresh = false
            checkRecords = [:]
        }
        let scratch = PlanBuilder(Plan(changes: [], outputChanges: [], priorState: nil, isDestroy: false))
        _ = walk(WalkState(), included: targetedNodes(), validateVariables: false, rootVariable: { self.settings.variables[$0] ?? .dynamicUnknown }, &diags) { node, decl, abs, scope, diags in
            if decl.mode == .data {
                self.planData(decl, abs, node: node, scope: scope, builder: scratch, &diags)
            } else {
                self.recordPriorValues(decl, abs, node: node, prior: priorResources[abs], scope: scope, &diags)
            }
            return true
        }
    }

    /// Whether a `removed` block with `destroy = false` covers a resource gone from the configuration.
    func isForgotten(_ abs: AbsResource) -> Bool {
        for node in tree.allModules {
            for decl in node.module.removed where !decl.destroy {
                let (target, ds) = AddressParser.parseTarget(Engine.addressText(decl.from))
                guard let target, !ds.hasErrors else { continue }
                let names = abs.module.steps.map(\.name)
                switch target {
                case .resource(let r):
                    if node.path + r.module.steps.map(\.name) == names && r.resource == abs.resource { return true }
                case .module(let m):
                    let prefix = node.path + m.steps.map(\.name)
                    if names.count >= prefix.count && Array(names.prefix(prefix.count)) == prefix { return true }
                case .instance: break
                }
            }
        }
        return false
    }

    /// terraform moves `a` to `a[0]` when `count` is added, and `a[0]` to `a` when it is removed,
    /// before refreshing, so every later step sees the new address.
    func applyImplicitMoves(_ prior: inout [AbsResource: (ResourceState, [InstanceKey: PriorInstance])]) {
        for abs in prior.keys.sorted() {
            guard let decl = tree(of: abs.module)?.module.resources[abs.resource.description],
                  decl.mode == .managed, decl.forEach == nil, var (rs, instances) = prior[abs] else { continue }
            let (from, to): (InstanceKey, InstanceKey) = decl.count != nil ? (.none, .int(0)) : (.int(0), .none)
            guard let moved = instances[from], instances[to] == nil else { continue }
            instances[to] = moved
            instances[from] = nil
            if let j = rs.instances.firstIndex(where: { $0.key == from && $0.deposed == nil }) { rs.instances[j].key = to }
            prior[abs] = (rs, instances)
            implicitMoves[abs.instance(to)] = abs.instance(from)
        }
    }

    /// The plan a walk adds to from its operations' completions.
    final class PlanBuilder {
        var plan: Plan
        init(_ plan: Plan) { self.plan = plan }
    }

    static let executionHalted = Diagnostic.error("execution halted", "")

    func makeScheduler() -> WalkScheduler {
        WalkScheduler(limit: parallelism, interrupt: interrupt)
    }

    // MARK: Dependencies recorded in state

    /// Every resource a resource depends on, directly or through locals and variables (as terraform records them).
    func computeResourceDependencies() {
        var memo: [ConfigGraph.Node: Set<String>] = [:]
        func resources(under node: ConfigGraph.Node) -> Set<String> {
            if let m = memo[node] { return m }
            var out = Set<String>()
            for d in graph.dependencies[node] ?? [] {
                if case .resource = d.kind { out.insert(d.description) }
                out.formUnion(resources(under: d))
            }
            memo[node] = out
            return out
        }
        for node in graph.order {
            if case .resource = node.kind {
                resourceDeps[node.description] = resources(under: node).sorted(by: StateValueCodec.byteOrder)
            }
        }
    }

    func dependencies(of addr: AbsResourceInstance) -> [String] {
        resourceDeps[Engine.configAddress(addr.absResource)] ?? []
    }
}
