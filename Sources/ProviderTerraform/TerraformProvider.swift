import Engine
import Foundation
import JSON
import Values

/// Terraform's built-in provider (`terraform.io/builtin/terraform`): the
/// `terraform_data` resource and the `terraform_remote_state` data source.
public final class TerraformProvider: Provider, @unchecked Sendable {
    public static let source = "terraform.io/builtin/terraform"

    /// Where relative local-backend paths of `terraform_remote_state` start.
    let workingDirectory: String
    /// For backends that read settings from the environment (`TF_HTTP_*`, `PG_CONN_STR`).
    let environment: [String: String]

    /// terraform_data does nothing but compute; terraform_remote_state (a data source) reads backends and is not quick.
    public func quickOperations(resourceType: String) -> Bool { resourceType == "terraform_data" }

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath, environment: [String: String] = [:]) {
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    public func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(resources: ["terraform_data": TerraformData.schema],
                               dataSources: ["terraform_remote_state": RemoteState.schema])
    }

    public func validateDataResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        guard typeName == "terraform_remote_state" else { return [Self.unsupportedData(typeName)] }
        return RemoteState.validate(config)
    }

    public func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        guard typeName == "terraform_data" else { return [Self.unsupported(typeName)] }
        return []
    }

    public func planResourceChange(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        guard request.typeName == "terraform_data" else {
            return ProviderMessages.PlanResourceChangeResponse(plannedState: request.proposedNewState, diagnostics: [Self.unsupported(request.typeName)])
        }
        return TerraformData.plan(request)
    }

    public func applyResourceChange(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard request.typeName == "terraform_data" else {
            return ProviderMessages.ApplyResourceChangeResponse(newState: request.plannedState, diagnostics: [Self.unsupported(request.typeName)])
        }
        return TerraformData.apply(request)
    }

    public func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        // terraform_data has no remote object: what is stored is the truth.
        ProviderMessages.ReadResourceResponse(newState: currentState)
    }

    public func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) {
        guard typeName == "terraform_remote_state" else { return (config, [Self.unsupportedData(typeName)]) }
        return RemoteState.read(config, workingDirectory: workingDirectory, environment: environment)
    }

    static func unsupportedData(_ typeName: String) -> ProviderDiagnostic {
        .error("Unsupported data source", "The terraform provider has no data source \"\(typeName)\".")
    }

    public func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) {
        guard typeName == "terraform_data" else { return ([], [Self.unsupported(typeName)]) }
        let state = Value.object([
            "id": .string(id),
            "input": .dynamicNull,
            "output": .dynamicNull,
            "triggers_replace": .dynamicNull,
        ])
        return ([ProviderMessages.ImportedResource(typeName: typeName, state: state)], [])
    }

    static func unsupported(_ typeName: String) -> ProviderDiagnostic {
        .error("Unsupported resource type", "The terraform provider does not support resource type \"\(typeName)\".")
    }
}
