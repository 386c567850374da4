import Config
import HCL
import Values

/// `lifecycle` rules that change what is planned: `ignore_changes`.
extension Engine {
    /// The configuration with ignored paths taking their prior values, as
    /// terraform hands it to the provider (only when an object exists).
    static func applyIgnoreChanges(_ lc: Lifecycle, block: SchemaBlock, prior: Value, config: Value) -> Value {
        if prior.isNull || config.isNull { return config }
        if lc.ignoreAllChanges {
            // Everything from prior state, except what only the provider decides.
            guard var attrs = prior.attributes else { return config }
            for (name, a) in block.attributes where a.computed && !a.optional && !a.required {
                if let v = attrs[name] { attrs[name] = .null(v.type) }
            }
            return Value(type: prior.type, content: .attributes(attrs), marks: prior.marks)
        }
        var out = config
        for path in lc.ignoreChanges {
            let steps = path.compactMap { step -> String? in
                switch step.kind {
                case .attribute(let n): return n
                case .index(.string(let k)): return k
                case .index(.number(let n)): return n
                default: return nil
                }
            }
            guard steps.count == path.count else { continue }
            out = replacing(out, at: steps[...], from: prior)
        }
        return out
    }

    /// `target` with the value at `path` replaced by `source`'s value there;
    /// a map key missing from the prior value is removed from the result.
    private static func replacing(_ target: Value, at path: ArraySlice<String>, from source: Value) -> Value {
        guard let first = path.first else { return source }
        if let items = target.elements, let i = Int(first), i >= 0, i < items.count,
           let sourceItems = source.elements, i < sourceItems.count, target.type.isList || target.type.isTuple {
            var copy = items
            copy[i] = replacing(items[i], at: path.dropFirst(), from: sourceItems[i])
            return Value(type: target.type, content: .elements(copy), marks: target.marks)
        }
        guard var attrs = target.attributes else { return target }
        let sourceAttrs = source.isNull || !source.isKnown ? nil : source.attributes
        if let s = sourceAttrs?[first] {
            if let t = attrs[first] {
                attrs[first] = replacing(t, at: path.dropFirst(), from: s)
            } else if target.type.isMap && path.count == 1 {
                attrs[first] = s
            }
        } else if target.type.isMap && path.count == 1 {
            attrs[first] = nil
        } else {
            return target
        }
        return Value(type: target.type, content: .attributes(attrs), marks: target.marks)
    }
}

/// `prevent_destroy` in a destroy plan: each instance the plan would remove is an error.
extension Engine {
    func preventDestroyCheck(_ changes: [PlannedChange], _ diags: inout Diagnostics) {
        for c in changes where c.action == .delete {
            guard let decl = tree(of: c.address.module)?.module.resources[c.address.resource.resource.description],
                  decl.lifecycle.preventDestroy else { continue }
            diags += .error("Instance cannot be destroyed",
                            "Resource \(c.address) has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.",
                            subject: decl.declRange)
            walkFailed = true
        }
    }
}

/// `replace_triggered_by`: a reference to a resource instance (or one of its
/// attributes) in the same module that has a change planned.
extension Engine {
    /// Whether any trigger of an instance fires, given the changes planned so far.
    func replaceTriggered(_ exprs: [Expression], module: ModuleInstance, ctx: EvalContext, planned: PlannedIndex,
                          _ diags: inout Diagnostics) -> Bool {
        for e in exprs {
            guard let (addr, attrPath) = triggerReference(e, module: module, ctx: ctx, &diags) else { continue }
            // A resource without a key stands for all its instances: its answer
            // is worked out once (the resource is planned before anything it
            // triggers), so many instances naming it cost one pass.
            if addr.key == .none, planned[addr] == nil {
                let cacheKey = PlannedIndex.TriggerKey(resource: addr.absResource, path: attrPath)
                if let known = planned.triggerCache[cacheKey] {
                    if known { return true }
                    continue
                }
                let fired = planned.instances(of: addr.absResource).contains { Engine.triggerFires($0, attrPath) }
                planned.triggerCache[cacheKey] = fired
                if fired { return true }
            } else if let c = planned[addr], Engine.triggerFires(c, attrPath) {
                return true
            }
        }
        return false
    }

