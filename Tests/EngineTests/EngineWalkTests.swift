import Foundation
import JSON
import State
import Testing

/// The engine through the CLI, in-process, without terraform: state written,
/// ordering, errors.
@Suite struct EngineWalkTests {
    func run(_ main: String, _ steps: [[String]]) -> (String, [RunResult]) {
        let dir = Tools.tempDirectory("walk")
        Tools.write(["main.tf": main], in: dir)
        return (dir, steps.map { Tools.terraswift($0, in: dir) })
    }

    @Test func applyWritesTerraformStateShape() throws {
        let (dir, results) = run("""
        resource "terraform_data" "a" {
          input = "hello"
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        output "o" {
          value = terraform_data.b.output
        }
        """, [Scenario.apply])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 0, "\(results[0])")
        let doc = try JSON.parse(Array(Tools.read(dir + "/terraform.tfstate").utf8))
        #expect(doc["version"] == .number("4"))
        // One write per resource and one for the outputs.
        #expect(doc["serial"] == .number("3"))
        #expect(doc["outputs"]?["o"]?["value"] == .string("hello"))
        let resources = doc["resources"]?.arrayValue ?? []
        #expect(resources.count == 2)
        let b = resources.first { $0["name"] == .string("b") }
        #expect(b?["provider"] == .string("provider[\"terraform.io/builtin/terraform\"]"))
        let inst = b?["instances"]?.arrayValue?.first
        #expect(inst?["attributes"]?["input"] == .object([JSONMember(key: "value", value: .string("hello")), JSONMember(key: "type", value: .string("string"))]))
        #expect(inst?["dependencies"] == .array([.string("terraform_data.a")]))
        #expect(results[0].out.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n\nOutputs:\n\no = \"hello\"\n"))
    }

    @Test func secondPlanHasNoChanges() {
        let (dir, results) = run("""
        resource "terraform_data" "a" {
          for_each = { x = 1 }
          input    = each.value
        }
        """, [Scenario.apply, ["plan", "-no-color", "-detailed-exitcode"]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[1].code == 0)
        #expect(results[1].out.contains("No changes. Your infrastructure matches the configuration."))
    }

    @Test func cycleIsAnError() {
        let (dir, results) = run("""
        resource "terraform_data" "a" {
          input = terraform_data.b.output
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        """, [Scenario.plan])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 1)
        #expect(results[0].err.contains("Cycle: terraform_data.a, terraform_data.b"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/terraform.tfstate"))
    }

    @Test func unknownCountIsAnError() {
        let (dir, results) = run("""
        resource "terraform_data" "a" {
          input = 2
        }
        resource "terraform_data" "b" {
          count = terraform_data.a.output
        }
        """, [Scenario.plan])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 1)
        #expect(results[0].err.contains("Invalid count argument"))
    }

    @Test func unsupportedArgumentIsAnError() {
        let (dir, results) = run("""
        resource "terraform_data" "a" {
          nope = 1
        }
        """, [Scenario.plan])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 1)
        #expect(results[0].err.contains("Unsupported argument"))
    }

    @Test func detailedExitCodeReportsChanges() {
        let (dir, results) = run("resource \"terraform_data\" \"a\" {}\n", [["plan", "-no-color", "-detailed-exitcode"]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 2)
    }

    @Test func declinedApprovalChangesNothing() {
        let dir = Tools.tempDirectory("walk")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": "resource \"terraform_data\" \"a\" {}\n"], in: dir)
        let r = Tools.terraswift(["apply", "-no-color"], in: dir, input: ["no"])
        #expect(r.code == 1)
        #expect(r.out.contains("Apply cancelled."))
        #expect(!FileManager.default.fileExists(atPath: dir + "/terraform.tfstate"))
    }

    @Test func missingVariableIsAnError() {
        let (dir, results) = run("""
        variable "v" {}
        resource "terraform_data" "a" {
          input = var.v
        }
        """, [Scenario.plan])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(results[0].code == 1)
        #expect(results[0].err.contains("No value for required variable"))
    }
}
