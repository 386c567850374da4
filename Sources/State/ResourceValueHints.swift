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

extension StateFile {
    /// What terraform's JSON marshalling of the state (`show`, `state show`)
    /// trips over, as its error text: attributes that are not an object, or a
    /// dynamic attribute of a known resource type stored without its
    /// `{"value","type"}` wrapper. nil when every instance has a usable shape.
    /// Checked on the stored bytes, without decoding the values.
    public var attributeShapeProblem: String? {
        for r in resources {
            for i in r.instances {
                if let problem = i.attributeShapeProblem(mode: r.address.resource.mode.rawValue, type: r.address.resource.type) {
                    return problem
                }
            }
        }
        return nil
    }
}

extension InstanceObject {
    /// `StateFile.attributeShapeProblem` for one object of a resource of this mode and type.
    public func attributeShapeProblem(mode: String, type: String) -> String? {
        let problem = "missing expected {"
        let dynamic = ResourceValueHints.dynamicAttributes[mode + "." + type]
        if let raw = rawAttributes {
            guard let members = raw.members else { return problem }
            if let dynamic {
                for m in members where dynamic.contains(m.key) && m.value.kind != .object && m.value.kind != .null { return problem }
            }
        } else if let attrs = attributes {
            guard let members = attrs.objectValue else { return problem }
            if let dynamic {
                for m in members where dynamic.contains(m.key) && m.value.objectValue == nil && !m.value.isNull { return problem }
            }
        }
        return nil
    }
}
