import Config
import Engine
import Foundation
import JSON
import ProviderTerraform
import State
import Testing
import Values

/// A test-only provider with one data source, `echo_text`: `result` is
/// "echo:" + `input`, read through the provider protocol.
final class EchoProvider: Provider, @unchecked Sendable {
    static let source = "registry.terraform.io/hashicorp/echo"
    var reads: [String] = []

    func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(dataSources: ["echo_text": ResourceSchema(block: SchemaBlock(attributes: [
            "id": SchemaAttribute(.string, computed: true),
            "input": SchemaAttribute(.string, required: true),
            "result": SchemaAttribute(.string, computed: true),
        ]))])
    }

    func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] { [] }
    func planResourceChange(_ r: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse { .init(plannedState: r.proposedNewState) }
    func applyResourceChange(_ r: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse { .init(newState: r.plannedState) }
    func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse { .init(newState: currentState) }
    func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) { ([], []) }

    func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) {
        let input = config.attributes?["input"]?.stringValue ?? ""
        reads.append(input)
        if input == "fail" { return (config, [.error("Echo refused", "The echo service refused \"fail\".")]) }
        return (.object(["id": .string(input), "input": .string(input), "result": .string("echo:" + input)]), [])
    }
}

final class RecordingHooks: EngineHooks {
    var lines: [String] = []
    func readingData(_ address: AbsResourceInstance) { lines.append("\(address): Reading...") }
    func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int) { lines.append("\(address): Read complete [id=\(id ?? "")]") }
}

@Suite struct DataSourceTests {
    func makeEngine(_ files: [String: String], _ echo: EchoProvider) -> (Engine, String)? {
        let dir = Tools.tempDirectory("data")
        Tools.write(files, in: dir)
        let (tree, _, diags) = ConfigTree.load(rootDirectory: dir)
        guard !diags.hasErrors else { return nil }
        let registry = ProviderRegistry()
        registry.register(EchoProvider.source) { echo }
        registry.register(TerraformProvider.source) { TerraformProvider() }
        return (Engine(tree: tree, settings: .init(rootDirectory: dir, workingDirectory: dir), registry: registry), dir)
    }

    static let main = """
    data "echo_text" "known" {
      input = "a"
    }
    resource "terraform_data" "r" {
      input = data.echo_text.known.result
    }
    data "echo_text" "later" {
      input = terraform_data.r.output
    }
    output "later" {
      value = data.echo_text.later.result
    }
    """

    @Test func knownConfigIsReadWhilePlanningUnknownIsDeferred() throws {
        let echo = EchoProvider()
        let (engine, dir) = try #require(makeEngine(["main.tf": Self.main], echo))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let hooks = RecordingHooks()
        engine.hooks = hooks
        let (plan, diags) = engine.plan(prior: nil)
        #expect(!diags.hasErrors, "\(diags.items.map(\.summary))")
        #expect(echo.reads == ["a"])
        #expect(hooks.lines == ["data.echo_text.known: Reading...", "data.echo_text.known: Read complete [id=a]"])
        #expect(plan.readData.map(\.address.description) == ["data.echo_text.known"])
        #expect(plan.changes.map { "\($0.address) \($0.action.rawValue)" } == ["data.echo_text.later read", "terraform_data.r create"])
        let text = PlanRenderer.render(plan)
        #expect(text.contains("""
          + create
         <= read (data resources)
        """))
        #expect(text.contains("""
          # data.echo_text.later will be read during apply
          # (config refers to values not yet known)
         <= data "echo_text" "later" {
              + id     = (known after apply)
              + input  = (known after apply)
              + result = (known after apply)
            }
        """), "\(text)")
        #expect(text.contains("      + input  = \"echo:a\"\n"))
        #expect(text.contains("Plan: 1 to add, 0 to change, 0 to destroy."))

        let (state, applyDiags) = engine.apply(plan) { _ in nil }
        #expect(!applyDiags.hasErrors, "\(applyDiags.items.map(\.summary))")
        // The plan-time result is stored without a second read; the deferred one is read now.
        #expect(echo.reads == ["a", "echo:a"])
        let data = state.resources.filter { $0.address.resource.mode == .data }
        #expect(data.map(\.address.description) == ["data.echo_text.known", "data.echo_text.later"])
        #expect(data.first?.instances.first?.attributes?["result"] == .string("echo:a"))
        #expect(data.first?.instances.first?.dependencies == [])
        #expect(data.last?.provider == "provider[\"registry.terraform.io/hashicorp/echo\"]")
        #expect(state.output(named: "later")?.value == .string("echo:echo:a"))
    }

    @Test func dependsOnWithPendingChangesDefersTheRead() throws {
        let echo = EchoProvider()
        let (engine, dir) = try #require(makeEngine(["main.tf": """
        resource "terraform_data" "r" {}
        data "echo_text" "d" {
          input      = "x"
          depends_on = [terraform_data.r]
        }
        """], echo))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, diags) = engine.plan(prior: nil)
        #expect(!diags.hasErrors)
        #expect(echo.reads == [])
        #expect(PlanRenderer.render(plan).contains("""
          # data.echo_text.d will be read during apply
          # (depends on a resource or a module with changes pending)
         <= data "echo_text" "d" {
              + id     = (known after apply)
              + input  = "x"
              + result = (known after apply)
            }
        """))
        let (state, _) = engine.apply(plan) { _ in nil }
        // Nothing pending any more: the next plan reads while planning and has no changes.
        let (again, _) = engine.plan(prior: state)
        #expect(!again.hasChanges)
        #expect(echo.reads == ["x", "x"])
    }

    @Test func dataSourcesInModulesAndCount() throws {
        let echo = EchoProvider()
        let (engine, dir) = try #require(makeEngine([
            "main.tf": """
            module "m" {
              source = "./m"
              word   = "w"
            }
            output "o" {
              value = module.m.results
            }
            """,
            "m/main.tf": """
            variable "word" {}
            data "echo_text" "d" {
              count = 2
              input = "${var.word}${count.index}"
            }
            output "results" {
              value = data.echo_text.d[*].result
            }
            """,
            ".terraform/modules/modules.json": #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"m","Source":"./m","Dir":"m"}]}"#,
        ], echo))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, diags) = engine.plan(prior: nil)
        #expect(!diags.hasErrors, "\(diags.items.map(\.summary))")
        #expect(plan.readData.map(\.address.description) == ["module.m.data.echo_text.d[0]", "module.m.data.echo_text.d[1]"])
        let (state, _) = engine.apply(plan) { _ in nil }
        #expect(state.output(named: "o")?.value == .array([.string("echo:w0"), .string("echo:w1")]))
        #expect(state.resources.first?.address.module.description == "module.m")
    }

    @Test func readErrorIsADiagnostic() throws {
        let echo = EchoProvider()
        let (engine, dir) = try #require(makeEngine(["main.tf": "data \"echo_text\" \"d\" {\n  input = \"fail\"\n}\n"], echo))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, diags) = engine.plan(prior: nil)
        #expect(diags.items.contains { $0.summary == "Echo refused" })
    }
}
