import Config
import JSON

/// A state snapshot in format version 4, as terraform keeps it on disk and in
/// backends. Attribute values stay JSON (with exact number text) so writing a
/// snapshot back never changes a value; the Engine decodes them with schemas.
public struct StateFile: Sendable, Equatable {
    /// The release whose behaviour this build follows; written into every snapshot it saves.
    public static let currentTerraformVersion = "1.11.4"

    public var terraformVersion: String
    public var serial: UInt64
    public var lineage: String
    /// Root module outputs, kept sorted by name (terraform writes them as a map).
    public var outputs: [OutputValue]
    public var resources: [ResourceState]
    /// The `check_results` array; nil when the snapshot has none (written as `null`).
    public var checkResults: [CheckResult]?

    public init(terraformVersion: String = StateFile.currentTerraformVersion, serial: UInt64 = 0, lineage: String,
                outputs: [OutputValue] = [], resources: [ResourceState] = [], checkResults: [CheckResult]? = nil) {
        self.terraformVersion = terraformVersion
        self.serial = serial
        self.lineage = lineage
        self.outputs = outputs
        self.resources = resources
        self.checkResults = checkResults
    }

    /// A new empty state with a fresh lineage.
    public static func empty() -> StateFile {
        StateFile(serial: 0, lineage: Lineage.generate())
    }

    public func output(named name: String) -> OutputValue? {
        outputs.first { $0.name == name }
    }

    public func resource(_ addr: AbsResource) -> ResourceState? {
        resources.first { $0.address == addr }
    }

    public func resourceIndex(_ addr: AbsResource) -> Int? {
        resources.firstIndex { $0.address == addr }
    }

    /// The current object of an instance, if it has one.
    public func instance(_ addr: AbsResourceInstance) -> InstanceObject? {
        resource(addr.absResource)?.instances.first { $0.key == addr.key && $0.deposed == nil }
    }

    /// Every instance address that has an object (current or deposed), sorted as terraform sorts them.
    public var instanceAddresses: [AbsResourceInstance] {
        // Sorting resources, then each one's keys, gives the order of sorting
        // every instance address, without comparing 20,000 deep addresses.
        var byAddress: [AbsResource: [InstanceKey]] = [:]
        for r in resources { byAddress[r.address, default: []].append(contentsOf: r.instances.map(\.key)) }
        return StateFile.sortedInstanceAddresses(byAddress)
    }

    /// Each resource's instance keys as sorted addresses (duplicate keys once).
    static func sortedInstanceAddresses(_ byAddress: [AbsResource: [InstanceKey]]) -> [AbsResourceInstance] {
        var out: [AbsResourceInstance] = []
        for addr in byAddress.keys.sorted() {
            var last: InstanceKey?
            for k in byAddress[addr]!.sorted() where k != last {
                out.append(addr.instance(k))
                last = k
            }
        }
        return out
    }

    /// True when there are no resources and no outputs (terraform's "empty state").
    public var hasNoContent: Bool {
        outputs.isEmpty && resources.allSatisfy { $0.instances.isEmpty }
    }

    /// Resources, outputs and checks equal (serial, lineage and version ignored): whether a write is a change.
    public func sameContent(as other: StateFile) -> Bool {
        outputs == other.outputs && resources.sorted(by: ResourceState.writeOrder) == other.resources.sorted(by: ResourceState.writeOrder)
            && checkResults == other.checkResults
    }

    /// Removes resources left without instances, as terraform does after edits.
    public mutating func pruneEmptyResources() {
        resources.removeAll { $0.instances.isEmpty }
    }
}

public struct OutputValue: Sendable, Equatable {
    public var name: String
    public var value: JSONValue
    /// The cty type in its JSON form, e.g. `"string"` or `["list","number"]`.
    public var type: JSONValue
    public var sensitive: Bool

    public init(name: String, value: JSONValue, type: JSONValue, sensitive: Bool = false) {
        self.name = name
        self.value = value
        self.type = type
        self.sensitive = sensitive
    }
}

/// One resource block's instances in one module instance.
public struct ResourceState: Sendable, Equatable {
    public var address: AbsResource
    /// The provider configuration, e.g. `provider["registry.terraform.io/hashicorp/aws"].west`.
    public var provider: String
    /// Current and deposed objects, kept in the order terraform writes them.
    public var instances: [InstanceObject]

    public init(address: AbsResource, provider: String, instances: [InstanceObject] = []) {
        self.address = address
        self.provider = provider
        self.instances = instances
    }

    /// The order of the `resources` array: module text, mode, type, name (plain byte order).
    static func writeOrder(_ a: ResourceState, _ b: ResourceState) -> Bool {
        let ma = a.address.module.description, mb = b.address.module.description
        if ma != mb { return ma.utf8.lexicographicallyPrecedes(mb.utf8) }
        let ra = a.address.resource, rb = b.address.resource
        if ra.mode != rb.mode { return ra.mode.rawValue.utf8.lexicographicallyPrecedes(rb.mode.rawValue.utf8) }
        if ra.type != rb.type { return ra.type.utf8.lexicographicallyPrecedes(rb.type.utf8) }
        return ra.name.utf8.lexicographicallyPrecedes(rb.name.utf8)
    }
}

/// One object of a resource instance: the current one (`deposed == nil`) or a deposed one.
public struct InstanceObject: Sendable, Equatable {
    public enum Status: String, Sendable {
        case ready = ""
        case tainted
    }

