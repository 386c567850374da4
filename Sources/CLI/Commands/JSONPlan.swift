import Config
import Engine
import HCL
import JSON
import State
import Values

/// terraform's JSON plan representation (format 1.2), as `show -json PLANFILE`
/// prints it: members in terraform's order, maps sorted as Go writes them,
/// module addresses kept so child modules nest under `planned_values`.
struct JSONPlan {
    let saved: SavedPlan
    let tree: ConfigTree?
    let registry: ProviderRegistry

    private var plan: Plan { saved.plan }

    func document() -> JSONValue {
        var m: [JSONMember] = [
            JSONMember(key: "format_version", value: .string("1.2")),
            JSONMember(key: "terraform_version", value: .string(StateFile.currentTerraformVersion)),
        ]
        if !saved.variables.isEmpty {
            m.append(JSONMember(key: "variables", value: .object(saved.variables.keys.sorted(by: StateValueCodec.byteOrder).map {
                JSONMember(key: $0, value: .object([JSONMember(key: "value", value: PlanJSONValues.plain(saved.variables[$0]!))]))
            })))
        }
        m.append(JSONMember(key: "planned_values", value: plannedValues()))
        // Move-only drift is listed by refresh-only plans alone (other plans show moves as changes).
        let drift = plan.drift.filter { plan.isRefreshOnly || $0.action != .noOp }
        if !drift.isEmpty {
            m.append(JSONMember(key: "resource_drift", value: .array(drift.map(resourceChange))))
        }
        let changes = plan.changes.sorted { $0.address < $1.address }
        if !changes.isEmpty {
            m.append(JSONMember(key: "resource_changes", value: .array(changes.map(resourceChange))))
        }
        let outputs = outputChanges()
        if !outputs.isEmpty { m.append(JSONMember(key: "output_changes", value: .object(outputs))) }
        let prior = priorState()
        if !(prior.resources.isEmpty && prior.outputs.isEmpty) {
            m.append(JSONMember(key: "prior_state", value: ShowStateJSON.document(prior)))
        }
        if let tree {
            m.append(JSONMember(key: "configuration", value: JSONPlanConfiguration(registry: registry).document(tree)))
            let relevant = relevantAttributes(tree)
            if !relevant.isEmpty { m.append(JSONMember(key: "relevant_attributes", value: .array(relevant))) }
        }
        if let checks = plan.checkResults, !checks.isEmpty {
            m.append(JSONMember(key: "checks", value: ShowStateJSON.checksJSON(checks)))
        }
        m.append(JSONMember(key: "timestamp", value: .string(saved.timestamp)))
        m.append(JSONMember(key: "applyable", value: .bool(saved.applyable)))
        m.append(JSONMember(key: "complete", value: .bool(!saved.errored)))
        m.append(JSONMember(key: "errored", value: .bool(saved.errored)))
        return .object(m)
    }

    /// The state planning ended with: the prior objects, and the root outputs whose new values were already known.
    func priorState() -> StateFile {
        var state = plan.priorStateWithReadData ?? StateFile(lineage: "")
        // Objects that `moved` blocks (or implied moves) relocate are already at their new addresses.
        for c in plan.changes {
            guard let from = c.previousAddress, from != c.address,
                  let i = state.resources.firstIndex(where: { $0.address == from.absResource }) else { continue }
            let moving = state.resources[i].instances.filter { $0.key == from.key }
            if moving.isEmpty { continue }
            state.resources[i].instances.removeAll { $0.key == from.key }
            let provider = state.resources[i].provider
            if state.resources[i].instances.isEmpty { state.resources.remove(at: i) }
            let relocated = moving.map { o -> InstanceObject in var o = o; o.key = c.address.key; return o }
            if let j = state.resources.firstIndex(where: { $0.address == c.address.absResource }) {
                state.resources[j].instances += relocated
            } else {
                state.resources.append(ResourceState(address: c.address.absResource, provider: provider, instances: relocated))
            }
        }
        // Outputs whose new value is unknown, or that go away, keep their old value until apply.
        var outputs: [String: OutputValue] = [:]
        for o in state.outputs { outputs[o.name] = o }
        for o in JSONPlan.knownOutputs(plan) { outputs[o.name] = o }
        state.outputs = outputs.values.sorted { StateValueCodec.byteOrder($0.name, $1.name) }
        return state
    }

    /// The root outputs the plan gives a known, non-null new value, as state records them.
    static func knownOutputs(_ plan: Plan) -> [OutputValue] {
        plan.outputChanges.compactMap { o in
            guard o.action != .delete else { return nil }
            let (after, marks) = o.after.unmarkedDeep()
            guard after.isWhollyKnown, !after.isNull, let json = StateValueCodec.encode(after, as: after.type) else { return nil }
            return OutputValue(name: o.name, value: json, type: StateValueCodec.typeJSON(after.type), sensitive: o.sensitive || marks.contains(.sensitive))
        }
    }

