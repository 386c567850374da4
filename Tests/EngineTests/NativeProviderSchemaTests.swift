import Config
import Engine
import JSON
import ProviderLocal
import ProviderNull
import ProviderRandom
import ProviderTerraform
import Testing
import Values

/// What each native provider answers to GetProviderSchema equals the schema
/// embedded from schemas/*.json (derived from the real providers), attribute by
/// attribute: type, required/optional/computed/sensitive, and schema version.
@Suite struct NativeProviderSchemaTests {
    static let providers: [(String, Provider)] = [
        (RandomProvider.source, RandomProvider()),
        (LocalProvider.source, LocalProvider()),
        (NullProvider.source, NullProvider()),
        (TerraformProvider.source, TerraformProvider()),
    ]

    func compare(_ mine: [String: ResourceSchema], _ theirs: [String: ProviderSchema.VersionedBlock], _ what: String) {
        #expect(mine.keys.sorted() == theirs.keys.sorted(), "\(what) names")
        for (name, expected) in theirs {
            guard let got = mine[name] else { continue }
            #expect(Int(got.version) == expected.version, "\(what) \(name) version")
            #expect(got.block.blocks.isEmpty && expected.block.blockTypes.isEmpty, "\(what) \(name) nested blocks")
            #expect(got.block.sortedAttributeNames == expected.block.attributeNames, "\(what) \(name) attribute names")
            for (attr, e) in expected.block.attributes {
                guard let g = got.block.attributes[attr] else { continue }
                let where_ = "\(what) \(name).\(attr)"
                #expect(e.type == StateValueCodec.typeJSON(g.type), "\(where_) type")
                #expect(g.required == e.required, "\(where_) required")
                #expect(g.optional == e.optional, "\(where_) optional")
                #expect(g.computed == e.computed, "\(where_) computed")
                #expect(g.sensitive == e.sensitive, "\(where_) sensitive")
            }
        }
    }

    @Test(arguments: [0, 1, 2, 3])
    func schemaMatchesEmbedded(_ index: Int) throws {
        let (source, provider) = Self.providers[index]
        let embedded = try #require(try ProviderSchemas.schema(forSource: source))
        let schema = provider.schema()
        compare(schema.resources, embedded.resourceSchemas, source + " resource")
        compare(schema.dataSources, embedded.dataSourceSchemas, source + " data source")
        #expect(schema.provider.attributes.isEmpty && embedded.provider.block.attributes.isEmpty)
    }

    @Test func registryServesEveryNativeProvider() {
        for (source, _) in Self.providers {
            let local = String(source.split(separator: "/").last ?? "")
            let full = ProviderRegistry.fullSource(localName: local, declared: local == "terraform" ? nil : "hashicorp/" + local)
            #expect(full == source)
        }
    }
}
