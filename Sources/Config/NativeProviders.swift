/// The providers compiled into Terraswift and the release each one reproduces.
/// `init` resolves `required_providers` to these instead of downloading plugins.
public enum NativeProviders {
    public static let versions: [String: String] = [
        "registry.terraform.io/terraform-provider-openstack/openstack": "3.4.0",
        "registry.terraform.io/rancher/rancher2": "7.11.1",
        "registry.terraform.io/gavinbunney/kubectl": "1.19.0",
        "registry.terraform.io/hashicorp/local": "2.5.3",
        "registry.terraform.io/hashicorp/random": "3.7.2",
        "registry.terraform.io/hashicorp/null": "3.2.4",
        "registry.terraform.io/hashicorp/http": "3.5.0",
    ]

    public static let builtIn = "terraform.io/builtin/terraform"

    /// Every provider the configuration needs: `required_providers` entries and
    /// the providers implied by resource types, by fully-qualified address, with
    /// the version constraints that apply.
    public static func requirements(of tree: ConfigTree) -> [(address: ProviderSourceAddress, constraints: [String])] {
        var result: [String: (ProviderSourceAddress, [String])] = [:]
        for node in tree.allModules {
            var names: Set<String> = Set(node.module.requiredProviders.keys)
            for r in node.module.resources.values { names.insert(r.providerLocalName) }
            for p in node.module.providerConfigs.values { names.insert(p.name) }
            for name in names {
                let source = ConfigValidator.providerSource(localName: name, in: node.module)
                guard case .success(let address) = ProviderSourceAddress.parse(source) else { continue }
                var entry = result[address.description] ?? (address, [])
                if let v = node.module.requiredProviders[name]?.version { entry.1.append(v) }
                result[address.description] = entry
            }
        }
        return result.keys.sorted().map { (result[$0]!.0, result[$0]!.1) }
    }
}
