import Config
import JSON
import State
import Values

/// A state being changed by a walk: instances found by address in O(1), and
/// encoded to terraform's JSON shape as they change.
final class StateDocument {
    private(set) var file: StateFile
    private var resourceIndex: [AbsResource: Int] = [:]

    init(_ file: StateFile) {
        self.file = file
        reindex()
    }

    private func reindex() {
        resourceIndex = [:]
        for (i, r) in file.resources.enumerated() { resourceIndex[r.address] = i }
    }

    func object(_ addr: AbsResourceInstance) -> InstanceObject? {
        guard let i = resourceIndex[addr.absResource] else { return nil }
        return file.resources[i].instances.first { $0.key == addr.key && $0.deposed == nil }
    }

    /// Stores the current object of an instance (replacing any).
    func set(_ addr: AbsResourceInstance, provider: String, value: Value, schema: ResourceSchema,
                      dependencies: [String], sensitivePaths: [JSONValue] = []) -> Bool {
        guard let attrs = StateValueCodec.encode(value, as: schema.block.impliedType) else { return false }
        let object = InstanceObject(key: addr.key, schemaVersion: schema.version, attributes: attrs,
                                    sensitiveAttributes: sensitivePaths, dependencies: dependencies)
        let res = addr.absResource
        if let i = resourceIndex[res] {
            file.resources[i].provider = provider
            if let j = file.resources[i].instances.firstIndex(where: { $0.key == addr.key && $0.deposed == nil }) {
                file.resources[i].instances[j] = object
            } else {
                file.resources[i].instances.append(object)
            }
        } else {
            resourceIndex[res] = file.resources.count
            file.resources.append(ResourceState(address: res, provider: provider, instances: [object]))
        }
        return true
    }

    /// Marks the current object tainted (a create-time provisioner failed), so the next plan replaces it.
    func setTainted(_ addr: AbsResourceInstance) {
        guard let i = resourceIndex[addr.absResource],
              let j = file.resources[i].instances.firstIndex(where: { $0.key == addr.key && $0.deposed == nil }) else { return }
        file.resources[i].instances[j].status = .tainted
    }

    func remove(_ addr: AbsResourceInstance) {
        guard let i = resourceIndex[addr.absResource] else { return }
        file.resources[i].instances.removeAll { $0.key == addr.key && $0.deposed == nil }
        if file.resources[i].instances.isEmpty {
            file.resources.remove(at: i)
            reindex()
        }
    }

    /// Re-addresses an instance's current object (a `moved` block or an implicit move).
    func move(_ from: AbsResourceInstance, to: AbsResourceInstance) {
        guard let i = resourceIndex[from.absResource],
              let j = file.resources[i].instances.firstIndex(where: { $0.key == from.key && $0.deposed == nil }) else { return }
        if from.absResource == to.absResource {
            file.resources[i].instances[j].key = to.key
            return
        }
        var object = file.resources[i].instances.remove(at: j)
        object.key = to.key
        let provider = file.resources[i].provider
        if file.resources[i].instances.isEmpty {
            file.resources.remove(at: i)
            reindex()
        }
        if let k = resourceIndex[to.absResource] {
            file.resources[k].instances.append(object)
        } else {
            resourceIndex[to.absResource] = file.resources.count
            file.resources.append(ResourceState(address: to.absResource, provider: provider, instances: [object]))
        }
    }

    /// Turns the current object of an instance into a deposed one (create_before_destroy).
    func depose(_ addr: AbsResourceInstance, key: String) {
        guard let i = resourceIndex[addr.absResource],
              let j = file.resources[i].instances.firstIndex(where: { $0.key == addr.key && $0.deposed == nil }) else { return }
        file.resources[i].instances[j].deposed = key
    }

    func removeDeposed(_ addr: AbsResourceInstance, key: String) {
        guard let i = resourceIndex[addr.absResource] else { return }
        file.resources[i].instances.removeAll { $0.key == addr.key && $0.deposed == key }
        if file.resources[i].instances.isEmpty {
            file.resources.remove(at: i)
            reindex()
        }
    }

    func removeDataResources(where shouldRemove: (AbsResource) -> Bool) {
        guard file.resources.contains(where: { $0.address.resource.mode == .data }) else { return }
        file.resources.removeAll { $0.address.resource.mode == .data && shouldRemove($0.address) }
        reindex()
    }

    func setCheckResults(_ results: [CheckResult]?) {
        file.checkResults = results
    }

    func setOutputs(_ outputs: [OutputValue]) {
        file.outputs = outputs
    }
}
