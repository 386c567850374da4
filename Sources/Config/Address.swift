import HCL

/// Typed addresses of module instances and resources, printed and ordered the
/// way terraform prints and orders them (`module.a["x"].aws_instance.web[1]`).

/// The key that selects one instance of a resource or module with `count` or `for_each`.
public enum InstanceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case none
    case int(Int)
    case string(String)

    /// `[0]`, `["a"]`, or nothing.
    public var description: String {
        switch self {
        case .none: return ""
        case .int(let i): return "[\(i)]"
        case .string(let s): return "[\(AddressQuoting.quoted(s))]"
        }
    }

    /// No key first, then integer keys, then string keys (byte order).
    public static func < (a: InstanceKey, b: InstanceKey) -> Bool {
        switch (a, b) {
        case (.none, .none): return false
        case (.none, _): return true
        case (_, .none): return false
        case (.int(let x), .int(let y)): return x < y
        case (.int, .string): return true
        case (.string, .int): return false
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
    }
}

/// One `module.NAME[KEY]` step of a module instance path.
public struct ModuleInstanceStep: Hashable, Sendable {
    public var name: String
    public var key: InstanceKey

    public init(name: String, key: InstanceKey = .none) {
        self.name = name
        self.key = key
    }
}

/// The path of a module instance from the root; empty for the root module.
public struct ModuleInstance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var steps: [ModuleInstanceStep]

    public init(_ steps: [ModuleInstanceStep] = []) { self.steps = steps }

    public static let root = ModuleInstance()

    public var isRoot: Bool { steps.isEmpty }

    public var description: String {
        var s = ""
        for (i, step) in steps.enumerated() {
            if i > 0 { s += "." }
            s += "module." + step.name + step.key.description
        }
        return s
    }

    public func child(_ name: String, _ key: InstanceKey = .none) -> ModuleInstance {
        ModuleInstance(steps + [ModuleInstanceStep(name: name, key: key)])
    }

    public var parent: ModuleInstance? {
        steps.isEmpty ? nil : ModuleInstance(Array(steps.dropLast()))
    }

    /// True when `other` lies strictly below this module.
    public func isAncestor(of other: ModuleInstance) -> Bool {
        steps.count < other.steps.count && Array(other.steps.prefix(steps.count)) == steps
    }

    /// True when this address, read as a target, selects `other`: a step without
    /// a key selects every instance of that call (`module.a` selects `module.a["x"]`).
    public func targetContains(_ other: ModuleInstance) -> Bool {
        guard steps.count <= other.steps.count else { return false }
        for (mine, theirs) in zip(steps, other.steps) {
            guard mine.name == theirs.name else { return false }
            if mine.key != .none && mine.key != theirs.key { return false }
        }
        return true
    }

    /// Shorter paths first, then step by step: call name, then key.
    public static func < (a: ModuleInstance, b: ModuleInstance) -> Bool {
        if a.steps.count != b.steps.count { return a.steps.count < b.steps.count }
        for (x, y) in zip(a.steps, b.steps) {
            if x.name != y.name { return x.name.utf8.lexicographicallyPrecedes(y.name.utf8) }
            if x.key != y.key { return x.key < y.key }
        }
        return false
    }
}

public enum ResourceMode: String, Hashable, Sendable {
    case managed
    case data
}

/// A resource block's address within its module: `aws_instance.web` or `data.x.y`.
public struct Resource: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var mode: ResourceMode
    public var type: String
    public var name: String

    public init(mode: ResourceMode = .managed, type: String, name: String) {
        self.mode = mode
        self.type = type
        self.name = name
    }

    public var description: String {
        (mode == .data ? "data." : "") + type + "." + name
    }

    public func instance(_ key: InstanceKey) -> ResourceInstance { ResourceInstance(resource: self, key: key) }

    /// Data resources first, then type, then name.
    public static func < (a: Resource, b: Resource) -> Bool {
        if a.mode != b.mode { return a.mode == .data }
        if a.type != b.type { return a.type.utf8.lexicographicallyPrecedes(b.type.utf8) }
        if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return false
    }
}

public struct ResourceInstance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var resource: Resource
    public var key: InstanceKey

    public init(resource: Resource, key: InstanceKey = .none) {
        self.resource = resource
        self.key = key
    }

    public var description: String { resource.description + key.description }

    public static func < (a: ResourceInstance, b: ResourceInstance) -> Bool {
        if a.resource != b.resource { return a.resource < b.resource }
        return a.key < b.key
    }
}

/// A resource in a particular module instance.
public struct AbsResource: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var module: ModuleInstance
    public var resource: Resource

    public init(module: ModuleInstance = .root, resource: Resource) {
        self.module = module
        self.resource = resource
    }

    public var description: String {
        module.isRoot ? resource.description : module.description + "." + resource.description
    }

    public func instance(_ key: InstanceKey) -> AbsResourceInstance {
        AbsResourceInstance(module: module, resource: ResourceInstance(resource: resource, key: key))
    }

    public static func < (a: AbsResource, b: AbsResource) -> Bool {
        if a.module != b.module { return a.module < b.module }
        return a.resource < b.resource
    }
}

/// One instance of a resource in a particular module instance — what a state
/// entry and most CLI arguments name.
public struct AbsResourceInstance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var module: ModuleInstance
    public var resource: ResourceInstance

    public init(module: ModuleInstance = .root, resource: ResourceInstance) {
        self.module = module
        self.resource = resource
    }

    public var absResource: AbsResource { AbsResource(module: module, resource: resource.resource) }
    public var key: InstanceKey { resource.key }

    public var description: String {
        module.isRoot ? resource.description : module.description + "." + resource.description
    }

    public static func < (a: AbsResourceInstance, b: AbsResourceInstance) -> Bool {
        if a.module != b.module { return a.module < b.module }
        return a.resource < b.resource
    }
}

/// What an address given on the command line selects.
public enum AddressTarget: Hashable, Sendable, CustomStringConvertible {
    case module(ModuleInstance)
    case resource(AbsResource)
    case instance(AbsResourceInstance)

    public var description: String {
        switch self {
        case .module(let m): return m.description
        case .resource(let r): return r.description
        case .instance(let i): return i.description
        }
    }
}

/// Quoting of string keys as terraform prints them (HCL string syntax).
public enum AddressQuoting {
    public static func quoted(_ s: String) -> String { "\"" + GoStrings.hclEscape(s) + "\"" }

    /// Go's unicode.IsPrint.
    public static func isPrintable(_ u: Unicode.Scalar) -> Bool { GoStrings.isPrint(u) }
}
