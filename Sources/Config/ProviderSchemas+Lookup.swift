import Foundation
import HCL
import JSON

/// A provider source address after terraform's normalisation
/// (`[hostname/][namespace/]type`, lower-cased, defaults filled in).
public struct ProviderSourceAddress: Hashable, Sendable, CustomStringConvertible {
    public static let defaultRegistryHost = "registry.terraform.io"
    public static let builtInHost = "terraform.io"
    public static let builtInNamespace = "builtin"

    public var hostname: String
    public var namespace: String
    public var type: String

    public init(hostname: String = defaultRegistryHost, namespace: String, type: String) {
        self.hostname = hostname
        self.namespace = namespace
        self.type = type
    }

    /// `registry.terraform.io/hashicorp/local`.
    public var description: String { "\(hostname)/\(namespace)/\(type)" }

    /// How terraform prints it to people: the default registry host is left out.
    public var forDisplay: String {
        hostname == Self.defaultRegistryHost ? "\(namespace)/\(type)" : description
    }

    public var isBuiltIn: Bool { hostname == Self.builtInHost && namespace == Self.builtInNamespace }

    /// Parses a `required_providers` source string the way terraform 1.11 does
    /// (terraform-registry-address v0.2.3): one to three parts, each part
    /// case-folded, and a bare type name meaning `hashicorp/<type>`.
    public static func parse(_ source: String) -> Result<ProviderSourceAddress, ProviderSourceError> {
        let parts = source.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            return .failure(ProviderSourceError(
                summary: "Invalid provider source string",
                detail: #"The "source" attribute must be in the format "[hostname/][namespace/]name""#))
        }
        let givenType = parts[parts.count - 1]
        guard let type = normalizedPart(givenType) else {
            return .failure(ProviderSourceError(
                summary: "Invalid provider type",
                detail: "Invalid provider type \(quoted(givenType)) in source \(quoted(source)): \(partRules)\""))
        }
        var address = ProviderSourceAddress(namespace: "hashicorp", type: type)
        if parts.count >= 2 {
            let givenNamespace = parts[parts.count - 2]
            if givenNamespace == "-" {
                address.namespace = "-"
            } else if let namespace = normalizedPart(givenNamespace) {
                address.namespace = namespace
            } else {
                return .failure(ProviderSourceError(
                    summary: "Invalid provider namespace",
                    detail: "Invalid provider namespace \(quoted(givenNamespace)) in source \(quoted(source)): \(partRules)\""))
            }
        }
        if parts.count == 3 {
            guard let host = normalizedHostname(parts[0]) else {
                return .failure(ProviderSourceError(
                    summary: "Invalid provider source hostname",
                    detail: "Invalid provider source hostname \(quoted(parts[0])) in source \(quoted(source))"))
            }
            address.hostname = host
        }
        if address.namespace == "-" && address.hostname != defaultRegistryHost {
            return .failure(ProviderSourceError(
                summary: "Invalid provider namespace",
                detail: "The legacy provider namespace \"-\" can be used only with hostname \(defaultRegistryHost)."))
        }
        if address.type.hasPrefix("terraform-") {
            let suggested = String(address.type.dropFirst("terraform-provider-".count))
            if address.type.hasPrefix("terraform-provider-"), normalizedPart(suggested) != nil {
                var suggestion = address
                suggestion.type = suggested
                return .failure(ProviderSourceError(
                    summary: "Invalid provider type",
                    detail: "Provider source \(quoted(address.forDisplay)) has a type with the prefix \"terraform-provider-\", which isn't valid. Although that prefix is often used in the names of version control repositories for Terraform providers, provider source strings should not include it.\n\nDid you mean \(quoted(suggestion.forDisplay))?"))
            }
            return .failure(ProviderSourceError(
                summary: "Invalid provider type",
                detail: "Provider source \(quoted(address.description)) has a type with the prefix \"terraform-\", which isn't allowed because it would be redundant to name a Terraform provider with that prefix. If you are the author of this provider, rename it to not include the prefix."))
        }
        return .success(address)
    }

    private static let partRules = "must contain only letters, digits, and dashes, and may not use leading or trailing dashes"

    private static func quoted(_ s: String) -> String { JSONWriter.quoted(s, escapeHTML: false) }

    /// A namespace or type: like one DNS label (letters, digits, inner dashes),
    /// case-folded. Non-ASCII (IDNA) labels are not accepted.
    static func normalizedPart(_ part: String) -> String? {
        let bytes = Array(part.utf8)
        guard !bytes.isEmpty, bytes.count <= 63, !part.contains("--") else { return nil }
        guard bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return nil }
        for b in bytes {
            let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-")
            if !ok { return nil }
        }
        return part.lowercased()
    }

