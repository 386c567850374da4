import JSON

/// What one provider accepts in configuration, in the shape of one entry of
/// `terraform providers schema -json` (`provider_schemas["<address>"]`).
public struct ProviderSchema: Sendable, Equatable {
    /// Fully-qualified source address, e.g. `registry.terraform.io/hashicorp/local`.
    public var address: String
    /// The `provider "<name>" {}` configuration block.
    public var provider: VersionedBlock
    public var resourceSchemas: [String: VersionedBlock]
    public var dataSourceSchemas: [String: VersionedBlock]
    public var ephemeralResourceSchemas: [String: VersionedBlock]
    public var functions: [String: Function]
    /// The entry as it was read, so `providers schema -json` can print it unchanged.
    public var document: JSONValue

    /// A block schema with the version its state is stored under.
    public struct VersionedBlock: Sendable, Equatable {
        public var version: Int
        public var block: Block
    }

    public struct Block: Sendable, Equatable {
        public var attributes: [String: Attribute]
        public var blockTypes: [String: NestedBlock]
        public var description: String?
        public var descriptionKind: DescriptionKind
        public var deprecated: Bool

        /// Attribute names in the order terraform lists them (byte order).
        public var attributeNames: [String] { attributes.keys.sorted(by: Self.byteOrder) }
        public var blockTypeNames: [String] { blockTypes.keys.sorted(by: Self.byteOrder) }

        static func byteOrder(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(b.utf8) }
    }

    public struct Attribute: Sendable, Equatable {
        public var name: String
        /// The cty type as terraform writes it in JSON (`"string"`, `["list","string"]`,
        /// `["object",{...}]`); nil only for attributes with a `nested_type`.
        public var type: JSONValue?
        public var nestedType: NestedAttributeType?
        public var description: String?
        public var descriptionKind: DescriptionKind
        public var required: Bool
        public var optional: Bool
        public var computed: Bool
        public var sensitive: Bool
        public var deprecated: Bool
        public var writeOnly: Bool
    }

    /// Protocol-6 nested attributes (`nested_type`): attribute syntax, object values.
    public struct NestedAttributeType: Sendable, Equatable {
        public var attributes: [String: Attribute]
        public var nestingMode: NestingMode
    }

    public struct NestedBlock: Sendable, Equatable {
        public var name: String
        public var nestingMode: NestingMode
        public var block: Block
        /// 0 when the schema sets no bound.
        public var minItems: Int
        public var maxItems: Int
    }

    public enum NestingMode: String, Sendable, Equatable {
        case single, group, list, set, map
    }

    public enum DescriptionKind: String, Sendable, Equatable {
        case plain, markdown
    }

    public struct Function: Sendable, Equatable {
        public var name: String
        public var summary: String?
        public var description: String?
        public var deprecationMessage: String?
        public var returnType: JSONValue
        public var parameters: [FunctionParameter]
        public var variadicParameter: FunctionParameter?
    }

    public struct FunctionParameter: Sendable, Equatable {
        public var name: String
        public var description: String?
        public var isNullable: Bool
        public var type: JSONValue
    }
}

/// A schema document that does not have the shape `providers schema -json` gives.
public struct ProviderSchemaDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the document, e.g. `provider_schemas["x"].resource_schemas.y.block.attributes.z.required`.
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

extension ProviderSchema {
    /// Reads every provider of a whole `providers schema -json` document.
    public static func decodeDocument(_ text: String) throws -> [ProviderSchema] {
        let root: JSONValue
        do {
            root = try JSON.parse(text)
        } catch let error as JSONParseError {
            throw ProviderSchemaDecodingError(path: "(document)", message: error.description)
        }
        return try decodeDocument(root)
    }

    public static func decodeDocument(_ root: JSONValue) throws -> [ProviderSchema] {
        let reader = SchemaReader()
        guard root.objectValue != nil else { throw reader.error("", "expected a JSON object") }
        guard root["format_version"]?.stringValue == "1.0" else {
            throw reader.error("format_version", "expected \"1.0\"")
        }
        guard let providers = root["provider_schemas"]?.objectValue else {
            throw reader.error("provider_schemas", "expected an object")
        }
        return try providers.map { member in
            try decode(address: member.key, entry: member.value, path: "provider_schemas[\"\(member.key)\"]", reader: reader)
        }
    }

    /// Reads one `provider_schemas` entry.
    public static func decode(address: String, entry: JSONValue) throws -> ProviderSchema {
        try decode(address: address, entry: entry, path: "provider_schemas[\"\(address)\"]", reader: SchemaReader())
    }

