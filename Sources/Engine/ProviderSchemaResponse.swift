import Values

/// What a provider accepts and returns: its configuration block, and a block
/// per resource type and data source, each with a schema version.
public struct ProviderSchemaResponse: Sendable {
    public var provider: SchemaBlock
    public var resources: [String: ResourceSchema]
    public var dataSources: [String: ResourceSchema]

    public init(provider: SchemaBlock = SchemaBlock(), resources: [String: ResourceSchema] = [:], dataSources: [String: ResourceSchema] = [:]) {
        self.provider = provider
        self.resources = resources
        self.dataSources = dataSources
    }
}

public struct ResourceSchema: Sendable {
    public var version: UInt64
    public var block: SchemaBlock

    public init(version: UInt64 = 0, block: SchemaBlock) {
        self.version = version
        self.block = block
    }
}

public struct SchemaAttribute: Sendable {
    public var type: ValueType
    public var required = false
    public var optional = false
    public var computed = false
    public var sensitive = false

    public init(_ type: ValueType, required: Bool = false, optional: Bool = false, computed: Bool = false, sensitive: Bool = false) {
        self.type = type
        self.required = required
        self.optional = optional
        self.computed = computed
        self.sensitive = sensitive
    }
}

public struct SchemaNestedBlock: Sendable {
    public enum Nesting: Sendable { case single, list, set }
    public var nesting: Nesting
    public var block: SchemaBlock

    public init(_ nesting: Nesting, _ block: SchemaBlock) {
        self.nesting = nesting
        self.block = block
    }
}

/// A configuration block: attributes and nested blocks, with the object type they make.
public struct SchemaBlock: Sendable {
    public var attributes: [String: SchemaAttribute]
    public var blocks: [String: SchemaNestedBlock]

    public init(attributes: [String: SchemaAttribute] = [:], blocks: [String: SchemaNestedBlock] = [:]) {
        self.attributes = attributes
        self.blocks = blocks
    }

    /// The object type of a value conforming to this block.
    public var impliedType: ValueType {
        var types: [String: ValueType] = [:]
        for (name, a) in attributes { types[name] = a.type }
        for (name, b) in blocks {
            switch b.nesting {
            case .single: types[name] = b.block.impliedType
            case .list: types[name] = .list(b.block.impliedType)
            case .set: types[name] = .set(b.block.impliedType)
            }
        }
        return .object(types)
    }

    /// Names in the order terraform lists them (byte order).
    public var sortedAttributeNames: [String] {
        attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
