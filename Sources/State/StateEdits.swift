import Config
import HCL

/// The edits the `state` commands make (`rm`, `mv`, `taint`, `replace-provider`),
/// following terraform's rules; the commands only print what these return.
public enum StateEdits {
    /// Instances selected by a target, sorted as terraform sorts them. A module
    /// target selects its own resources and those of every module below it.
    public static func instances(matching target: AddressTarget, in state: StateFile) -> [AbsResourceInstance] {
        var out: [AbsResourceInstance] = []
        switch target {
        case .module(let m):
            for r in state.resources where m.targetContains(r.address.module) {
                for i in r.instances where i.deposed == nil || !r.instances.contains(where: { $0.key == i.key && $0.deposed == nil }) {
                    out.append(r.address.instance(i.key))
                }
            }
        case .resource(let a):
            if let r = state.resource(a) {
                var seen = Set<InstanceKey>()
                for i in r.instances where seen.insert(i.key).inserted { out.append(a.instance(i.key)) }
            }
        case .instance(let i):
            if let r = state.resource(i.absResource), r.instances.contains(where: { $0.key == i.key }) { out.append(i) }
        }
        return Array(Set(out)).sorted()
    }

    /// Whether anything in the state matches, and terraform's error when not.
    public static func missing(_ target: AddressTarget, in state: StateFile) -> Diagnostic? {
        switch target {
        case .module(let m):
            let found = state.resources.contains { m.targetContains($0.address.module) }
            return found ? nil : .error("Unknown module", "The current state contains no module at \(m). If you've just added this module to the configuration, you must run \"terraform apply\" first to create the module's entry in the state.")
        case .resource(let a):
            return state.resource(a) != nil ? nil : .error("Unknown resource", "The current state contains no resource \(a). If you've just added this resource to the configuration, you must run \"terraform apply\" first to create the resource's entry in the state.")
        case .instance(let i):
            return instances(matching: target, in: state).isEmpty ? .error("Unknown resource instance", "The current state contains no resource instance \(i). If you've just added its resource to the configuration or have changed the count or for_each arguments, you must run \"terraform apply\" first to update the resource's entry in the state.") : nil
        }
    }

    /// Removes every object of the matched instances; resources left empty go too.
    /// Returns the removed instance addresses in the order terraform reports them.
    @discardableResult
    public static func remove(_ targets: [AddressTarget], from state: inout StateFile) -> [AbsResourceInstance] {
        var removed: [AbsResourceInstance] = []
        for t in targets { removed += instances(matching: t, in: state) }
        for addr in removed {
            guard let ri = state.resourceIndex(addr.absResource) else { continue }
            state.resources[ri].instances.removeAll { $0.key == addr.key }
            if state.resources[ri].instances.isEmpty { state.resources.remove(at: ri) }
        }
        return removed
    }

    /// One line of `state mv` output: what moved where.
    public struct Move: Equatable, Sendable {
        public var from: String
        public var to: String
    }

    public enum MoveError: Error, Equatable {
        /// A diagnostic (rendered by the command).
        case diagnostic(Diagnostic)
        /// A plain UI error (terraform's errStateMv text).
        case message(String)
    }

