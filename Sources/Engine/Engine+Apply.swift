import Config
import Foundation
import HCL
import JSON
import State
import Values

/// What an apply really did, as terraform's closing line counts it.
public struct AppliedCounts: Sendable, Equatable {
    public var added = 0
    public var changed = 0
    public var destroyed = 0
    public var imported = 0
    public init() {}
}

extension Engine {
    /// Saves a snapshot; returns an error message when it could not.
    public typealias StatePersister = (StateFile) -> String?

    /// Above this many instances (prior + planned), state writes during apply are spaced a second apart.
    public static let spacedWritesAbove = 500

    /// Carries out a plan made by `plan(prior:)`: destroys first (dependents
    /// before what they depend on), then creates and updates in dependency
    /// order, evaluating each configuration with the values just applied.
    /// The state is persisted after every change; on error the walk stops and
    /// what was really done stays recorded.
    public func apply(_ plan: Plan, persist: @escaping StatePersister) -> (StateFile, Diagnostics) {
        var diags = Diagnostics()
        applied = AppliedCounts()
        let doc = StateDocument(plan.priorState ?? StateFile.empty())
        var byAddress: [AbsResourceInstance: PlannedChange] = [:]
        for c in plan.changes { byAddress[c.address] = c }
        // Every change is written, as terraform's local state does, until the
        // state is large: a whole-file rewrite grows with the state, so past
        // `spacedWritesAbove` instances writes are spaced a second apart (the
        // final state, errors and the end of each phase are always written).
        var lastWrite = Date.distantPast
        var dirty = false
        var persistFailure: String?
        func finish() -> (StateFile, Diagnostics) {
            if let message = persistFailure {
                diags += .error("Failed to save state", message)
                persistFailure = nil
            }
            return (doc.file, diags)
        }
        let large = (plan.priorState?.resources.reduce(0) { $0 + $1.instances.count } ?? 0) + plan.changes.count > Engine.spacedWritesAbove
        let interrupt = self.interrupt
        func save(force: Bool) -> Bool {
            dirty = true
            let now = Date()
            // Once interrupted every change is written: a second Ctrl-C exits at once.
            if !force && large && now.timeIntervalSince(lastWrite) < 1 && !(interrupt?.isStopped ?? false) { return true }
            if let message = persist(doc.file) {
                // Reported by `finish`: `diags` may be borrowed by the walk right now.
                persistFailure = message
                return false
            }
            lastWrite = Date()
            dirty = false
            return true
        }
        func save() -> Bool { save(force: false) }

        // Implicit moves first, so every later step finds objects at their new addresses.
        for c in plan.changes {
            if let from = c.previousAddress { doc.move(from, to: c.address) }
        }
        // Imported objects are recorded before anything else.
        for c in plan.changes {
            guard let id = c.importID else { continue }
            hooks?.importing(c.address, id: id)
            guard doc.set(c.address, provider: c.providerAddress, value: c.before.unmarkedDeep().0, schema: c.schema,
                          dependencies: dependencies(of: c.address), sensitivePaths: StateValueCodec.sensitivePaths(c.before)) else { continue }
            hooks?.importComplete(c.address, id: id)
            applied.imported += 1
            if !save() { return finish() }
        }
        // Objects no longer managed leave the state untouched in reality.
        for c in plan.changes where c.action == .forget {
            doc.remove(c.address)
            _ = save()
        }

        // Destroys, in reverse dependency order.
        var rank: [String: Int] = [:]
        for (i, node) in graph.order.enumerated() { if case .resource = node.kind { rank[node.description] = i } }
        pendingDeposed = []
        loadCheckResults(plan.checkResults ?? [])
        let destroys = plan.changes.filter { $0.action == .delete || $0.action == .deleteThenCreate }
            .sorted { a, b in
                let ra = rank[Engine.configAddress(a.address.absResource)] ?? Int.max
                let rb = rank[Engine.configAddress(b.address.absResource)] ?? Int.max
                return ra != rb ? ra > rb : a.address > b.address
            }
        // Instances of one resource are destroyed together, `parallelism` at a
        // time; resources one after another in the order above.
        let scheduler = makeScheduler()
        var failed = false
        var groupStart = 0
        while groupStart < destroys.count && !failed {
            let group = Engine.configAddress(destroys[groupStart].address.absResource)
            var groupEnd = groupStart
            while groupEnd < destroys.count && Engine.configAddress(destroys[groupEnd].address.absResource) == group { groupEnd += 1 }
            for change in destroys[groupStart..<groupEnd] {
                var pdiags = Diagnostics()
                guard let (p, _) = provider(source: change.providerSource, subject: nil, &pdiags) else { diags += pdiags; failed = true; break }
                let id = idString(change.before)
                var started = Date()
                let result = JobResult<ProviderMessages.ApplyResourceChangeResponse>()
                // Destroy-time provisioners run on the walk's thread, after "Destroying..." and before the provider call.
                let hasProvisioners = doc.object(change.address)?.status != .tainted && destroyProvisionersExist(change.address)
                if hasProvisioners {
                    hooks?.applyStarting(change.address, action: .delete, id: id)
                    started = Date()
                    guard provisionBeforeDestroy(change, doc: doc, &diags) else { failed = true; break }
                }
                scheduler.submit(inline: p.quickOperations(resourceType: change.address.resource.resource.type), start: {
                    if !hasProvisioners { self.hooks?.applyStarting(change.address, action: .delete, id: id) }
                    if !hasProvisioners { started = Date() }
                }, work: {
                    // (prior values reach the provider without marks)
                    result.value = p.applyResourceChange(ProviderMessages.ApplyResourceChangeRequest(
                        typeName: change.address.resource.resource.type, priorState: change.before.unmarkedDeep().0,
                        plannedState: .null(change.schema.block.impliedType), config: .null(change.schema.block.impliedType)))
                }, finish: { diags in
                    guard let resp = result.value else { return }
                    diags += self.convert(resp.diagnostics, subject: nil, address: change.address.description)
                    if resp.diagnostics.hasErrors {
                        self.hooks?.applyFailed(change.address, action: .delete)
                        failed = true
                        return
                    }
                    doc.remove(change.address)
                    self.applied.destroyed += 1
                    let saved = save()
                    self.hooks?.applyFinished(change.address, action: .delete, id: id, seconds: Int(Date().timeIntervalSince(started)))
                    if !saved {
                        failed = true
                        scheduler.stop()
                    }
                })
            }
            scheduler.runAll(&diags)
            if scheduler.interrupted { failed = true }
            groupStart = groupEnd
        }
        if failed || diags.hasErrors {
            if scheduler.interrupted { diags += Engine.executionHalted }
            if persistFailure == nil { _ = save(force: true) }
            return finish()
        }
        if dirty && !save(force: true) { return finish() }
        // Data sources are read again by this walk; none outlives it (nor a destroy).
        let includedData = targetedNodes()
        doc.removeDataResources { abs in
            includedData?.contains(ConfigGraph.Node(abs.module.steps.map(\.name), .resource(abs.resource.description))) ?? true
        }
        if plan.isDestroy {
            // A targeted destroy leaves the recorded outputs as they were.
            if targets.isEmpty { doc.setOutputs([]) } else { diags += Engine.targetedApplyWarning }
            _ = save(force: true)
            return finish()
        }

        // Creates and updates, walking the graph again with real values.
        var readDuringPlan: [AbsResourceInstance: PlannedChange] = [:]
        for c in plan.readData { readDuringPlan[c.address] = c }
        let walkState = WalkState()
        var stopped = false
        let included = targetedNodes()
        let outputValues = walk(walkState, included: included, rootVariable: { self.settings.variables[$0] ?? .dynamicNull }, &diags) { node, decl, abs, scope, diags in
            if decl.mode == .data {
                if !self.applyData(decl, abs, node: node, plan: plan, readDuringPlan: readDuringPlan, scope: scope, doc: doc, &diags) {
                    stopped = true
                    return false
                }
                if !save() { stopped = true; return false }
                return true
            }
            self.applyResource(decl, abs, node: node, byAddress: byAddress, scope: scope, doc: doc, save: save, &diags)
            if diags.hasErrors || persistFailure != nil { stopped = true; return false }
            return true
        }
        if stopped || diags.hasErrors || persistFailure != nil {
            doc.setCheckResults(checkResults())
            if persistFailure == nil { _ = save(force: true) }
            return finish()
        }
        // Objects replaced with create_before_destroy go last, dependents first.
        for (addr, key, old, change) in pendingDeposed.reversed() {
            var pdiags = Diagnostics()
            guard let (p, _) = provider(source: change.providerSource, subject: nil, &pdiags) else { diags += pdiags; break }
            hooks?.destroyingDeposed(addr, key: key, id: idString(old))
            let started = Date()
            let resp = p.applyResourceChange(ProviderMessages.ApplyResourceChangeRequest(
                typeName: addr.resource.resource.type, priorState: old.unmarkedDeep().0,
                plannedState: .null(change.schema.block.impliedType), config: .null(change.schema.block.impliedType)))
            diags += convert(resp.diagnostics, subject: nil, address: addr.description)
            if resp.diagnostics.hasErrors {
                _ = save(force: true)
                return finish()
            }
            doc.removeDeposed(addr, key: key)
            hooks?.destroyedDeposed(addr, key: key, seconds: Int(Date().timeIntervalSince(started)))
            applied.destroyed += 1
            if !save() { return finish() }
        }
        pendingDeposed = []
        runChecks(walkState, &diags)
        doc.setCheckResults(checkResults())
        var outputs: [OutputValue] = []
        if included != nil {
            // Outputs a targeted walk did not evaluate keep their recorded values.
            outputs = (plan.priorState?.outputs ?? []).filter { outputValues[$0.name] == nil }
            diags += Engine.targetedApplyWarning
        }
        for (name, v) in outputValues {
            let (plain, marks) = v.unmarkedDeep()
            guard let json = StateValueCodec.encode(plain, as: plain.type) else { continue }
            if plain.isNull { continue }
            outputs.append(OutputValue(name: name, value: json, type: StateValueCodec.typeJSON(plain.type),
                                       sensitive: (module.outputs[name]?.sensitive ?? false) || marks.contains(.sensitive)))
        }
        doc.setOutputs(outputs)
        _ = save(force: true)
        return finish()
    }