    private static func decode(address: String, entry: JSONValue, path: String, reader: SchemaReader) throws -> ProviderSchema {
        guard entry.objectValue != nil else { throw reader.error(path, "expected an object") }
        let provider = try entry["provider"].map { try reader.versionedBlock($0, path + ".provider") }
            ?? VersionedBlock(version: 0, block: .empty)
        return ProviderSchema(
            address: address,
            provider: provider,
            resourceSchemas: try reader.schemaMap(entry["resource_schemas"], path + ".resource_schemas"),
            dataSourceSchemas: try reader.schemaMap(entry["data_source_schemas"], path + ".data_source_schemas"),
            ephemeralResourceSchemas: try reader.schemaMap(entry["ephemeral_resource_schemas"], path + ".ephemeral_resource_schemas"),
            functions: try reader.functions(entry["functions"], path + ".functions"),
            document: entry)
    }
}

extension ProviderSchema.Block {
    /// What terraform shows for a provider with no configuration arguments.
    public static let empty = ProviderSchema.Block(
        attributes: [:], blockTypes: [:], description: nil, descriptionKind: .plain, deprecated: false)
}

/// Decodes schema JSON strictly: a present key of the wrong type is an error,
/// while unknown keys are skipped so newer terraform output still reads.
private struct SchemaReader {
    func error(_ path: String, _ message: String) -> ProviderSchemaDecodingError {
        ProviderSchemaDecodingError(path: path.isEmpty ? "(document)" : path, message: message)
    }

    func object(_ value: JSONValue?, _ path: String) throws -> [JSONMember] {
        guard let value else { return [] }
        guard let members = value.objectValue else { throw error(path, "expected an object") }
        return members
    }

    func bool(_ value: JSONValue?, _ path: String) throws -> Bool {
        guard let value else { return false }
        guard let b = value.boolValue else { throw error(path, "expected true or false") }
        return b
    }

    func string(_ value: JSONValue?, _ path: String) throws -> String? {
        guard let value else { return nil }
        guard let s = value.stringValue else { throw error(path, "expected a string") }
        return s
    }

    func count(_ value: JSONValue?, _ path: String) throws -> Int {
        guard let value else { return 0 }
        guard let n = value.intValue, n >= 0 else { throw error(path, "expected a non-negative integer") }
        return n
    }

    func descriptionKind(_ value: JSONValue?, _ path: String) throws -> ProviderSchema.DescriptionKind {
        guard let text = try string(value, path) else { return .plain }
        guard let kind = ProviderSchema.DescriptionKind(rawValue: text) else {
            throw error(path, "unknown description kind \"\(text)\"")
        }
        return kind
    }

    func nestingMode(_ value: JSONValue?, _ path: String) throws -> ProviderSchema.NestingMode {
        guard let text = try string(value, path) else { throw error(path, "missing nesting mode") }
        guard let mode = ProviderSchema.NestingMode(rawValue: text) else {
            throw error(path, "unknown nesting mode \"\(text)\"")
        }
        return mode
    }