    private static func triggerFires(_ c: PlannedChange, _ attrPath: [String]) -> Bool {
        if c.action == .noOp || c.action == .read { return false }
        if attrPath.isEmpty || c.action != .update { return true }
        let before = Engine.value(at: attrPath, in: c.before.unmarkedDeep().0)
        let after = Engine.value(at: attrPath, in: c.after.unmarkedDeep().0)
        return !after.isWhollyKnown || !after.rawEquals(before)
    }

    static func value(at path: [String], in v: Value) -> Value {
        var cur = v
        for step in path {
            if let attrs = cur.attributes, let next = attrs[step] { cur = next; continue }
            if let items = cur.elements, let i = Int(step), i >= 0, i < items.count { cur = items[i]; continue }
            return .dynamicNull
        }
        return cur
    }

    /// The instance and attribute path a trigger expression names.
    private func triggerReference(_ e: Expression, module: ModuleInstance, ctx: EvalContext, _ diags: inout Diagnostics)
        -> (AbsResourceInstance, [String])? {
        func steps(_ s: [TraversalStep]) -> [String]? {
            var out: [String] = []
            for step in s {
                switch step.kind {
                case .attribute(let n): out.append(n)
                case .index(.string(let k)): out.append(k)
                case .index(.number(let n)): out.append(n)
                default: return nil
                }
            }
            return out
        }
        func resource(_ t: Traversal) -> (Resource, [String])? {
            guard t.rootName != "data", let first = t.steps.first, case .attribute(let name) = first.kind,
                  let rest = steps(Array(t.steps.dropFirst())) else { return nil }
            return (Resource(mode: .managed, type: t.rootName, name: name), rest)
        }
        func key(_ v: Value) -> InstanceKey? {
            let (plain, _) = v.unmarked()
            if let s = plain.stringValue { return .string(s) }
            if let n = plain.numberValue?.intValue { return .int(n) }
            return nil
        }
        switch e.kind {
        case .scopeTraversal(let t):
            guard let (r, rest) = resource(t) else { return nil }
            // A literal first index selects the instance.
            if let k = rest.first, let step = t.steps.dropFirst().first, case .index(let lit) = step.kind {
                let ik: InstanceKey
                switch lit {
                case .number(let n): ik = Int(n).map { .int($0) } ?? .string(k)
                default: ik = .string(k)
                }
                return (AbsResourceInstance(module: module, resource: r.instance(ik)), Array(rest.dropFirst()))
            }
            return (AbsResourceInstance(module: module, resource: r.instance(.none)), rest)
        case .index(let c, let k, _):
            guard case .scopeTraversal(let t) = c.kind, let (r, rest) = resource(t), rest.isEmpty else { return nil }
            let (kv, ds) = Evaluator.evaluate(k, in: ctx)
            diags += ds
            guard let ik = key(kv) else { return nil }
            return (AbsResourceInstance(module: module, resource: r.instance(ik)), [])
        case .relativeTraversal(let source, let more):
            guard let (addr, path) = triggerReference(source, module: module, ctx: ctx, &diags), let extra = steps(more) else { return nil }
            return (addr, path + extra)
        default:
            return nil
        }
    }
}

/// The changes planned so far in one plan, by instance and by resource, so
/// `replace_triggered_by` finds a resource's instances without scanning every change.
final class PlannedIndex: ExpressibleByDictionaryLiteral {
    struct TriggerKey: Hashable {
        var resource: AbsResource
        var path: [String]
    }

    private var byInstance: [AbsResourceInstance: PlannedChange] = [:]
    private var byResource: [AbsResource: [AbsResourceInstance]] = [:]
    /// Whether a keyless trigger (resource, attribute path) fires.
    var triggerCache: [TriggerKey: Bool] = [:]
    /// What data sources' `depends_on` looks up, for the same plan.
    let pending = PendingChangeIndex()

    init(dictionaryLiteral elements: (AbsResourceInstance, PlannedChange)...) {
        for (k, v) in elements { self[k] = v }
    }

    subscript(_ addr: AbsResourceInstance) -> PlannedChange? {
        get { byInstance[addr] }
        set {
            if byInstance[addr] == nil, newValue != nil { byResource[addr.absResource, default: []].append(addr) }
            if newValue == nil { byResource[addr.absResource]?.removeAll { $0 == addr } }
            byInstance[addr] = newValue
        }
    }

    func instances(of abs: AbsResource) -> [PlannedChange] {
        (byResource[abs] ?? []).compactMap { byInstance[$0] }
    }
}
