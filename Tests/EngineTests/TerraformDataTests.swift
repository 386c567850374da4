import Engine
import ProviderTerraform
import Testing
import Values

/// terraform_data's planning rules, checked without terraform.
@Suite struct TerraformDataTests {
    let provider = TerraformProvider()
    var type: ValueType { provider.schema().resources["terraform_data"]!.block.impliedType }

    func object(id: Value = .null(.string), input: Value = .dynamicNull, output: Value = .dynamicNull, triggers: Value = .dynamicNull) -> Value {
        Value(type: type, content: .attributes(["id": id, "input": input, "output": output, "triggers_replace": triggers]))
    }

    func plan(prior: Value, config: Value) -> ProviderMessages.PlanResourceChangeResponse {
        let proposed = Value(type: type, content: .attributes(config.attributes!.merging([
            "id": prior.isNull ? .unknown(.string) : prior.attributes!["id"]!,
            "output": prior.isNull ? .unknown(.dynamic) : prior.attributes!["output"]!,
        ]) { _, b in b }))
        return provider.planResourceChange(.init(typeName: "terraform_data", priorState: prior.isNull ? .null(type) : prior,
                                                 proposedNewState: proposed, config: config))
    }

    @Test func createLeavesIdAndOutputUnknown() {
        let resp = plan(prior: .null(type), config: object(input: .string("x")))
        let attrs = resp.plannedState.attributes!
        #expect(!attrs["id"]!.isKnown)
        #expect(!attrs["output"]!.isKnown)
        #expect(attrs["output"]!.type == .string)
        #expect(resp.requiresReplace.isEmpty)
    }

    @Test func createWithNullInputKeepsOutputNull() {
        let resp = plan(prior: .null(type), config: object())
        #expect(resp.plannedState.attributes!["output"]!.isNull)
    }

    @Test func unchangedInputIsNoOp() {
        let prior = object(id: .string("i"), input: .string("x"), output: .string("x"))
        let resp = plan(prior: prior, config: object(input: .string("x")))
        #expect(resp.plannedState.rawEquals(prior))
    }

    @Test func changedInputMakesOutputUnknownButKeepsId() {
        let prior = object(id: .string("i"), input: .string("x"), output: .string("x"))
        let resp = plan(prior: prior, config: object(input: .string("y")))
        #expect(resp.plannedState.attributes!["id"]!.stringValue == "i")
        #expect(!resp.plannedState.attributes!["output"]!.isKnown)
        #expect(resp.requiresReplace.isEmpty)
    }

    @Test func changedTriggersRequireReplacement() {
        let prior = object(id: .string("i"), input: .string("x"), output: .string("x"), triggers: .string("a"))
        let resp = plan(prior: prior, config: object(input: .string("x"), triggers: .string("b")))
        #expect(resp.requiresReplace == [.attribute("triggers_replace")])
        #expect(!resp.plannedState.attributes!["id"]!.isKnown)
    }

    @Test func applyFillsIdAndOutput() {
        let planned = object(id: .unknown(.string), input: .int(3), output: .unknown(.number))
        let resp = provider.applyResourceChange(.init(typeName: "terraform_data", priorState: .null(type), plannedState: planned, config: planned))
        let attrs = resp.newState.attributes!
        let id = attrs["id"]!.stringValue ?? ""
        #expect(id.count == 36)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(attrs["output"]!.rawEquals(.int(3)))
    }

    @Test func unknownResourceTypeIsADiagnostic() {
        let resp = provider.planResourceChange(.init(typeName: "terraform_nope", priorState: .null(type), proposedNewState: object(), config: object()))
        #expect(resp.diagnostics.hasErrors)
    }
}
