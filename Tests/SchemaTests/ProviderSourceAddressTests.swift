import Testing
@testable import Config

@Suite struct ProviderSourceAddressTests {
    @Test(arguments: [
        ("hashicorp/local", "registry.terraform.io/hashicorp/local"),
        ("local", "registry.terraform.io/hashicorp/local"),
        ("registry.terraform.io/hashicorp/local", "registry.terraform.io/hashicorp/local"),
        ("Registry.Terraform.IO/HashiCorp/Local", "registry.terraform.io/hashicorp/local"),
        ("terraform-provider-openstack/openstack", "registry.terraform.io/terraform-provider-openstack/openstack"),
        ("rancher/rancher2", "registry.terraform.io/rancher/rancher2"),
        ("gavinbunney/kubectl", "registry.terraform.io/gavinbunney/kubectl"),
        ("terraform.io/builtin/terraform", "terraform.io/builtin/terraform"),
        ("gitlab.example.org:8443/muses/radiant", "gitlab.example.org:8443/muses/radiant"),
        ("-/aws", "registry.terraform.io/-/aws"),
    ])
    func normalises(source: String, expected: String) throws {
        let address = try ProviderSourceAddress.parse(source).get()
        #expect(address.description == expected)
    }

    @Test func displayFormLeavesOutTheDefaultRegistry() throws {
        #expect(try ProviderSourceAddress.parse("hashicorp/random").get().forDisplay == "hashicorp/random")
        #expect(try ProviderSourceAddress.parse("terraform.io/builtin/terraform").get().forDisplay == "terraform.io/builtin/terraform")
        #expect(try ProviderSourceAddress.parse("terraform.io/builtin/terraform").get().isBuiltIn)
    }

    @Test(arguments: [
        ("", "Invalid provider source string"),
        ("a/b/c/d", "Invalid provider source string"),
        ("hashicorp//local", "Invalid provider source string"),
        ("hashicorp/lo_cal", "Invalid provider type"),
        ("hashicorp/-local", "Invalid provider type"),
        ("hashicorp/lo--cal", "Invalid provider type"),
        ("hashi.corp/local", "Invalid provider namespace"),
        ("bad_host/hashicorp/local", "Invalid provider source hostname"),
        ("example.com/-/local", "Invalid provider namespace"),
        ("hashicorp/terraform-provider-local", "Invalid provider type"),
        ("hashicorp/terraform-local", "Invalid provider type"),
    ])
    func rejects(source: String, summary: String) {
        switch ProviderSourceAddress.parse(source) {
        case .success(let address): Issue.record("\(source) parsed as \(address)")
        case .failure(let error): #expect(error.summary == summary, "\(source): \(error)")
        }
    }

    @Test func suggestsTheTypeWithoutTheRepositoryPrefix() {
        guard case .failure(let error) = ProviderSourceAddress.parse("rancher/terraform-provider-rancher2") else {
            Issue.record("accepted a terraform-provider- type"); return
        }
        #expect(error.detail.hasSuffix(#"Did you mean "rancher/rancher2"?"#), "\(error.detail)")
    }

    @Test(arguments: [
        ("hashicorp/local", "registry.terraform.io/hashicorp/local"),
        ("registry.terraform.io/hashicorp/local", "registry.terraform.io/hashicorp/local"),
        ("random", "registry.terraform.io/hashicorp/random"),
        ("hashicorp/null", "registry.terraform.io/hashicorp/null"),
        ("hashicorp/http", "registry.terraform.io/hashicorp/http"),
        ("terraform-provider-openstack/openstack", "registry.terraform.io/terraform-provider-openstack/openstack"),
        ("rancher/rancher2", "registry.terraform.io/rancher/rancher2"),
        ("gavinbunney/kubectl", "registry.terraform.io/gavinbunney/kubectl"),
        ("terraform.io/builtin/terraform", "terraform.io/builtin/terraform"),
    ])
    func findsEmbeddedSchema(source: String, address: String) throws {
        let found = try ProviderSchemas.schema(forSource: source)
        let schema = try #require(found)
        #expect(schema.address == address)
    }

    @Test func unknownProvidersAreNotFound() throws {
        #expect(try ProviderSchemas.schema(forSource: "hashicorp/aws") == nil)
        // The old namespace of the OpenStack provider is a different address.
        #expect(try ProviderSchemas.schema(forSource: "openstack") == nil)
        #expect(try ProviderSchemas.schema(forSource: "example.com/rancher/rancher2") == nil)
        #expect(throws: ProviderSourceError.self) { try ProviderSchemas.schema(forSource: "a/b/c/d") }
    }
}
