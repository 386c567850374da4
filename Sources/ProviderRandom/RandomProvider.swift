import Engine
import JSON
import Values

/// hashicorp/random v3.7.2, in process: the same attributes, defaults, plan
/// modifiers (`keepers` replacement), state shape and import IDs as the real one.
public final class RandomProvider: Provider, @unchecked Sendable {
    public static let source = "registry.terraform.io/hashicorp/random"

    /// Lengths above this are refused rather than filling memory (the real provider has no bound).
    static let maxLength = 1 << 24

    static let retryMessage = "Retry the Terraform operation. If the error still occurs or happens regularly, please contact the provider developer with hardware and operating system information.\n\n"

    struct Kind {
        var schema: ResourceSchema
        var rules: [String: FrameworkAttributeRules]
    }

    static let kinds: [String: Kind] = [
        "random_string": Kind(schema: RandomString.schema(password: false), rules: RandomString.rules(password: false)),
        "random_password": Kind(schema: RandomString.schema(password: true), rules: RandomString.rules(password: true)),
        "random_id": Kind(schema: RandomResources.idSchema, rules: RandomResources.idRules),
        "random_bytes": Kind(schema: RandomResources.bytesSchema, rules: RandomResources.bytesRules),
        "random_integer": Kind(schema: RandomResources.integerSchema, rules: RandomResources.integerRules),
        "random_shuffle": Kind(schema: RandomResources.shuffleSchema, rules: RandomResources.shuffleRules),
        "random_uuid": Kind(schema: RandomResources.uuidSchema, rules: RandomResources.uuidRules),
        "random_pet": Kind(schema: RandomResources.petSchema, rules: RandomResources.petRules),
    ]

    public init() {}

    /// Computation only, no waiting; random_password's bcrypt hash takes long
    /// enough to be worth running on the walk's provider threads.
    public func quickOperations(resourceType: String) -> Bool { resourceType != "random_password" }

    public func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(resources: Self.kinds.mapValues(\.schema))
    }

    static func unsupported(_ typeName: String) -> ProviderDiagnostic {
        .error("Unsupported resource type", "The random provider does not support resource type \"\(typeName)\".")
    }

    public func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] {
        guard Self.kinds[typeName] != nil else { return [Self.unsupported(typeName)] }
        let c = config.attributes ?? [:]
        switch typeName {
        case "random_string", "random_password": return RandomString.validate(config)
        case "random_bytes": return RandomResources.validateBytes(config)
        case "random_id": return FrameworkPlanning.int64(c["byte_length"], "byte_length").1
        case "random_integer": return FrameworkPlanning.int64(c["min"], "min").1 + FrameworkPlanning.int64(c["max"], "max").1
        case "random_shuffle": return FrameworkPlanning.int64(c["result_count"], "result_count").1
        case "random_pet": return FrameworkPlanning.int64(c["length"], "length").1
        default: return []
        }
    }

    public func planResourceChange(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        guard let kind = Self.kinds[request.typeName] else {
            return .init(plannedState: request.proposedNewState, diagnostics: [Self.unsupported(request.typeName)])
        }
        let modify: ((inout [String: Value], [String: Value]) -> [ProviderDiagnostic])?
        switch request.typeName {
        case "random_string", "random_password": modify = RandomString.syncNumeric
        default: modify = nil
        }
        var resp = FrameworkPlanning.plan(request, block: kind.schema.block, rules: kind.rules, modify: modify)
        resp.plannedState = kind.schema.block.markingSensitive(resp.plannedState)
        return resp
    }

    public func applyResourceChange(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        var resp = apply(request)
        if let kind = Self.kinds[request.typeName] { resp.newState = kind.schema.block.markingSensitive(resp.newState) }
        return resp
    }

    func apply(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard let kind = Self.kinds[request.typeName] else {
            return .init(newState: request.plannedState, diagnostics: [Self.unsupported(request.typeName)])
        }
        let block = kind.schema.block
        let planned = request.plannedState
        // Delete is a no-op for every random resource; update stores the plan.
        if planned.isNull { return .init(newState: planned) }
        if !request.priorState.isNull { return .init(newState: planned) }
        guard let a = planned.attributes else { return .init(newState: planned) }
        func done(_ attrs: [String: Value], _ diags: [ProviderDiagnostic] = []) -> ProviderMessages.ApplyResourceChangeResponse {
            if diags.hasErrors { return .init(newState: .null(block.impliedType), diagnostics: diags) }
            return .init(newState: Value(type: block.impliedType, content: .attributes(attrs)), diagnostics: diags)
        }
        switch request.typeName {
        case "random_string": return RandomString.create(planned, block: block, password: false)
        case "random_password": return RandomString.create(planned, block: block, password: true)
        case "random_id": let (r, d) = RandomResources.createID(a); return done(r, d)
        case "random_bytes": let (r, d) = RandomResources.createBytes(a); return done(r, d)
        case "random_integer": let (r, d) = RandomResources.createInteger(a); return done(r, d)
        case "random_shuffle": return done(RandomResources.createShuffle(a))
        case "random_uuid":
            let u = RandomResources.uuidString(RandomResources.randomBytes(16))
            var r = a
            r["id"] = .string(u)
            r["result"] = .string(u)
            return done(r)
        case "random_pet": return done(RandomResources.createPet(a))
        default: return .init(newState: planned, diagnostics: [Self.unsupported(request.typeName)])
        }
    }

    public func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        // Random values live only in state: reading changes nothing.
        .init(newState: currentState)
    }

    public func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) {
        (config, [.error("Unsupported data source", "The random provider has no data source \"\(typeName)\".")])
    }

    public func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) {
        guard let kind = Self.kinds[typeName] else { return ([], [Self.unsupported(typeName)]) }
        let block = kind.schema.block
        var attrs: [String: Value]? = nil
        var diags: [ProviderDiagnostic] = []
        switch typeName {
        case "random_string", "random_password":
            return ([.init(typeName: typeName, state: RandomString.importState(id, block: block, password: typeName == "random_password"))], [])
        case "random_id": (attrs, diags) = RandomResources.importID(id)
        case "random_bytes": (attrs, diags) = RandomResources.importBytes(id)
        case "random_integer": (attrs, diags) = RandomResources.importInteger(id)
        case "random_uuid": (attrs, diags) = RandomResources.importUUID(id)
        default: return ([], [.importNotImplemented])
        }
        guard let attrs, !diags.hasErrors else { return ([], diags) }
        return ([.init(typeName: typeName, state: block.object(attrs))], diags)
    }

    public func upgradeResourceState(typeName: String, version: UInt64, rawState: JSONValue) -> (Value, [ProviderDiagnostic]) {
        guard let kind = Self.kinds[typeName] else { return (.dynamicNull, [Self.unsupported(typeName)]) }
        if version < kind.schema.version, typeName == "random_string" || typeName == "random_password" {
            return RandomString.upgrade(rawState, block: kind.schema.block, password: typeName == "random_password")
        }
        switch StateValueCodec.decode(rawState, as: kind.schema.block) {
        case .success(let v): return (v, [])
        case .failure(let e): return (.dynamicNull, [.error("Failed to decode resource state", e.message)])
        }
    }
}
