import Foundation
import JSON
import Testing

/// random, null and local end to end through the CLI (in-process): the state file
/// terraform's providers would leave, a second plan with no changes, replacement
/// when keepers/triggers change, and a local file recreated after it vanished.
@Suite struct NativeProviderCLITests {
    static let main = """
    terraform {
      required_providers {
        random = {
          source = "hashicorp/random"
        }
      }
    }

    variable "k" {
      default = "1"
    }

    resource "random_string" "s" {
      length  = 12
      special = false
      keepers = {
        k = var.k
      }
    }

    resource "random_password" "pw" {
      length = 20
    }

    resource "random_pet" "p" {}

    resource "random_integer" "i" {
      min = 1
      max = 6
    }

    resource "null_resource" "n" {
      triggers = {
        k = var.k
      }
    }

    resource "local_file" "f" {
      filename = "${path.module}/out/pet.txt"
      content  = random_pet.p.id
    }

    output "pet" {
      value = random_pet.p.id
    }
    """

    func instance(_ doc: JSONValue, _ type: String, _ name: String) -> JSONValue? {
        let r = (doc["resources"]?.arrayValue ?? []).first { $0["type"] == .string(type) && $0["name"] == .string(name) }
        return r?["instances"]?.arrayValue?.first
    }

    func resource(_ doc: JSONValue, _ type: String) -> JSONValue? {
        (doc["resources"]?.arrayValue ?? []).first { $0["type"] == .string(type) }
    }

