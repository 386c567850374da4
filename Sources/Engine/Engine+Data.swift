import Config
import HCL
import JSON
import State
import Values

/// Data sources: read while planning when their configuration is known and
/// nothing they explicitly depend on has changes pending; otherwise planned as
/// a read during apply, with computed attributes unknown, as terraform does.
extension Engine {
    func dataSchema(_ decl: ResourceDecl, node: ConfigTree, _ diags: inout Diagnostics) -> (Provider, ResourceSchema, String, String)? {
        let source = providerSource(localName: decl.providerLocalName, in: node.module)
        guard let (p, schema) = provider(source: source, subject: decl.typeRange, &diags) else { return nil }
        guard let dschema = schema.dataSources[decl.type] else {
            diags += .error("Invalid data source", "The provider \(source) does not support data source \"\(decl.type)\".", subject: decl.typeRange)
            return nil
        }
        return (p, dschema, source, providerConfigAddress(decl, in: node))
    }

    /// True when `depends_on` of the data source or of a module call around it names something with changes planned.
    func dependsOnPending(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, plan: Plan) -> Bool {
        var targets: [String] = []
        func collect(_ traversals: [Traversal], path: [String]) {
            let prefix = path.map { "module.\($0)." }.joined()
            for t in traversals {
                guard let ref = ReferenceParser.parse(t).0 else { continue }
                switch ref.subject {
                case .resource(let mode, let type, let name, _) where mode == .managed:
                    targets.append(prefix + "\(type).\(name)")
                case .moduleCall(let call), .moduleOutput(let call, _):
                    targets.append(prefix + "module.\(call).")
                default: break
                }
            }
        }
        collect(decl.dependsOn, path: node.path)
        var current = node
        while let parent = current.parent, let name = current.path.last {
            collect(parent.module.moduleCalls[name]?.dependsOn ?? [], path: parent.path)
            current = parent
        }
        if targets.isEmpty { return false }
        let index = plannedSoFar.pending.catchUp(plan.changes)
        return targets.contains { index.contains($0) }
    }

    func planData(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, scope: EvaluationScope,
                  builder: PlanBuilder, _ diags: inout Diagnostics) {
        guard let (p, dschema, source, providerAddr) = dataSchema(decl, node: node, &diags) else { return }
        let (expansion, eds) = ConfigDecoding.expansion(of: decl, scope.context())
        diags += eds
        if eds.hasErrors { return }
        guard let scheduler = activeScheduler else { return }
        let pending = dependsOnPending(decl, abs, node: node, plan: builder.plan)
        var values: [InstanceKey: Value] = [:]
        let null = Value.null(dschema.block.impliedType)
        func read1(_ key: InstanceKey, _ ctx: EvalContext) {
            let addr = abs.instance(key)
            let (config, cds) = ConfigDecoding.decode(decl.config, dschema.block, ctx)
            diags += cds
            if cds.hasErrors { return }
            let validation = p.validateDataResourceConfig(typeName: decl.type, config: config.unmarkedDeep().0)
            diags += convert(validation, subject: decl.declRange, body: decl.config, address: addr.description)
            if validation.hasErrors { return }
            let marks = StateValueCodec.sensitivePaths(config)
            let checkObject = CheckObject(kind: "resource", configAddr: Engine.configAddress(abs), objectAddr: addr.description)
            func postconditions(_ v: Value, _ diags: inout Diagnostics) {
                guard !decl.lifecycle.postconditions.isEmpty, !self.preDestroyRefresh else { return }
                var selfCtx = ctx
                selfCtx.variables["self"] = v
                self.checkConditions(decl.lifecycle.postconditions, .resourcePostcondition, selfCtx, address: addr.description, object: checkObject, &diags)
            }
            if pending || !config.isWhollyKnown {
                let proposed = Engine.proposedNewState(dschema.block, prior: null, config: config)
                postconditions(proposed, &diags)
                values[key] = proposed
                builder.plan.changes.append(PlannedChange(address: addr, action: .read, before: null, after: proposed,
                                                  reason: pending ? .readBecauseDependencyPending : .readBecauseConfigUnknown,
                                                  providerAddress: providerAddr, providerSource: source, schema: dschema))
                return
            }
            read(p, decl, addr, config: config, marks: marks, on: scheduler) { v, diags in
                guard let v else { return }
                postconditions(v, &diags)
                values[key] = v
                builder.plan.readData.append(PlannedChange(address: addr, action: .noOp, before: null, after: v,
                                                           providerAddress: providerAddr, providerSource: source, schema: dschema))
            }
        }
        switch expansion {
        case .single: read1(.none, scope.context())
        case .count(let n): for i in 0..<n { read1(.int(i), scope.context(count: i)) }
        case .forEach(let entries): for (k, v) in entries { read1(.string(k), scope.context(each: (k, v))) }
        case .unknown: break
        }
        scheduler.whenDone(&diags) { _ in
            scope.setResource(decl, EvaluationScope.aggregate(expansion, values))
        }
    }