    // MARK: planned_values

    func plannedValues() -> JSONValue {
        var m: [JSONMember] = []
        let outs = plan.outputChanges.filter { $0.action != .delete }
        if !outs.isEmpty {
            m.append(JSONMember(key: "outputs", value: .object(outs.sorted { StateValueCodec.byteOrder($0.name, $1.name) }.map { o in
                var om: [JSONMember] = [JSONMember(key: "sensitive", value: .bool(o.sensitive))]
                let after = o.after.unmarkedDeep().0
                if after.isWhollyKnown {
                    om.append(JSONMember(key: "type", value: StateValueCodec.typeJSON(after.type)))
                    om.append(JSONMember(key: "value", value: PlanJSONValues.plain(after)))
                }
                return JSONMember(key: o.name, value: .object(om))
            })))
        }
        let kept = plan.changes.filter { $0.action != .delete }
        m.append(JSONMember(key: "root_module", value: plannedModule(.root, kept)))
        return .object(m)
    }

    /// One module of planned values: its resources, then child modules that hold resources somewhere below.
    private func plannedModule(_ addr: ModuleInstance, _ changes: [PlannedChange]) -> JSONValue {
        var m: [JSONMember] = []
        let here = changes.filter { $0.address.module == addr }
        if !here.isEmpty {
            // Sorted by address text, as terraform sorts them here.
            let sorted = here.sorted { StateValueCodec.byteOrder($0.address.description, $1.address.description) }
            m.append(JSONMember(key: "resources", value: .array(sorted.map(plannedResource))))
        }
        if !addr.isRoot { m.append(JSONMember(key: "address", value: .string(addr.description))) }
        var children = Set<ModuleInstance>()
        for c in changes where c.address.module.steps.count > addr.steps.count && Array(c.address.module.steps.prefix(addr.steps.count)) == addr.steps {
            children.insert(ModuleInstance(Array(c.address.module.steps.prefix(addr.steps.count + 1))))
        }
        if !children.isEmpty {
            let sorted = children.sorted { StateValueCodec.byteOrder($0.description, $1.description) }
            m.append(JSONMember(key: "child_modules", value: .array(sorted.map { plannedModule($0, changes) })))
        }
        return .object(m)
    }

    private func plannedResource(_ c: PlannedChange) -> JSONValue {
        var m = identity(c.address)
        m.append(JSONMember(key: "provider_name", value: .string(c.providerSource)))
        m.append(JSONMember(key: "schema_version", value: .number(String(c.schema.version))))
        if !c.after.isNull, let known = PlanJSONValues.knownPart(c.after), known.objectValue != nil {
            m.append(JSONMember(key: "values", value: known))
        }
        m.append(JSONMember(key: "sensitive_values", value: sensitive(c.after, schema: c.schema)))
        return .object(m)
    }

    /// address, mode, type, name, index: what every resource entry starts with.
    private func identity(_ a: AbsResourceInstance) -> [JSONMember] {
        let r = a.resource.resource
        var m: [JSONMember] = [
            JSONMember(key: "address", value: .string(a.description)),
            JSONMember(key: "mode", value: .string(r.mode == .data ? "data" : "managed")),
            JSONMember(key: "type", value: .string(r.type)),
            JSONMember(key: "name", value: .string(r.name)),
        ]
        if let i = indexJSON(a.key) { m.append(JSONMember(key: "index", value: i)) }
        return m
    }

    private func indexJSON(_ k: InstanceKey) -> JSONValue? {
        switch k {
        case .none: return nil
        case .int(let i): return .number(i)
        case .string(let s): return .string(s)
        }
    }

    /// SensitiveAsBool of a value with the schema's sensitive attributes marked too.
    private func sensitive(_ v: Value, schema: ResourceSchema) -> JSONValue {
        guard !v.isNull, var attrs = v.attributes else { return PlanJSONValues.sensitiveAsBool(v) }
        for (name, a) in schema.block.attributes where a.sensitive {
            if let item = attrs[name] { attrs[name] = item.marked(.sensitive) }
        }
        return PlanJSONValues.sensitiveAsBool(Value(type: v.type, content: .attributes(attrs), marks: v.marks))
    }

    // MARK: resource_changes

    static func actions(_ a: ChangeAction) -> [String] {
        switch a {
        case .noOp: return ["no-op"]
        case .create: return ["create"]
        case .update: return ["update"]
        case .delete: return ["delete"]
        case .deleteThenCreate: return ["delete", "create"]
        case .createThenDelete: return ["create", "delete"]
        case .read: return ["read"]
        case .forget: return ["forget"]
        }
    }

