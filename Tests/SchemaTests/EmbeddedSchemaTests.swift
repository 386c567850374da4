import Foundation
import Testing
@testable import Config
import JSON

@Suite struct EmbeddedSchemaTests {
    static let expectedAddresses = [
        "registry.terraform.io/gavinbunney/kubectl",
        "registry.terraform.io/hashicorp/http",
        "registry.terraform.io/hashicorp/local",
        "registry.terraform.io/hashicorp/null",
        "registry.terraform.io/hashicorp/random",
        "registry.terraform.io/rancher/rancher2",
        "registry.terraform.io/terraform-provider-openstack/openstack",
        "terraform.io/builtin/terraform",
    ]

    @Test func embedsExactlyTheExpectedProviders() {
        #expect(ProviderSchemas.addresses == Self.expectedAddresses)
    }

    @Test(arguments: expectedAddresses)
    func everyEmbeddedDocumentDecodes(address: String) throws {
        let document = try #require(ProviderSchemas.embeddedDocuments.first { $0.address == address })
        let providers = try ProviderSchema.decodeDocument(document.json)
        #expect(providers.map(\.address) == [address], "\(document.fileName) must describe only \(address)")
        let schema = try #require(providers.first)
        #expect(!schema.resourceSchemas.isEmpty || !schema.dataSourceSchemas.isEmpty)
    }

    /// The generated Swift file must carry what schemas/ holds now.
    @Test func generatedFileMatchesSchemasDirectory() throws {
        let files = try schemaFilesOnDisk()
        #expect(Set(files.keys) == Set(ProviderSchemas.embeddedDocuments.map(\.fileName)),
                "schemas/ and the embedded set differ: run scripts/embed-schemas.py")
        for document in ProviderSchemas.embeddedDocuments {
            let onDisk = try #require(files[document.fileName])
            #expect(try JSON.parse(onDisk) == JSON.parse(document.json),
                    "\(document.fileName) changed since embedding: run scripts/embed-schemas.py")
        }
    }

    /// Byte-for-byte: regenerating must reproduce the committed Swift file.
    @Test(.enabled(if: python3Path != nil, "python3 not found: byte-exact regeneration check skipped"))
    func embedScriptReportsUpToDate() throws {
        let python = try #require(python3Path)
        let result = try #require(run(python, ["scripts/embed-schemas.py", "--check"], in: repositoryRoot))
        #expect(result.code == 0, "\(result.out)\(result.err)")
    }

    /// Resource types follow the provider's naming, so a schema pasted into the
    /// wrong file or a typo in a type name shows up here.
    @Test(arguments: expectedAddresses)
    func typeNamesCarryTheProviderPrefix(address: String) throws {
        let found = try ProviderSchemas.schema(forSource: address)
        let schema = try #require(found)
        let type = String(address.split(separator: "/").last ?? "")
        let names = Array(schema.resourceSchemas.keys) + Array(schema.dataSourceSchemas.keys) + Array(schema.ephemeralResourceSchemas.keys)
        for name in names {
            #expect(name == type || name.hasPrefix(type + "_"), "\(name) in \(address)")
        }
    }

    /// SDKv2/v1 providers always expose an `id` (terraform adds it when the Go schema does not).
    @Test(arguments: ["terraform-provider-openstack/openstack", "rancher/rancher2", "gavinbunney/kubectl"])
    func sdkProvidersHaveImplicitID(source: String) throws {
        let schema = try embedded(source)
        for (name, resource) in schema.resourceSchemas {
            let id = try #require(resource.block.attributes["id"], "\(name) lacks id")
            #expect(id.type == .string("string"), "\(name)")
            #expect(id.computed, "\(name)")
        }
    }

    @Test func decodingIsCachedAndStable() throws {
        let a = try embedded("rancher/rancher2")
        let b = try embedded("registry.terraform.io/rancher/rancher2")
        #expect(a == b)
        #expect(ProviderSchemas.documentText(for: ProviderSourceAddress(namespace: "rancher", type: "rancher2"))?.hasPrefix(#"{"format_version":"1.0""#) == true)
    }
}