    /// A hostname, optionally with a port, case-folded.
    static func normalizedHostname(_ host: String) -> String? {
        var name = Substring(host)
        var port = ""
        if let colon = name.lastIndex(of: ":") {
            let digits = name[name.index(after: colon)...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            port = ":" + digits
            name = name[..<colon]
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty else { return nil }
        var folded: [String] = []
        for label in labels {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.count <= 63,
                  bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
                  bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") })
            else { return nil }
            folded.append(label.lowercased())
        }
        return folded.joined(separator: ".") + port
    }
}

/// Why a provider source string is not valid, with terraform's summary and detail.
public struct ProviderSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var summary: String
    public var detail: String
    public var description: String { "\(summary): \(detail)" }
}

/// The provider schemas compiled into the binary from `schemas/`.
public enum ProviderSchemas {
    /// One `schemas/*.json` file as the build embedded it.
    struct EmbeddedDocument: Sendable {
        let fileName: String
        let address: String
        let json: String
    }

    /// Every embedded provider's fully-qualified address, sorted.
    public static var addresses: [String] { embeddedDocuments.map(\.address).sorted() }

    /// The embedded schema for a `required_providers` source such as `hashicorp/local`,
    /// `rancher/rancher2` or `terraform.io/builtin/terraform`; nil when Terraswift
    /// carries no such provider. Throws `ProviderSourceError` for a malformed source.
    public static func schema(forSource source: String) throws -> ProviderSchema? {
        switch ProviderSourceAddress.parse(source) {
        case .failure(let error): throw error
        case .success(let address): return try schema(for: address)
        }
    }

    public static func schema(for address: ProviderSourceAddress) throws -> ProviderSchema? {
        guard let document = embeddedDocuments.first(where: { $0.address == address.description }) else { return nil }
        return try cache.schema(for: document)
    }

    /// The embedded document text of one provider, as `schemas/<file>` holds it (compacted).
    public static func documentText(for address: ProviderSourceAddress) -> String? {
        embeddedDocuments.first(where: { $0.address == address.description })?.json
    }

    /// Parsing rancher2's schema takes a noticeable moment, so each document is
    /// decoded on first use only, then kept.
    private static let cache = SchemaCache()

    private final class SchemaCache: @unchecked Sendable {
        private let lock = NSLock()
        private var decoded: [String: ProviderSchema] = [:]

        func schema(for document: EmbeddedDocument) throws -> ProviderSchema {
            lock.lock()
            defer { lock.unlock() }
            if let cached = decoded[document.address] { return cached }
            let providers = try ProviderSchema.decodeDocument(document.json)
            guard let schema = providers.first(where: { $0.address == document.address }) else {
                throw ProviderSchemaDecodingError(path: document.fileName, message: "does not describe \(document.address)")
            }
            decoded[document.address] = schema
            return schema
        }
    }
}

extension ProviderSchema.Block {
    /// Which properties of a `.tf.json` body are nested blocks under this schema, so the
    /// body can be read as native items by code that walks them (`dynamic` included;
    /// its `content` stays unresolved because its shape depends on the label).
    public var jsonShape: JSONBodyShape {
        var blocks: [String: JSONBodyShape.BlockShape] = [:]
        for (name, nested) in blockTypes {
            blocks[name] = .init(labelNames: nested.nestingMode == .map ? ["key"] : [], shape: nested.block.jsonShape)
        }
        blocks["dynamic"] = .init(labelNames: ["type"], shape: JSONBodyShape(blocks: ["content": .init()]))
        return JSONBodyShape(blocks: blocks)
    }
}

extension ConfigModule {
    /// Reads the bodies of resources declared in `.tf.json` files against their
    /// provider's schema (only a schema tells a nested block from an argument there).
    mutating func resolveJSONResourceBodies() {
        for (key, r) in resources where r.config.json != nil {
            let source = ConfigValidator.providerSource(localName: r.providerLocalName, in: self)
            guard case .success(let address) = ProviderSourceAddress.parse(source),
                  let provider = try? ProviderSchemas.schema(for: address) else { continue }
            let table: [String: ProviderSchema.VersionedBlock]
            switch r.mode {
            case .managed: table = provider.resourceSchemas
            case .data: table = provider.dataSourceSchemas
            case .ephemeral: table = provider.ephemeralResourceSchemas
            }
            guard let schema = table[r.type] else { continue }
            var resolved = r
            resolved.config = r.config.resolvingJSON(schema.block.jsonShape)
            resources[key] = resolved
        }
    }
}