    public var key: InstanceKey
    /// The 8-character deposed key, or nil for the current object.
    public var deposed: String?
    public var status: Status
    public var schemaVersion: UInt64
    /// The object's attributes as JSON; nil when only legacy flat attributes exist.
    /// A snapshot read from bytes keeps them undecoded (`rawAttributes`) until
    /// asked for: each read decodes them again, so callers that look at them
    /// more than once should keep the value.
    public var attributes: JSONValue? {
        get { rawAttributes?.value ?? decodedAttributes }
        set {
            decodedAttributes = newValue
            rawAttributes = nil
        }
    }
    private var decodedAttributes: JSONValue?
    /// The attributes exactly as read, when not changed since.
    public private(set) var rawAttributes: JSONRaw?
    /// Legacy flatmap attributes (`attributes_flat`), sorted by key.
    public var attributesFlat: [(String, String)]?
    /// The `sensitive_attributes` paths, each a list of `{"type","value"}` steps.
    public var sensitiveAttributes: [JSONValue]
    /// Provider-private data, base64 as stored.
    public var privateData: String?
    public var dependencies: [String]
    public var createBeforeDestroy: Bool

    public init(key: InstanceKey = .none, deposed: String? = nil, status: Status = .ready, schemaVersion: UInt64 = 0,
                attributes: JSONValue? = .object([]), attributesFlat: [(String, String)]? = nil,
                sensitiveAttributes: [JSONValue] = [], privateData: String? = nil, dependencies: [String] = [],
                createBeforeDestroy: Bool = false) {
        self.key = key
        self.deposed = deposed
        self.status = status
        self.schemaVersion = schemaVersion
        self.decodedAttributes = attributes
        self.attributesFlat = attributesFlat
        self.sensitiveAttributes = sensitiveAttributes
        self.privateData = privateData
        self.dependencies = dependencies
        self.createBeforeDestroy = createBeforeDestroy
    }

    /// Keeps the attributes as read, decoded only when asked for.
    public mutating func setRawAttributes(_ raw: JSONRaw) {
        decodedAttributes = nil
        rawAttributes = raw
    }

    private static func sameAttributes(_ a: InstanceObject, _ b: InstanceObject) -> Bool {
        if let ra = a.rawAttributes, let rb = b.rawAttributes { return ra == rb }
        return a.attributes == b.attributes
    }

    public static func == (a: InstanceObject, b: InstanceObject) -> Bool {
        a.key == b.key && a.deposed == b.deposed && a.status == b.status && a.schemaVersion == b.schemaVersion
            && sameAttributes(a, b)
            && a.attributesFlat?.map { $0.0 } == b.attributesFlat?.map { $0.0 }
            && a.attributesFlat?.map { $0.1 } == b.attributesFlat?.map { $0.1 }
            && a.sensitiveAttributes == b.sensitiveAttributes && a.privateData == b.privateData
            && a.dependencies == b.dependencies && a.createBeforeDestroy == b.createBeforeDestroy
    }

    /// The `id` attribute as terraform's legacy code reads it (for `state list -id`).
    public var legacyID: String {
        if let raw = rawAttributes {
            guard let id = raw["id"] else { return "" }
            switch id.kind {
            case .string: return id.stringValue ?? ""
            case .number: return id.numberText ?? ""
            default: return ""
            }
        }
        if let attrs = attributes, let id = attrs["id"] {
            switch id {
            case .string(let s): return s
            case .number(let n): return n
            default: return ""
            }
        }
        if let flat = attributesFlat, let id = flat.first(where: { $0.0 == "id" }) { return id.1 }
        return ""
    }

    /// Order within a resource: no key, then integer keys, then string keys; then deposed key.
    static func writeOrder(_ a: InstanceObject, _ b: InstanceObject) -> Bool {
        if a.key != b.key { return a.key < b.key }
        return (a.deposed ?? "").utf8.lexicographicallyPrecedes((b.deposed ?? "").utf8)
    }
}

/// One entry of `check_results`.
public struct CheckResult: Sendable, Equatable {
    public var objectKind: String
    public var configAddr: String
    public var status: String
    public var objects: [CheckObjectResult]

    public init(objectKind: String, configAddr: String, status: String, objects: [CheckObjectResult] = []) {
        self.objectKind = objectKind
        self.configAddr = configAddr
        self.status = status
        self.objects = objects
    }
}

public struct CheckObjectResult: Sendable, Equatable {
    public var objectAddr: String
    public var status: String
    public var failureMessages: [String]

    public init(objectAddr: String, status: String, failureMessages: [String] = []) {
        self.objectAddr = objectAddr
        self.status = status
        self.failureMessages = failureMessages
    }
}

extension StateFile {
    /// The snapshot to persist after an edit, by terraform's rules: the current
    /// version is recorded, and the serial moves on only when the content
    /// differs from what was read (or nothing was read).
    public func preparedForWrite(after previous: StateFile?) -> StateFile {
        var next = self
        next.terraformVersion = StateFile.currentTerraformVersion
        if next.lineage.isEmpty { next.lineage = Lineage.generate() }
        if let previous {
            if !sameContent(as: previous) || previous.lineage != lineage { next.serial = max(previous.serial, serial) + 1 }
        } else {
            next.serial += 1
        }
        return next
    }
}