    /// Moves what `source` names to `destination`, within `state` or into `destinationState`
    /// (for `-state-out`). `destinationText` is the address as the user typed it.
    public static func move(_ source: AddressTarget, to destination: AddressTarget, destinationText: String,
                            in state: inout StateFile, into destinationState: inout StateFile?) -> Result<[Move], MoveError> {
        let invalidSource = "Invalid source address"
        let invalidTarget = "Invalid target address"
        // Which objects the source names.
        var sources: [AddressTarget] = []
        switch source {
        case .module(let m):
            var mods = Set<ModuleInstance>()
            for r in state.resources where r.address.module == m || m.isAncestor(of: r.address.module) { mods.insert(r.address.module) }
            sources = mods.sorted().map { .module($0) }
        case .resource(let a):
            if let r = state.resource(a) {
                sources = [r.instances.contains { $0.key == .none } ? .instance(a.instance(.none)) : .resource(a)]
            }
        case .instance:
            sources = [source]
        }
        if sources.isEmpty {
            return .failure(.diagnostic(.error(invalidSource, "Cannot move \(source): does not match anything in the current state.")))
        }
        var moves: [Move] = []
        let separate = destinationState != nil
        var other = destinationState ?? StateFile(lineage: "")
        // Objects leave `state` and arrive in `other`, which is `state` itself without -state-out.
        func destinationView() -> StateFile { separate ? other : state }
        func insert(_ r: ResourceState) {
            if separate { other.resources.append(r) } else { state.resources.append(r) }
        }
        for raw in sources {
            switch raw {
            case .module(let from):
                guard case .module(let search) = source, case .module(var to) = destination else {
                    return .failure(.diagnostic(.error(invalidTarget, "Cannot move \(raw) to \(destination): the target must also be a module.")))
                }
                if search.steps.count < from.steps.count {
                    to = ModuleInstance(to.steps + from.steps[search.steps.count...])
                }
                if destinationView().resources.contains(where: { $0.address.module == to }) {
                    return .failure(.message("Error moving state: destination module already exists\n\nPlease ensure your addresses and state paths are valid. No\nstate was persisted. Your existing states are untouched."))
                }
                moves.append(Move(from: from.description, to: to.description))
                let moving = state.resources.filter { $0.address.module == from }
                state.resources.removeAll { $0.address.module == from }
                for var r in moving {
                    r.address.module = to
                    insert(r)
                }
            case .resource(let from):
                guard case .resource(let to) = destination else {
                    return .failure(.diagnostic(.error(invalidTarget, "Cannot move \(from) to \(destination): the source is a whole resource (not a resource instance) so the target must also be a whole resource.")))
                }
                if let d = validate(from, to) { return .failure(.diagnostic(d)) }
                if destinationView().resource(to) != nil {
                    return .failure(.diagnostic(.error(invalidTarget, "Cannot move to \(to): there is already a resource at that address in the current state.")))
                }
                guard let ri = state.resourceIndex(from) else {
                    return .failure(.diagnostic(.error(invalidSource, "The current state does not contain \(from).")))
                }
                moves.append(Move(from: from.description, to: to.description))
                var r = state.resources.remove(at: ri)
                r.address = to
                insert(r)
            case .instance(let from):
                let to: AbsResourceInstance
                switch destination {
                case .instance(let i): to = i
                case .resource(let r): to = r.instance(.none)
                case .module:
                    return .failure(.diagnostic(.error(invalidTarget, "Cannot move \(from) to \(destination): the target must also be a resource instance.")))
                }
                if let d = validate(from.absResource, to.absResource) { return .failure(.diagnostic(d)) }
                if destinationView().resource(to.absResource)?.instances.contains(where: { $0.key == to.key }) ?? false {
                    return .failure(.diagnostic(.error(invalidTarget, "Cannot move to \(to): there is already a resource instance at that address in the current state.")))
                }
                guard let ri = state.resourceIndex(from.absResource), state.resources[ri].instances.contains(where: { $0.key == from.key }) else {
                    return .failure(.diagnostic(.error(invalidSource, "The current state does not contain \(from).")))
                }
                moves.append(Move(from: from.description, to: destinationText))
                let provider = state.resources[ri].provider
                var objects = state.resources[ri].instances.filter { $0.key == from.key }
                state.resources[ri].instances.removeAll { $0.key == from.key }
                if state.resources[ri].instances.isEmpty { state.resources.remove(at: ri) }
                for k in objects.indices { objects[k].key = to.key }
                if separate {
                    if let ti = other.resourceIndex(to.absResource) { other.resources[ti].instances += objects }
                    else { other.resources.append(ResourceState(address: to.absResource, provider: provider, instances: objects)) }
                } else {
                    if let ti = state.resourceIndex(to.absResource) { state.resources[ti].instances += objects }
                    else { state.resources.append(ResourceState(address: to.absResource, provider: provider, instances: objects)) }
                }
            }
            if separate { clearDependencies(on: raw, in: &other) } else { clearDependencies(on: raw, in: &state) }
        }
        if separate { destinationState = other }
        return .success(moves)
    }

    private static func validate(_ from: AbsResource, _ to: AbsResource) -> Diagnostic? {
        let request = "Invalid state move request"
        if from.resource.mode != to.resource.mode {
            return from.resource.mode == .managed
                ? .error(request, "Cannot move \(from) to \(to): a managed resource can be moved only to another managed resource address.")
                : .error(request, "Cannot move \(from) to \(to): a data resource can be moved only to another data resource address.")
        }
        if from.resource.type != to.resource.type {
            return .error(request, "Cannot move \(from) to \(to): resource types don't match.")
        }
        return nil
    }

    /// terraform drops the recorded dependencies of objects that depended on what moved.
    static func clearDependencies(on moved: AddressTarget, in state: inout StateFile) {
        func names(_ m: ModuleInstance) -> [String] { m.steps.map(\.name) }
        for ri in state.resources.indices {
            for ii in state.resources[ri].instances.indices where state.resources[ri].instances[ii].deposed == nil {
                let deps = state.resources[ri].instances[ii].dependencies
                let hit = deps.contains { dep in
                    guard case .resource(let d)? = AddressParser.parseTarget(dep).0 else { return false }
                    switch moved {
                    case .instance(let i):
                        return d.resource == i.resource.resource && names(d.module) == names(i.module)
                    case .resource(let a):
                        return d.resource == a.resource && names(d.module) == names(a.module)
                    case .module(let m):
                        return m.steps.allSatisfy { $0.key == .none } && names(d.module).starts(with: names(m))
                    }
                }
                if hit { state.resources[ri].instances[ii].dependencies = [] }
            }
        }
    }

    /// Marks the current object tainted (`taint`) or ready again (`untaint`).
    public static func setTainted(_ addr: AbsResourceInstance, _ tainted: Bool, in state: inout StateFile) -> Bool {
        guard let ri = state.resourceIndex(addr.absResource),
              let ii = state.resources[ri].instances.firstIndex(where: { $0.key == addr.key && $0.deposed == nil }) else { return false }
        state.resources[ri].instances[ii].status = tainted ? .tainted : .ready
        return true
    }
}
