import Engine
import Values

/// Drives a provider through the protocol the way the engine does: configuration
/// object, proposed new state (computed attributes left null by configuration take the
/// prior value or become unknown), plan, apply.
struct ProtocolDriver {
    let provider: Provider
    let typeName: String

    var block: SchemaBlock { provider.schema().resources[typeName]!.block }
    var type: ValueType { block.impliedType }

    /// A configuration object: the given attributes, every other one null.
    func config(_ attrs: [String: Value]) -> Value { block.object(attrs) }

    func proposed(prior: Value, config: Value) -> Value {
        var attrs = config.attributes ?? [:]
        let priorAttrs = prior.isNull ? nil : prior.attributes
        for (name, a) in block.attributes where a.computed {
            guard let c = attrs[name], c.isNull else { continue }
            attrs[name] = priorAttrs?[name] ?? .unknown(a.type)
        }
        return Value(type: type, content: .attributes(attrs))
    }

    func validate(_ attrs: [String: Value]) -> [ProviderDiagnostic] {
        provider.validateResourceConfig(typeName: typeName, config: config(attrs))
    }

    func plan(_ attrs: [String: Value], prior: Value? = nil) -> ProviderMessages.PlanResourceChangeResponse {
        let c = config(attrs)
        // Providers see plain values; the engine strips marks before calling them.
        let p = (prior ?? .null(type)).unmarkedDeep().0
        return provider.planResourceChange(.init(typeName: typeName, priorState: p, proposedNewState: proposed(prior: p, config: c), config: c))
    }

    /// Plans and applies a creation; returns the new state (null and diagnostics on failure).
    func create(_ attrs: [String: Value]) -> (Value, [ProviderDiagnostic]) {
        let planned = plan(attrs)
        if planned.diagnostics.hasErrors { return (.null(type), planned.diagnostics) }
        let c = config(attrs)
        let resp = provider.applyResourceChange(.init(typeName: typeName, priorState: .null(type), plannedState: planned.plannedState, config: c))
        return (resp.newState, resp.diagnostics)
    }

    func destroy(_ prior: Value) -> ProviderMessages.ApplyResourceChangeResponse {
        provider.applyResourceChange(.init(typeName: typeName, priorState: prior.unmarkedDeep().0, plannedState: .null(type), config: .null(type)))
    }
}

extension Value {
    subscript(_ name: String) -> Value? { attributes?[name] }
    var str: String? { stringValue }
    var num: Int? { numberValue?.intValue }
}
