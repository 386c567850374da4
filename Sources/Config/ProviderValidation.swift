import HCL

/// terraform's checks of provider configurations passed between modules
/// (configs/provider_validation.go): a configuration handed to a child module
/// under a local name the child never declares is accepted as the default
/// (hashicorp/NAME) provider, with a warning.
enum ProviderValidation {
    static func undefinedProviderWarnings(_ root: ConfigTree) -> Diagnostics {
        var diags = Diagnostics()
        for node in root.allModules {
            for name in node.module.moduleCalls.keys.sorted() {
                guard let call = node.module.moduleCalls[name], let child = node.children[name] else { continue }
                let moduleText = child.path.map { "module.\($0)" }.joined(separator: ".")
                for (inChild, _) in call.providers {
                    let key = inChild.description
                    let declared = child.module.requiredProviders[key] != nil
                    let aliased = child.module.requiredProviders.values.contains { req in
                        req.configurationAliases.contains { $0.description == key }
                    }
                    let emptyConfig = child.module.providerConfigs[key].map(isEmpty) ?? false
                    if declared || aliased || emptyConfig { continue }
                    let display = "hashicorp/\(inChild.name)"
                    diags += .warning("Reference to undefined provider",
                                      "There is no explicit declaration for local provider name \(GoStrings.quote(key)) in \(moduleText), so Terraform is assuming you mean to pass a configuration for \(GoStrings.quote(display)).\n\nIf you also control the child module, add a required_providers entry named \(GoStrings.quote(key)) with the source address \(GoStrings.quote(display)).",
                                      subject: inChild.range)
                }
            }
        }
        return diags
    }

    /// A provider block whose body sets nothing but its meta-arguments.
    private static func isEmpty(_ p: ProviderConfigDecl) -> Bool {
        p.config.items.allSatisfy { item in
            if case .attribute(let a) = item { return a.name == "alias" || a.name == "version" }
            return false
        }
    }
}
