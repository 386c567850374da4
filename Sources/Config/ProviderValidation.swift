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
                for (inChild, inParent) in call.providers {
                    let key = inChild.description
                    let declared = child.module.requiredProviders[key] != nil
                    let aliased = child.module.requiredProviders.values.contains { req in
                        req.configurationAliases.contains { $0.description == key }
                    }
                    let emptyConfig = child.module.providerConfigs[key].map(isEmpty) ?? false
                    diags += typeMismatch(inChild, inParent, parent: node, child: child, moduleText: moduleText)
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

    /// terraform compares the provider type a configuration has in the parent
    /// (its required_providers entry, else hashicorp/NAME) with the type the
    /// child's local name stands for.
    private static func typeMismatch(_ inChild: ProviderConfigRef, _ inParent: ProviderConfigRef, parent: ConfigTree, child: ConfigTree,
                                     moduleText: String) -> Diagnostics {
        let key = inChild.description
        var childType = "hashicorp/\(inChild.name)"
        if let req = child.module.requiredProviders[key] { childType = req.source }
        if let owner = child.module.requiredProviders.values.first(where: { req in req.configurationAliases.contains { $0.description == key } }) {
            childType = owner.source
        }
        let parentType = parent.module.requiredProviders[key]?.source ?? "hashicorp/\(inParent.name)"
        if full(childType) == full(parentType) { return Diagnostics() }
        let parentText = parent.path.isEmpty ? "the root module" : parent.path.map { "module.\($0)" }.joined(separator: ".")
        let other = child.module.requiredProviders.keys.sorted().first { full(child.module.requiredProviders[$0]?.source ?? "") == full(parentType) }
        if let other {
            return Diagnostics([.error("Provider type mismatch",
                "The assigned configuration is for provider \(GoStrings.quote(display(parentType))), but local name \(GoStrings.quote(inChild.name)) in \(parentText) represents \(GoStrings.quote(display(childType))).\n\nTo pass this configuration to the child module, use the local name \(GoStrings.quote(other)) instead.",
                subject: inChild.range)])
        }
        return Diagnostics([.error("Provider type mismatch",
            "The local name \(GoStrings.quote(inParent.description)) in \(parentText) represents provider \(GoStrings.quote(display(parentType))), but \(GoStrings.quote(key)) in \(moduleText) represents \(GoStrings.quote(display(childType))).\n\nEach provider has its own distinct configuration schema and provider types, so this module's \(GoStrings.quote(key)) can be assigned only a configuration for \(display(childType)), which is not required by \(moduleText).",
            subject: inParent.range)])
    }

    /// `hashicorp/x` and `registry.terraform.io/hashicorp/x` are one provider.
    private static func full(_ source: String) -> String {
        let lower = source.lowercased()
        return lower.split(separator: "/").count == 2 ? "registry.terraform.io/" + lower : lower
    }

    private static func display(_ source: String) -> String {
        let f = full(source)
        return f.hasPrefix("registry.terraform.io/") ? String(f.dropFirst("registry.terraform.io/".count)) : f
    }

    /// A provider block whose body sets nothing but its meta-arguments.
    private static func isEmpty(_ p: ProviderConfigDecl) -> Bool {
        p.config.items.allSatisfy { item in
            if case .attribute(let a) = item { return a.name == "alias" || a.name == "version" }
            return false
        }
    }
}
