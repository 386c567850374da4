import JSON

/// What the state commands need to know of resource schemas before provider
/// schemas are available: which attributes have cty's dynamic type and so are
/// stored wrapped as `{"value": ..., "type": ...}`. Only the built-in provider's
/// resources are known; other attributes are shown as stored.
public enum ResourceValueHints {
    static let dynamicAttributes: [String: Set<String>] = [
        "managed.terraform_data": ["input", "output", "triggers_replace"],
        "data.terraform_remote_state": ["config", "defaults", "outputs"],
    ]

    public static func isDynamic(mode: String, type: String, attribute: String) -> Bool {
        dynamicAttributes[mode + "." + type]?.contains(attribute) ?? false
    }

    /// The attribute value with a dynamic wrapper removed, and the wrapped cty type when there was one.
    public static func unwrap(_ value: JSONValue, mode: String, type: String, attribute: String) -> (JSONValue, JSONValue?) {
        guard isDynamic(mode: mode, type: type, attribute: attribute), case .object(let members) = value,
              members.count == 2, let v = value["value"], let t = value["type"] else { return (value, nil) }
        return (v, t)
    }

    /// The provider's source address from a provider configuration address
    /// (`module.a.provider["registry.terraform.io/hashicorp/aws"].west` -> `registry.terraform.io/hashicorp/aws`).
    public static func providerSource(_ config: String) -> String {
        guard let open = config.range(of: "provider[\""), let close = config.range(of: "\"]", range: open.upperBound..<config.endIndex) else {
            return config
        }
        return String(config[open.upperBound..<close.lowerBound])
    }
}
