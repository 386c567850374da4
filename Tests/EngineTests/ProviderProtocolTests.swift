import Config
import Engine
import Foundation
import JSON
import State
import Testing
import Values

/// A provider written against the protocol, to drive the engine's failure
/// paths: an apply error must stop the walk with what was created saved.
final class FailingProvider: Provider, @unchecked Sendable {
    static let source = "registry.terraform.io/hashicorp/fake"
    var applied: [String] = []

    func schema() -> ProviderSchemaResponse {
        ProviderSchemaResponse(resources: ["fake_thing": ResourceSchema(block: SchemaBlock(attributes: [
            "id": SchemaAttribute(.string, computed: true),
            "value": SchemaAttribute(.string, required: true),
        ]))])
    }

    func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] { [] }

    func planResourceChange(_ r: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse {
        ProviderMessages.PlanResourceChangeResponse(plannedState: r.proposedNewState)
    }

    func applyResourceChange(_ r: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse {
        guard var attrs = r.plannedState.attributes else { return .init(newState: r.plannedState) }
        if attrs["value"]?.stringValue == "boom" {
            return .init(newState: r.priorState, diagnostics: [.error("Boom", "The remote API refused the object.", attribute: .attribute("value"))])
        }
        attrs["id"] = .string("id-" + (attrs["value"]?.stringValue ?? ""))
        applied.append(attrs["value"]?.stringValue ?? "")
        return .init(newState: Value(type: r.plannedState.type, content: .attributes(attrs)))
    }

    func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse {
        .init(newState: currentState)
    }

    func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic]) { (config, []) }

    func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic]) { ([], []) }
}

@Suite struct ProviderProtocolTests {
    func makeEngine(_ main: String, provider: FailingProvider) -> (Engine, String)? {
        let dir = Tools.tempDirectory("proto")
        Tools.write(["main.tf": main], in: dir)
        let (tree, _, diags) = ConfigTree.load(rootDirectory: dir)
        guard !diags.hasErrors else { return nil }
        let registry = ProviderRegistry()
        registry.register(FailingProvider.source) { provider }
        return (Engine(tree: tree, settings: .init(rootDirectory: dir, workingDirectory: dir), registry: registry), dir)
    }

    @Test func applyErrorStopsAndKeepsWhatWasCreated() throws {
        let provider = FailingProvider()
        let (engine, dir) = try #require(makeEngine("""
        resource "fake_thing" "a" {
          value = "ok"
        }
        resource "fake_thing" "b" {
          value = "boom"
          depends_on = [fake_thing.a]
        }
        resource "fake_thing" "c" {
          value = "later"
          depends_on = [fake_thing.b]
        }
        """, provider: provider))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, planDiags) = engine.plan(prior: nil)
        #expect(!planDiags.hasErrors)
        #expect(plan.toAdd == 3)
        var saved: [StateFile] = []
        let (final, diags) = engine.apply(plan) { saved.append($0); return nil }
        #expect(diags.hasErrors)
        #expect(diags.items.first?.summary == "Boom")
        #expect(provider.applied == ["ok"])
        #expect(final.instanceAddresses.map(\.description) == ["fake_thing.a"])
        #expect(saved.last?.instanceAddresses.map(\.description) == ["fake_thing.a"])
        #expect(final.resources.first?.provider == "provider[\"registry.terraform.io/hashicorp/fake\"]")
    }

    @Test func persistFailureIsReported() throws {
        let provider = FailingProvider()
        let (engine, dir) = try #require(makeEngine("resource \"fake_thing\" \"a\" {\n  value = \"ok\"\n}\n", provider: provider))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (_, diags) = engine.apply(plan) { _ in "disk full" }
        #expect(diags.items.contains { $0.summary == "Failed to save state" && $0.detail == "disk full" })
    }

    @Test func missingProviderIsADiagnostic() throws {
        let dir = Tools.tempDirectory("proto")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": "resource \"nothere_x\" \"a\" {}\n"], in: dir)
        let (tree, _, _) = ConfigTree.load(rootDirectory: dir)
        let engine = Engine(tree: tree, settings: .init(rootDirectory: dir, workingDirectory: dir), registry: ProviderRegistry())
        let (_, diags) = engine.plan(prior: nil)
        #expect(diags.items.contains { $0.summary == "Missing required provider" })
    }

    @Test func registryResolvesSourceAddresses() {
        #expect(ProviderRegistry.fullSource(localName: "terraform", declared: nil) == "terraform.io/builtin/terraform")
        #expect(ProviderRegistry.fullSource(localName: "random", declared: nil) == "registry.terraform.io/hashicorp/random")
        #expect(ProviderRegistry.fullSource(localName: "k", declared: "gavinbunney/kubectl") == "registry.terraform.io/gavinbunney/kubectl")
    }
}