    /// One read through the provider on the walk's scheduler, with progress
    /// reported as terraform reports it; `then` gets the value, or nil after an error.
    func read(_ p: Provider, _ decl: ResourceDecl, _ addr: AbsResourceInstance, config: Value, marks: [JSONValue],
              on scheduler: WalkScheduler, then: @escaping (Value?, inout Diagnostics) -> Void) {
        var started = ContinuousClock.now
        let result = JobResult<(Value, [ProviderDiagnostic])>()
        scheduler.submit(start: {
            self.hooks?.readingData(addr)
            started = ContinuousClock.now
        }, work: {
            result.value = p.readDataSource(typeName: decl.type, config: config.unmarkedDeep().0)
        }, finish: { diags in
            guard let (v, pds) = result.value else { return }
            diags += self.convert(pds, subject: decl.declRange, body: decl.config, address: addr.description)
            // A failed read is an error of the plan walk itself: terraform says "Planning failed."
            if pds.hasErrors {
                self.walkFailed = true
                return then(nil, &diags)
            }
            guard v.isWhollyKnown else {
                diags += .error("Provider produced invalid object",
                                "Provider produced an unknown value for \(addr) while reading it. This is a bug in the provider, which should be reported in the provider's own issue tracker.",
                                subject: decl.declRange)
                return then(nil, &diags)
            }
            let seconds = Int((ContinuousClock.now - started).components.seconds)
            self.hooks?.readDataFinished(addr, id: self.idString(v), seconds: seconds)
            then(StateValueCodec.markSensitive(v, paths: marks), &diags)
        })
    }

    /// Apply-time handling of a data block: results read while planning are
    /// stored as they are; reads planned for apply happen now.
    func applyData(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, plan: Plan, readDuringPlan: [AbsResourceInstance: PlannedChange],
                   scope: EvaluationScope, doc: StateDocument, _ diags: inout Diagnostics) -> Bool {
        guard let (p, dschema, _, providerAddr) = dataSchema(decl, node: node, &diags) else { return false }
        let (expansion, eds) = ConfigDecoding.expansion(of: decl, scope.context())
        diags += eds
        if eds.hasErrors { return false }
        var values: [InstanceKey: Value] = [:]
        var ok = true
        guard let scheduler = activeScheduler else { return false }
        func record(_ addr: AbsResourceInstance, _ key: InstanceKey, _ value: Value, _ diags: inout Diagnostics) {
            values[key] = value
            guard doc.set(addr, provider: providerAddr, value: value.unmarkedDeep().0, schema: dschema, dependencies: [],
                          sensitivePaths: StateValueCodec.sensitivePaths(value)) else {
                diags += .error("Failed to encode resource state", "The new state of \(addr) could not be encoded.")
                return
            }
        }
        func apply1(_ key: InstanceKey, _ ctx: EvalContext) {
            let addr = abs.instance(key)
            let checkObject = CheckObject(kind: "resource", configAddr: Engine.configAddress(abs), objectAddr: addr.description, replace: true)
            if let done = readDuringPlan[addr] {
                // terraform does not evaluate the conditions of a read done while planning again: their status is unknown.
                if !decl.lifecycle.postconditions.isEmpty { recordCheck(checkObject, status: "unknown", messages: []) }
                record(addr, key, done.after, &diags)
                return
            }
            let (config, cds) = ConfigDecoding.decode(decl.config, dschema.block, ctx)
            diags += cds
            if cds.hasErrors { ok = false; return }
            read(p, decl, addr, config: config, marks: StateValueCodec.sensitivePaths(config), on: scheduler) { v, diags in
                guard let v else { return }
                if !decl.lifecycle.postconditions.isEmpty {
                    var selfCtx = ctx
                    selfCtx.variables["self"] = v
                    var conditionDiags = Diagnostics()
                    self.checkConditions(decl.lifecycle.postconditions, .resourcePostcondition, selfCtx, address: addr.description, object: checkObject, &conditionDiags)
                    diags += conditionDiags
                    if conditionDiags.hasErrors { return }
                }
                record(addr, key, v, &diags)
            }
        }
        switch expansion {
        case .single: apply1(.none, scope.context())
        case .count(let n): for i in 0..<n where ok { apply1(.int(i), scope.context(count: i)) }
        case .forEach(let entries): for (k, v) in entries where ok { apply1(.string(k), scope.context(each: (k, v))) }
        case .unknown: break
        }
        scheduler.whenDone(&diags) { _ in
            scope.setResource(decl, EvaluationScope.aggregate(expansion, values))
        }
        return ok
    }
}

extension Plan {
    /// The prior state as terraform's JSON plan shows it: with the results of
    /// the data sources read while planning.
    public var priorStateWithReadData: StateFile? {
        guard !readData.isEmpty else { return priorState }
        let doc = StateDocument(priorState ?? StateFile(lineage: ""))
        for c in readData {
            _ = doc.set(c.address, provider: c.providerAddress, value: c.after.unmarkedDeep().0, schema: c.schema, dependencies: [],
                        sensitivePaths: StateValueCodec.sensitivePaths(c.after))
        }
        return doc.file
    }
}

/// The configuration addresses (and module prefixes) with changes pending in a
/// plan under construction (one per plan: it lives in the engine's PlannedIndex), kept up to date from the changes appended since
/// the last look, so each data source's `depends_on` check is a few lookups
/// rather than a pass over every change.
final class PendingChangeIndex {
    private var seen = 0
    private var lastAddress: AbsResourceInstance?
    private var names = Set<String>()

    /// `module.a.x.y` and its module prefixes `module.a.` are looked up alike.
    func contains(_ target: String) -> Bool { names.contains(target) }

    func catchUp(_ changes: [PlannedChange]) -> PendingChangeIndex {
        // A plan under construction only grows; anything else is another plan.
        if changes.count < seen || (seen > 0 && changes[seen - 1].address != lastAddress) {
            seen = 0
            names = []
        }
        for c in changes[seen...] where c.action != .noOp && c.action != .read {
            let abs = c.address.absResource
            names.insert(Engine.configAddress(abs))
            var prefix = ""
            for step in abs.module.steps {
                prefix += "module.\(step.name)."
                names.insert(prefix)
            }
        }
        seen = changes.count
        lastAddress = changes.last?.address
        return self
    }
}
