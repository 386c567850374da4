import Engine
import Values

/// hashicorp/null v3.2.4, in process: `null_resource` (replaced when `triggers`
/// change; id a random non-negative 63-bit number) and the deprecated
/// `null_data_source` (outputs = inputs).
public final class NullProvider: Provider, @unchecked Sendable {
    public static let source = "registry.terraform.io/hashicorp/null"

    static let resourceSchema = ResourceSchema(block: .flat([("id", .string, "c"), ("triggers", .map(.string), "o")]))
    static let resourceRules: [String: FrameworkAttributeRules] = ["triggers": .keepers, "id": .stateForUnknown]
    static let dataSourceSchema = ResourceSchema(block: .flat([
        ("has_computed_default", .string, "oc"), ("id", .string, "c"), ("inputs", .map(.string), "o"),
        ("outputs", .map(.string), "c"), ("random", .string, "c"),
    ]))

    public init() {}

    public func quickOperations(resourceType: String) -> Bool { true }

    public func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(resources: ["null_resource": Self.resourceSchema], dataSources: ["null_data_source": Self.dataSourceSchema])
    }

    static func unsupported(_ typeName: String) -> ProviderDiagnostic {
        .error("Unsupported resource type", "The null provider does not support resource type \"\(typeName)\".")
    }

    public func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        typeName == "null_resource" ? [] : [Self.unsupported(typeName)]
    }

    public func validateDataResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        guard typeName == "null_data_source" else {
            return [.error("Unsupported data source", "The null provider has no data source \"\(typeName)\".")]
        }
        return []
    }

    public func planResourceChange(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        guard request.typeName == "null_resource" else {
            return .init(plannedState: request.proposedNewState, diagnostics: [Self.unsupported(request.typeName)])
        }
        return FrameworkPlanning.plan(request, block: Self.resourceSchema.block, rules: Self.resourceRules)
    }

    static func randomID() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(Int64.random(in: 0...Int64.max, using: &rng))
    }

    public func applyResourceChange(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard request.typeName == "null_resource" else {
            return .init(newState: request.plannedState, diagnostics: [Self.unsupported(request.typeName)])
        }
        let planned = request.plannedState
        guard !planned.isNull, request.priorState.isNull, var a = planned.attributes else { return .init(newState: planned) }
        a["id"] = .string(Self.randomID())
        return .init(newState: Value(type: planned.type, content: .attributes(a)))
    }

    public func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        .init(newState: currentState)
    }

    public func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) {
        guard typeName == "null_data_source" else {
            return (config, [.error("Unsupported data source", "The null provider has no data source \"\(typeName)\".")])
        }
        let block = Self.dataSourceSchema.block
        let c = config.attributes ?? [:]
        var a: [String: Value] = [:]
        let inputs = c["inputs"] ?? .null(.map(.string))
        a["inputs"] = inputs
        a["outputs"] = inputs
        a["random"] = .string(Self.randomID())
        let hcd = c["has_computed_default"] ?? .null(.string)
        a["has_computed_default"] = hcd.isNull ? .string("default") : hcd
        a["id"] = .string("static")
        return (block.object(a), [])
    }

    public func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) {
        guard typeName == "null_resource" else { return ([], [Self.unsupported(typeName)]) }
        return ([], [.importNotImplemented])
    }
}