    /// A cty type expression: a primitive name or a `[kind, ...]` array.
    func type(_ value: JSONValue?, _ path: String) throws -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .string(let name):
            guard ["string", "number", "bool", "dynamic"].contains(name) else {
                throw error(path, "unknown type \"\(name)\"")
            }
        case .array(let parts):
            guard let kind = parts.first?.stringValue,
                  ["list", "set", "map", "object", "tuple"].contains(kind), parts.count >= 2 else {
                throw error(path, "malformed type expression")
            }
            switch kind {
            case "object":
                for member in try object(parts[1], path + "[1]") {
                    _ = try type(member.value, path + "[1].\(member.key)")
                }
            case "tuple":
                guard let elements = parts[1].arrayValue else { throw error(path + "[1]", "expected an array") }
                for (i, element) in elements.enumerated() { _ = try type(element, path + "[1][\(i)]") }
            default:
                _ = try type(parts[1], path + "[1]")
            }
        default:
            throw error(path, "expected a type expression")
        }
        return value
    }

    func versionedBlock(_ value: JSONValue, _ path: String) throws -> ProviderSchema.VersionedBlock {
        guard value.objectValue != nil else { throw error(path, "expected an object") }
        let block = try value["block"].map { try self.block($0, path + ".block") } ?? .empty
        return ProviderSchema.VersionedBlock(version: try count(value["version"], path + ".version"), block: block)
    }

    func schemaMap(_ value: JSONValue?, _ path: String) throws -> [String: ProviderSchema.VersionedBlock] {
        var out: [String: ProviderSchema.VersionedBlock] = [:]
        for member in try object(value, path) {
            out[member.key] = try versionedBlock(member.value, path + "." + member.key)
        }
        return out
    }

    func block(_ value: JSONValue, _ path: String) throws -> ProviderSchema.Block {
        guard value.objectValue != nil else { throw error(path, "expected an object") }
        var blockTypes: [String: ProviderSchema.NestedBlock] = [:]
        for member in try object(value["block_types"], path + ".block_types") {
            let p = path + ".block_types." + member.key
            guard member.value.objectValue != nil else { throw error(p, "expected an object") }
            guard let inner = member.value["block"] else { throw error(p, "missing block") }
            blockTypes[member.key] = ProviderSchema.NestedBlock(
                name: member.key,
                nestingMode: try nestingMode(member.value["nesting_mode"], p + ".nesting_mode"),
                block: try block(inner, p + ".block"),
                minItems: try count(member.value["min_items"], p + ".min_items"),
                maxItems: try count(member.value["max_items"], p + ".max_items"))
        }
        return ProviderSchema.Block(
            attributes: try attributes(value["attributes"], path + ".attributes"),
            blockTypes: blockTypes,
            description: try string(value["description"], path + ".description"),
            descriptionKind: try descriptionKind(value["description_kind"], path + ".description_kind"),
            deprecated: try bool(value["deprecated"], path + ".deprecated"))
    }

    func attributes(_ value: JSONValue?, _ path: String) throws -> [String: ProviderSchema.Attribute] {
        var out: [String: ProviderSchema.Attribute] = [:]
        for member in try object(value, path) {
            let p = path + "." + member.key
            let a = member.value
            guard a.objectValue != nil else { throw error(p, "expected an object") }
            var nested: ProviderSchema.NestedAttributeType?
            if let n = a["nested_type"] {
                guard n.objectValue != nil else { throw error(p + ".nested_type", "expected an object") }
                nested = ProviderSchema.NestedAttributeType(
                    attributes: try attributes(n["attributes"], p + ".nested_type.attributes"),
                    nestingMode: try nestingMode(n["nesting_mode"], p + ".nested_type.nesting_mode"))
            }
            let type = try self.type(a["type"], p + ".type")
            if (type == nil) == (nested == nil) { throw error(p, "needs exactly one of type and nested_type") }
            let attribute = ProviderSchema.Attribute(
                name: member.key, type: type, nestedType: nested,
                description: try string(a["description"], p + ".description"),
                descriptionKind: try descriptionKind(a["description_kind"], p + ".description_kind"),
                required: try bool(a["required"], p + ".required"),
                optional: try bool(a["optional"], p + ".optional"),
                computed: try bool(a["computed"], p + ".computed"),
                sensitive: try bool(a["sensitive"], p + ".sensitive"),
                deprecated: try bool(a["deprecated"], p + ".deprecated"),
                writeOnly: try bool(a["write_only"], p + ".write_only"))
            if !(attribute.required || attribute.optional || attribute.computed) {
                throw error(p, "must be required, optional or computed")
            }
            if attribute.required && (attribute.optional || attribute.computed) {
                throw error(p, "a required attribute cannot also be optional or computed")
            }
            out[member.key] = attribute
        }
        return out
    }

    func functions(_ value: JSONValue?, _ path: String) throws -> [String: ProviderSchema.Function] {
        var out: [String: ProviderSchema.Function] = [:]
        for member in try object(value, path) {
            let p = path + "." + member.key
            let f = member.value
            guard f.objectValue != nil else { throw error(p, "expected an object") }
            guard let returnType = try type(f["return_type"], p + ".return_type") else {
                throw error(p, "missing return_type")
            }
            var parameters: [ProviderSchema.FunctionParameter] = []
            if let list = f["parameters"] {
                guard let items = list.arrayValue else { throw error(p + ".parameters", "expected an array") }
                for (i, item) in items.enumerated() {
                    parameters.append(try parameter(item, p + ".parameters[\(i)]"))
                }
            }
            out[member.key] = ProviderSchema.Function(
                name: member.key,
                summary: try string(f["summary"], p + ".summary"),
                description: try string(f["description"], p + ".description"),
                deprecationMessage: try string(f["deprecation_message"], p + ".deprecation_message"),
                returnType: returnType,
                parameters: parameters,
                variadicParameter: try f["variadic_parameter"].map { try parameter($0, p + ".variadic_parameter") })
        }
        return out
    }

    func parameter(_ value: JSONValue, _ path: String) throws -> ProviderSchema.FunctionParameter {
        guard value.objectValue != nil else { throw error(path, "expected an object") }
        guard let type = try type(value["type"], path + ".type") else { throw error(path, "missing type") }
        return ProviderSchema.FunctionParameter(
            name: try string(value["name"], path + ".name") ?? "",
            description: try string(value["description"], path + ".description"),
            isNullable: try bool(value["is_nullable"], path + ".is_nullable"),
            type: type)
    }
}
