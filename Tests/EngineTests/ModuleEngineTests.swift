import Config
import Engine
import Foundation
import JSON
import State
import Testing
import Values

/// Module behaviour that needs providers terraform cannot run offline, or
/// that is checked on the engine's values rather than on terraform's text.
@Suite struct ModuleEngineTests {
    /// `modules`: installed-module records (key, directory, source as the call writes it; default "./DIR").
    func makeEngine(_ files: [String: String], modules: [(key: String, dir: String, source: String?)]) -> (Engine, String)? {
        let dir = Tools.tempDirectory("mod")
        var manifest = files
        let records = [#"{"Key":"","Source":"","Dir":"."}"#] + modules.map {
            #"{"Key":"\#($0.key)","Source":"\#($0.source ?? "./" + $0.dir)","Dir":"\#($0.dir)"}"#
        }
        manifest[".terraform/modules/modules.json"] = #"{"Modules":["# + records.joined(separator: ",") + "]}"
        Tools.write(manifest, in: dir)
        let (tree, _, diags) = ConfigTree.load(rootDirectory: dir)
        guard !diags.hasErrors else { return nil }
        let registry = ProviderRegistry()
        registry.register(FailingProvider.source) { FailingProvider() }
        return (Engine(tree: tree, settings: .init(rootDirectory: dir, workingDirectory: dir), registry: registry), dir)
    }

    @Test func providersAreInheritedOrPassedByAlias() throws {
        let (engine, dir) = try #require(makeEngine([
            "main.tf": """
            provider "fake" {
              alias = "alt"
            }
            module "plain" {
              source = "./m"
            }
            module "aliased" {
              source    = "./m"
              providers = { fake = fake.alt }
            }
            module "own" {
              source = "./own"
            }
            """,
            "m/main.tf": "resource \"fake_thing\" \"t\" {\n  value = \"v\"\n}\n",
            "own/main.tf": "provider \"fake\" {}\nresource \"fake_thing\" \"t\" {\n  value = \"v\"\n}\n",
        ], modules: [("aliased", "m", nil), ("own", "own", nil), ("plain", "m", nil)]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, diags) = engine.plan(prior: nil)
        #expect(!diags.hasErrors, "\(diags.items.map(\.summary))")
        let providers = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.providerAddress) })
        #expect(providers["module.plain.fake_thing.t"] == "provider[\"registry.terraform.io/hashicorp/fake\"]")
        #expect(providers["module.aliased.fake_thing.t"] == "provider[\"registry.terraform.io/hashicorp/fake\"].alt")
        #expect(providers["module.own.fake_thing.t"] == "module.own.provider[\"registry.terraform.io/hashicorp/fake\"]")
    }

    @Test func cycleThroughAModuleIsNamed() throws {
        let (engine, dir) = try #require(makeEngine([
            "main.tf": """
            module "m" {
              source = "./m"
              in     = fake_thing.a.value
            }
            resource "fake_thing" "a" {
              value = module.m.out
            }
            """,
            "m/main.tf": "variable \"in\" {}\noutput \"out\" {\n  value = var.in\n}\n",
        ], modules: [("m", "m", nil)]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, diags) = engine.plan(prior: nil)
        let summary = diags.items.first?.summary ?? ""
        #expect(summary.hasPrefix("Cycle: "))
        #expect(summary.contains("module.m.var.in") && summary.contains("fake_thing.a") && summary.contains("module.m.output.out"), "\(summary)")
    }

    @Test func moduleInstancesAreRecordedWithTheirKeys() throws {
        let (engine, dir) = try #require(makeEngine([
            "main.tf": """
            module "outer" {
              source   = "./outer"
              for_each = toset(["x"])
            }
            """,
            "outer/main.tf": """
            module "inner" {
              source = "../inner"
              count  = 2
            }
            """,
            "inner/main.tf": "resource \"fake_thing\" \"t\" {\n  value = \"v\"\n}\n",
        ], modules: [("outer", "outer", nil), ("outer.inner", "inner", "../inner")]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (plan, _) = engine.plan(prior: nil)
        let (state, diags) = engine.apply(plan) { _ in nil }
        #expect(!diags.hasErrors)
        #expect(state.resources.map(\.address.module.description) == [
            "module.outer[\"x\"].module.inner[0]", "module.outer[\"x\"].module.inner[1]",
        ])
        let text = StateFileWriter.string(state)
        #expect(text.contains("\"module\": \"module.outer[\\\"x\\\"].module.inner[0]\""))
    }
}