    static func actionReason(_ c: PlannedChange) -> String? {
        switch c.reason {
        case .countIndexOutOfRange?: return "delete_because_count_index"
        case .eachKeyNotFound?: return "delete_because_each_key"
        case .noResourceConfig?: return "delete_because_no_resource_config"
        case .noCountExpected?, .countExpected?, .noForEachExpected?, .forEachExpected?: return "delete_because_wrong_repetition"
        case .noModule?: return "delete_because_no_module"
        case .readBecauseConfigUnknown?: return "read_because_config_unknown"
        case .readBecauseDependencyPending?: return "read_because_dependency_pending"
        case .replaceByRequest?: return "replace_by_request"
        case .replaceByTriggers?: return "replace_by_triggers"
        case .replaceBecauseTainted?: return "replace_because_tainted"
        case nil:
            return (c.action == .deleteThenCreate || c.action == .createThenDelete) && !c.requiresReplace.isEmpty ? "replace_because_cannot_update" : nil
        }
    }

    func resourceChange(_ c: PlannedChange) -> JSONValue {
        var m: [JSONMember] = [JSONMember(key: "address", value: .string(c.address.description))]
        if let prev = c.previousAddress { m.append(JSONMember(key: "previous_address", value: .string(prev.description))) }
        if !c.address.module.isRoot { m.append(JSONMember(key: "module_address", value: .string(c.address.module.description))) }
        m += identity(c.address).dropFirst()
        m.append(JSONMember(key: "provider_name", value: .string(c.providerSource)))
        m.append(JSONMember(key: "change", value: change(c)))
        if let reason = JSONPlan.actionReason(c) { m.append(JSONMember(key: "action_reason", value: .string(reason))) }
        return .object(m)
    }

    private func change(_ c: PlannedChange) -> JSONValue {
        var m: [JSONMember] = [JSONMember(key: "actions", value: .array(JSONPlan.actions(c.action).map { .string($0) }))]
        m.append(JSONMember(key: "before", value: PlanJSONValues.plain(c.before)))
        let after = c.after.unmarkedDeep().0
        if after.isWhollyKnown {
            m.append(JSONMember(key: "after", value: PlanJSONValues.plain(after)))
            m.append(JSONMember(key: "after_unknown", value: .object([])))
        } else {
            if let known = PlanJSONValues.knownPart(after) { m.append(JSONMember(key: "after", value: known)) }
            m.append(JSONMember(key: "after_unknown", value: PlanJSONValues.unknownAsBool(after)))
        }
        m.append(JSONMember(key: "before_sensitive", value: sensitive(c.before, schema: c.schema)))
        m.append(JSONMember(key: "after_sensitive", value: sensitive(c.after, schema: c.schema)))
        if !c.requiresReplace.isEmpty {
            m.append(JSONMember(key: "replace_paths", value: .array(c.requiresReplace.map(SavedPlan.pathJSON))))
        }
        return .object(m)
    }

    // MARK: output_changes

    func outputChanges() -> [JSONMember] {
        plan.outputChanges.sorted { StateValueCodec.byteOrder($0.name, $1.name) }.map { o in
            var m: [JSONMember] = [JSONMember(key: "actions", value: .array(JSONPlan.actions(o.action).map { .string($0) }))]
            m.append(JSONMember(key: "before", value: PlanJSONValues.plain(o.before)))
            let after = o.after.unmarkedDeep().0
            if after.isWhollyKnown {
                m.append(JSONMember(key: "after", value: PlanJSONValues.plain(after)))
                m.append(JSONMember(key: "after_unknown", value: .bool(false)))
            } else {
                if let known = PlanJSONValues.knownPart(after) { m.append(JSONMember(key: "after", value: known)) }
                m.append(JSONMember(key: "after_unknown", value: PlanJSONValues.unknownAsBool(after)))
            }
            m.append(JSONMember(key: "before_sensitive", value: .bool(o.sensitive)))
            m.append(JSONMember(key: "after_sensitive", value: .bool(o.sensitive)))
            return JSONMember(key: o.name, value: .object(m))
        }
    }

    // MARK: relevant_attributes

