import Config
import HCL

/// Checks of provider references made before planning.
extension Engine {
    /// A resource naming an aliased provider configuration that no module on
    /// its way to the root declares (nor receives through `providers`) cannot
    /// be planned: terraform reports the configuration as not present.
    func checkProviderConfigurations(_ diags: inout Diagnostics) {
        for node in tree.allModules {
            for key in node.module.resources.keys.sorted() {
                guard let decl = node.module.resources[key], decl.mode != .ephemeral, decl.provider?.alias != nil else { continue }
                let address = providerConfigAddress(decl, in: node)
                if declaresProviderConfig(address) { continue }
                let resource = node.path.map { "module.\($0)." }.joined() + decl.address
                diags += .error("Provider configuration not present",
                                "To work with \(resource) its original provider configuration at \(address) is required, but it has been removed. This occurs when a provider configuration is removed while objects created by that provider still exist in the state. Re-add the provider configuration to destroy \(resource), after which you can remove the provider configuration again.")
            }
        }
    }

    /// Whether the module an address like `module.a.provider["src"].alias` names has that provider block.
    private func declaresProviderConfig(_ address: String) -> Bool {
        guard let r = address.range(of: "provider[\"") else { return false }
        let path = address[..<r.lowerBound].split(separator: ".").enumerated().compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
        guard let node = trees[path], let close = address.range(of: "\"]", range: r.upperBound..<address.endIndex) else { return false }
        let source = String(address[r.upperBound..<close.lowerBound])
        let alias = address[close.upperBound...].hasPrefix(".") ? String(address[close.upperBound...].dropFirst()) : nil
        return node.module.providerConfigs.values.contains { p in
            p.alias == alias && providerSource(localName: p.name, in: node.module) == source
        }
    }
}
