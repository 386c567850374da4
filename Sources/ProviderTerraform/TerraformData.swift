import Engine
import Values

/// `terraform_data`: stores `input`, echoes it as `output` after apply, and is
/// replaced whenever `triggers_replace` changes — terraform's exact planning rules.
enum TerraformData {
    static let schema = ResourceSchema(version: 0, block: SchemaBlock(attributes: [
        "id": SchemaAttribute(.string, computed: true),
        "input": SchemaAttribute(.dynamic, optional: true),
        "output": SchemaAttribute(.dynamic, computed: true),
        "triggers_replace": SchemaAttribute(.dynamic, optional: true),
    ]))

    static func plan(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        let proposed = request.proposedNewState
        guard !proposed.isNull, var planned = proposed.attributes else {
            return ProviderMessages.PlanResourceChangeResponse(plannedState: proposed)
        }
        let input = planned["input"] ?? .dynamicNull
        let trigger = planned["triggers_replace"] ?? .dynamicNull
        // The output always takes the input's type, even when the input is null.
        let pendingOutput = input.isNull ? input : Value.unknown(input.type)
        var replace: [AttributePath] = []
        if request.priorState.isNull {
            planned["id"] = .unknown(.string)
            planned["output"] = pendingOutput
        } else {
            let prior = request.priorState.attributes ?? [:]
            if !(prior["triggers_replace"] ?? .dynamicNull).rawEquals(trigger) {
                replace.append(.attribute("triggers_replace"))
                planned["id"] = .unknown(.string)
                planned["output"] = pendingOutput
            } else if !(prior["input"] ?? .dynamicNull).rawEquals(input) {
                planned["output"] = .unknown(input.type)
            }
        }
        return ProviderMessages.PlanResourceChangeResponse(plannedState: Value(type: proposed.type, content: .attributes(planned)),
                                                           requiresReplace: replace)
    }

    static func apply(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        let planned = request.plannedState
        guard !planned.isNull, var state = planned.attributes else {
            return ProviderMessages.ApplyResourceChangeResponse(newState: planned)
        }
        if let output = state["output"], !output.isKnown {
            state["output"] = state["input"] ?? .dynamicNull
        }
        if let id = state["id"], !id.isKnown {
            state["id"] = .string(goUUID())
        }
        return ProviderMessages.ApplyResourceChangeResponse(newState: Value(type: planned.type, content: .attributes(state)))
    }

    /// hashicorp/go-uuid's form: 16 random bytes as 8-4-4-4-12 hex digits, no version bits.
    static func goUUID() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<16 { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        let groups = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16]
        return groups.map { hex[$0].joined() }.joined(separator: "-")
    }
}