    @Test func applyNoOpReplaceAndDrift() throws {
        let dir = Tools.tempDirectory("native")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": Self.main], in: dir)

        let first = Tools.terraswift(Scenario.apply, in: dir)
        #expect(first.code == 0, "\(first)")
        #expect(first.out.contains("Apply complete! Resources: 6 added, 0 changed, 0 destroyed."))
        // The password never appears in output.
        let doc = try JSON.parse(Array(Tools.read(dir + "/terraform.tfstate").utf8))
        let pw = try #require(instance(doc, "random_password", "pw"))
        let secret = try #require(pw["attributes"]?["result"]?.stringValue)
        #expect(!first.out.contains(secret) && !first.err.contains(secret))
        // terraform 1.11 records schema-sensitive attributes in sensitive_attributes.
        func getAttr(_ n: String) -> JSONValue {
            .array([.object([JSONMember(key: "type", value: .string("get_attr")), JSONMember(key: "value", value: .string(n))])])
        }
        let marked = pw["sensitive_attributes"]?.arrayValue ?? []
        #expect(marked.contains(getAttr("result")) && marked.contains(getAttr("bcrypt_hash")), "\(marked)")

        // State shape as the real providers leave it.
        #expect(resource(doc, "random_string")?["provider"] == .string("provider[\"registry.terraform.io/hashicorp/random\"]"))
        #expect(resource(doc, "null_resource")?["provider"] == .string("provider[\"registry.terraform.io/hashicorp/null\"]"))
        #expect(resource(doc, "local_file")?["provider"] == .string("provider[\"registry.terraform.io/hashicorp/local\"]"))
        let s = try #require(instance(doc, "random_string", "s"))
        #expect(s["schema_version"] == .number("2"))
        #expect(pw["schema_version"] == .number("3"))
        let sAttrs = s["attributes"]?.objectValue?.map(\.key) ?? []
        #expect(sAttrs == ["id", "keepers", "length", "lower", "min_lower", "min_numeric", "min_special", "min_upper",
                           "number", "numeric", "override_special", "result", "special", "upper"])
        #expect(s["attributes"]?["special"] == .bool(false))
        #expect(s["attributes"]?["min_upper"] == .number("0"))
        #expect(s["attributes"]?["override_special"] == .null)
        #expect(s["attributes"]?["keepers"] == .object([JSONMember(key: "k", value: .string("1"))]))
        let result = try #require(s["attributes"]?["result"]?.stringValue)
        #expect(result.count == 12 && s["attributes"]?["id"] == .string(result))
        let pet = try #require(instance(doc, "random_pet", "p")?["attributes"]?["id"]?.stringValue)
        #expect(Tools.read(dir + "/out/pet.txt") == pet)
        let file = try #require(instance(doc, "local_file", "f"))
        #expect(file["attributes"]?["filename"] == .string("./out/pet.txt"))
        #expect(file["attributes"]?["file_permission"] == .string("0777"))
        #expect(file["dependencies"] == .array([.string("random_pet.p")]))
        #expect(first.out.contains("pet = \"\(pet)\""))

        let again = Tools.terraswift(["plan", "-no-color", "-detailed-exitcode"], in: dir)
        #expect(again.code == 0, "\(again)")
        #expect(again.out.contains("No changes. Your infrastructure matches the configuration."))

        let changed = Tools.terraswift(["plan", "-no-color", "-var", "k=2"], in: dir)
        #expect(changed.code == 0, "\(changed)")
        #expect(changed.out.contains("# random_string.s must be replaced"))
        #expect(changed.out.contains("# null_resource.n must be replaced"))
        #expect(changed.out.contains("Plan: 2 to add, 0 to change, 2 to destroy."))

        let replaced = Tools.terraswift(Scenario.apply + ["-var", "k=2"], in: dir)
        #expect(replaced.code == 0, "\(replaced)")
        let doc2 = try JSON.parse(Array(Tools.read(dir + "/terraform.tfstate").utf8))
        #expect(instance(doc2, "random_string", "s")?["attributes"]?["result"]?.stringValue != result)
        #expect(instance(doc2, "random_pet", "p")?["attributes"]?["id"]?.stringValue == pet)

        // The file vanished outside terraform: planned again as a creation.
        try FileManager.default.removeItem(atPath: dir + "/out/pet.txt")
        let drift = Tools.terraswift(["plan", "-no-color", "-var", "k=2"], in: dir)
        #expect(drift.out.contains("# local_file.f will be created"), "\(drift)")
        #expect(drift.out.contains("Plan: 1 to add, 0 to change, 0 to destroy."))

        let destroyed = Tools.terraswift(["destroy", "-auto-approve", "-no-color", "-var", "k=2"], in: dir)
        #expect(destroyed.code == 0, "\(destroyed)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/pet.txt"))
    }

    @Test func implicitProviderAndValidationError() {
        let dir = Tools.tempDirectory("native")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": """
        resource "random_string" "s" {
          length = 0
        }
        """], in: dir)
        let r = Tools.terraswift(["plan", "-no-color"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("Invalid Attribute Value"), "\(r)")
        #expect(r.err.contains("Attribute length value must be at least 1, got: 0"))
    }

    @Test func sensitiveFileContentIsHiddenInPlans() {
        let dir = Tools.tempDirectory("native")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": """
        resource "local_sensitive_file" "f" {
          filename = "secret.txt"
          content  = "hunter2-in-plain-config"
        }
        """], in: dir)
        let plan = Tools.terraswift(["plan", "-no-color"], in: dir)
        #expect(plan.code == 0, "\(plan)")
        #expect(!plan.out.contains("hunter2"))
        #expect(plan.out.contains("+ content              = (sensitive value)"), "\(plan.out)")
        let apply = Tools.terraswift(Scenario.apply, in: dir)
        #expect(apply.code == 0 && !apply.out.contains("hunter2"))
        #expect(Tools.read(dir + "/secret.txt") == "hunter2-in-plain-config")
        let again = Tools.terraswift(["plan", "-no-color", "-detailed-exitcode"], in: dir)
        #expect(again.code == 0, "\(again)")
    }

    /// A state written by random v3.1 (random_string at schema version 1, no `numeric`)
    /// is upgraded on read and plans no change against a matching configuration.
    @Test func olderRandomStringStateIsUpgraded() throws {
        let dir = Tools.tempDirectory("native")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": """
        resource "random_string" "s" {
          length  = 6
          special = false
        }
        """, "terraform.tfstate": """
        {
          "version": 4,
          "terraform_version": "1.3.0",
          "serial": 1,
          "lineage": "0b7e7c1e-0000-4000-8000-000000000001",
          "outputs": {},
          "resources": [
            {
              "mode": "managed",
              "type": "random_string",
              "name": "s",
              "provider": "provider[\\"registry.terraform.io/hashicorp/random\\"]",
              "instances": [
                {
                  "schema_version": 1,
                  "attributes": {
                    "id": "abc123", "keepers": null, "length": 6, "lower": true, "min_lower": 0, "min_numeric": 0,
                    "min_special": 0, "min_upper": 0, "number": true, "override_special": null, "result": "abc123",
                    "special": false, "upper": true
                  },
                  "sensitive_attributes": []
                }
              ]
            }
          ],
          "check_results": null
        }
        """], in: dir)
        let plan = Tools.terraswift(["plan", "-no-color", "-detailed-exitcode"], in: dir)
        #expect(plan.code == 0, "\(plan)")
        #expect(plan.out.contains("No changes."))
    }
}