    private func applyResource(_ decl: ResourceDecl, _ abs: AbsResource, node: ConfigTree, byAddress: [AbsResourceInstance: PlannedChange],
                               scope: EvaluationScope, doc: StateDocument, save: @escaping () -> Bool, _ diags: inout Diagnostics) {
        let source = providerSource(localName: decl.providerLocalName, in: node.module)
        guard let (p, schema) = provider(source: source, subject: decl.typeRange, &diags),
              let rschema = schema.resources[decl.type] else { return }
        let providerAddr = providerConfigAddress(decl, in: node)
        let (expansion, eds) = ConfigDecoding.expansion(of: decl, scope.context())
        diags += eds
        if eds.hasErrors { return }
        var values: [InstanceKey: Value] = [:]
        guard let scheduler = activeScheduler else { return }
        // Each instance is planned again and applied by two provider operations
        // in turn; the walk's scheduler runs them for many instances at once.
        func apply1(_ key: InstanceKey, _ ctx: EvalContext) -> Bool {
            let addr = abs.instance(key)
            if byAddress[addr]?.action == .createThenDelete, let old = doc.object(addr),
               let oldValue = try? StateValueCodec.decode(old.attributes ?? .object([]), as: rschema.block).get() {
                // The replacement is created first; the old object waits, deposed, until the end of the walk.
                let depositKey = Engine.newDeposedKey()
                doc.depose(addr, key: depositKey)
                if let planned = byAddress[addr] { pendingDeposed.append((addr, depositKey, oldValue, planned)) }
            }
            let current: Value = doc.object(addr).flatMap { obj in
                (try? StateValueCodec.decode(obj.attributes ?? .object([]), as: rschema.block).get())
                    .map { StateValueCodec.markSensitive($0, paths: obj.sensitiveAttributes) }
            } ?? .null(rschema.block.impliedType)
            guard let planned = byAddress[addr], planned.action != .noOp else {
                // An instance left out by -target that has no object reads as an object of nulls, as in terraform.
                if current.isNull && !isTargeted(addr), case .object(let types, _) = rschema.block.impliedType {
                    values[key] = .object(types.mapValues { .null($0) })
                } else {
                    values[key] = current
                }
                return true
            }
            let (rawConfig, cds) = ConfigDecoding.decode(decl.config, rschema.block, ctx)
            diags += cds
            if cds.hasErrors { return false }
            // Re-plan with the now-known configuration; the action stays the one shown.
            let config = Engine.applyIgnoreChanges(decl.lifecycle, block: rschema.block, prior: current, config: rawConfig)
            let replanned = JobResult<(PlannedChange?, Diagnostics)>()
            scheduler.submit(inline: p.quickOperations(resourceType: decl.type), work: {
                var d = Diagnostics()
                var failed = false
                let c = self.planInstance(addr, p, rschema, config: config, prior: current, providerAddress: providerAddr,
                                          source: source, subject: decl.declRange, &d, failed: &failed)
                replanned.value = (c, d)
            }, finish: { diags in
                guard let (c, d) = replanned.value else { return }
                diags += d
                guard let change = c else { return }
                if change.action == .noOp {
                    values[key] = current
                    return
                }
                applyChange(key, ctx, addr, current: current, config: config, change)
            })
            return true
        }
        func applyChange(_ key: InstanceKey, _ ctx: EvalContext, _ addr: AbsResourceInstance, current: Value, config: Value, _ change: PlannedChange) {
            let shown: ChangeAction = current.isNull ? .create : .update
            let id = current.isNull ? nil : idString(current)
            var started = Date()
            let result = JobResult<ProviderMessages.ApplyResourceChangeResponse>()
            scheduler.submit(inline: p.quickOperations(resourceType: decl.type), start: {
                self.hooks?.applyStarting(addr, action: shown, id: id)
                started = Date()
            }, work: {
                result.value = p.applyResourceChange(ProviderMessages.ApplyResourceChangeRequest(
                    typeName: decl.type, priorState: current.unmarkedDeep().0, plannedState: change.after.unmarkedDeep().0,
                    config: config.unmarkedDeep().0))
            }, finish: { diags in
                guard let resp = result.value else { return }
                diags += self.convert(resp.diagnostics, subject: decl.declRange, body: decl.config, address: addr.description)
                if resp.diagnostics.hasErrors {
                    self.hooks?.applyFailed(addr, action: shown)
                    return
                }
                guard resp.newState.isWhollyKnown else {
                    diags += .error("Provider returned invalid result object after apply",
                                    "After the apply operation, the provider still indicated an unknown value for \(addr). All values must be known after apply, so this is always a bug in the provider and should be reported in the provider's own repository. Terraform will still save the other known object values in the state.")
                    return
                }
                guard doc.set(addr, provider: providerAddr, value: resp.newState, schema: rschema, dependencies: self.dependencies(of: addr),
                              sensitivePaths: StateValueCodec.sensitivePaths(change.after)) else {
                    diags += .error("Failed to encode resource state", "The new state of \(addr) could not be encoded.")
                    return
                }
                guard self.provisionCreated(decl, addr, created: shown == .create,
                                            value: StateValueCodec.markSensitive(resp.newState, paths: StateValueCodec.sensitivePaths(change.after)),
                                            ctx: ctx, doc: doc, save: save, &diags) else {
                    scheduler.stop()
                    return
                }
                values[key] = resp.newState
                if shown == .create { self.applied.added += 1 } else { self.applied.changed += 1 }
                // Saved before it is reported: what the user saw completed is on disk.
                let saved = save()
                self.hooks?.applyFinished(addr, action: shown, id: self.idString(resp.newState), seconds: Int(Date().timeIntervalSince(started)))
                if !saved {
                    scheduler.stop()
                    return
                }
                if !decl.lifecycle.postconditions.isEmpty {
                    var selfCtx = ctx
                    selfCtx.variables["self"] = StateValueCodec.markSensitive(resp.newState, paths: StateValueCodec.sensitivePaths(change.after))
                    let object = CheckObject(kind: "resource", configAddr: Engine.configAddress(abs), objectAddr: addr.description, replace: true)
                    self.checkConditions(decl.lifecycle.postconditions, .resourcePostcondition, selfCtx, address: addr.description, object: object, &diags)
                }
            })
        }
        var ok = true
        switch expansion {
        case .single: ok = apply1(.none, scope.context())
        case .count(let n):
            for i in 0..<n where ok { ok = apply1(.int(i), scope.context(count: i)) }
        case .forEach(let entries):
            for (k, v) in entries where ok { ok = apply1(.string(k), scope.context(each: (k, v))) }
        case .unknown: break
        }
        scheduler.whenDone(&diags) { _ in
            scope.setResource(decl, EvaluationScope.aggregate(expansion, values))
        }
    }

    static func newDeposedKey() -> String {
        String((0..<8).map { _ in "0123456789abcdef".randomElement() ?? "0" })
    }

    func idString(_ v: Value) -> String? {
        guard let id = v.attributes?["id"], id.isKnown, !id.isNull else { return nil }
        return id.unmarked().0.stringValue
    }
}
