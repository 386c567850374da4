/// Which Swift type serves which provider source address. Providers live in
/// this process: nothing is downloaded or spawned.
public final class ProviderRegistry: @unchecked Sendable {
    public typealias Factory = @Sendable () -> Provider

    private var factories: [String: Factory] = [:]

    public init() {}

    /// Registers a provider under its full source address (`terraform.io/builtin/terraform`,
    /// `registry.terraform.io/hashicorp/random`).
    public func register(_ source: String, _ factory: @escaping Factory) {
        factories[source] = factory
    }

    public func provider(for source: String) -> Provider? {
        factories[source].map { $0() }
    }

    public var sources: [String] { factories.keys.sorted() }

    /// The full source address terraform records for a `required_providers`
    /// source or an implied local name: `hashicorp/x` gains the default registry
    /// host, and `terraform` is the built-in provider.
    public static func fullSource(localName: String, declared: String?) -> String {
        guard let declared, !declared.isEmpty else {
            if localName == "terraform" { return "terraform.io/builtin/terraform" }
            return "registry.terraform.io/hashicorp/" + localName
        }
        let parts = declared.split(separator: "/")
        switch parts.count {
        case 1: return "registry.terraform.io/hashicorp/" + declared.lowercased()
        case 2: return "registry.terraform.io/" + declared.lowercased()
        default: return declared.lowercased()
        }
    }
}