    /// Resource attributes that the changed resources and outputs depend on,
    /// followed through locals, module outputs and arguments, and the referenced
    /// resources' own arguments. Module outputs count as changed in every module
    /// instance the plan keeps (they are not in state), as terraform sees them.
    func relevantAttributes(_ tree: ConfigTree) -> [JSONValue] {
        /// A module instance: its `module.x[k]` steps and the static call names.
        struct Path: Hashable {
            var texts: [String] = []
            var names: [String] = []
            var text: String { texts.joined(separator: ".") }
            func child(_ text: String, _ name: String) -> Path { Path(texts: texts + [text], names: names + [name]) }
            var parent: Path { Path(texts: Array(texts.dropLast()), names: Array(names.dropLast())) }
        }
        func config(_ p: Path) -> ConfigTree? {
            var node: ConfigTree? = tree
            for n in p.names { node = node?.children[n] }
            return node
        }
        func path(_ m: ModuleInstance) -> Path {
            Path(texts: m.steps.map { "module." + $0.name + $0.key.description }, names: m.steps.map(\.name))
        }
        var pending: [(Path, Traversal)] = []
        func outputs(_ p: Path, only name: String? = nil) {
            guard let m = config(p)?.module else { return }
            for (n, o) in m.outputs where name == nil || name == n {
                if let e = o.expression { pending += ReferenceParser.traversals(in: e).map { (p, $0) } }
            }
        }
        var modulesKept = Set<Path>()
        for c in plan.changes {
            let p = path(c.address.module)
            if c.action != .delete, !p.texts.isEmpty {
                var q = p
                while !q.texts.isEmpty { modulesKept.insert(q); q = q.parent }
            }
            guard c.action != .noOp, let module = config(p)?.module else { continue }
            let r = c.address.resource.resource
            let key = (r.mode == .data ? "data." : "") + r.type + "." + r.name
            guard let decl = module.resources[key] else { continue }
            pending += traversals(decl).map { (p, $0) }
        }
        for o in plan.outputChanges where o.action != .noOp {
            outputs(Path(), only: o.name)
        }
        for p in modulesKept { outputs(p) }
        var seen = Set<String>()
        var found: [String: (String, JSONValue)] = [:]
        while let (p, t) = pending.popLast() {
            let (parsed, _) = ReferenceParser.parse(t)
            guard let ref = parsed, let parts = ReferenceText.split(t), let module = config(p)?.module else { continue }
            let text = parts.subject + ReferenceText.steps(ref.remaining)
            if !seen.insert(p.text + " " + text).inserted { continue }
            switch ref.subject {
            case .localValue(let name):
                if let e = module.locals[name]?.expression { pending += ReferenceParser.traversals(in: e).map { (p, $0) } }
            case .inputVariable(let name):
                // A module's variable is its caller's argument.
                guard let call = p.names.last, let parent = config(p.parent)?.module.moduleCalls[call],
                      let arg = parent.inputs.first(where: { $0.name == name }) else { break }
                pending += ReferenceParser.traversals(in: arg.expression).map { (p.parent, $0) }
            case .moduleOutput(let call, let output):
                outputs(p.child(parts.container ?? "module." + call, call), only: output)
            case .moduleCall(let call):
                outputs(p.child(parts.subject, call))
            case .resource(let mode, let type, let name, _):
                let path: [JSONValue] = ref.remaining.map { step in
                    switch step.kind {
                    case .attribute(let n): return .string(n)
                    case .index(.number(let n)): return .number(n)
                    case .index(.string(let s)): return .string(s)
                    case .index: return .null
                    }
                }
                let resource = (p.texts.isEmpty ? "" : p.text + ".") + parts.subject
                found[(p.texts.isEmpty ? "" : p.text + ".") + text] = (resource, .array(path))
                let key = (mode == .data ? "data." : "") + type + "." + name
                if let decl = module.resources[key] {
                    // Only the argument the reference reads, when it names one.
                    if case .attribute(let attr)? = ref.remaining.first?.kind {
                        if let a = decl.config.attribute(named: attr) { pending += ReferenceParser.traversals(in: a.expression).map { (p, $0) } }
                    } else {
                        pending += traversals(decl).map { (p, $0) }
                    }
                }
            default: break
            }
        }
        return found.keys.sorted(by: StateValueCodec.byteOrder).compactMap { k in
            guard let (resource, path) = found[k] else { return nil }
            return .object([JSONMember(key: "resource", value: .string(resource)), JSONMember(key: "attribute", value: path)])
        }
    }

    /// The `relevant_attributes` entries as the plan renderer takes them.
    static func relevantAttributeList(_ entries: [JSONValue]) -> [RelevantAttribute] {
        entries.compactMap { e in
            guard let resource = e["resource"]?.stringValue else { return nil }
            let steps: [AttributePath.Step] = (e["attribute"]?.arrayValue ?? []).map { step in
                if let s = step.stringValue { return .attribute(s) }
                return .index(step.intValue ?? 0)
            }
            return RelevantAttribute(resource: resource, path: AttributePath(steps))
        }
    }

    private func traversals(_ decl: ResourceDecl) -> [Traversal] {
        var out: [Traversal] = []
        func walk(_ body: Body) {
            for a in body.attributes { out += ReferenceParser.traversals(in: a.expression) }
            for b in body.blocks { walk(b.body) }
        }
        walk(decl.config)
        if let c = decl.count { out += ReferenceParser.traversals(in: c) }
        if let f = decl.forEach { out += ReferenceParser.traversals(in: f) }
        return out
    }
}
