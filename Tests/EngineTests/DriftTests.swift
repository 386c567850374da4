import Config
import Engine
import Foundation
import JSON
import ProviderTerraform
import Testing
import Values

/// "Objects have changed outside of Terraform": terraform cannot run
/// hashicorp/local offline, so the local_file cases compare with text written
/// out by hand from terraform 1.11's renderer (jsonformat/plan.go
/// renderHumanDiffDrift, diff.go precomputeDiffs, differ/block.go: attributes
/// outside relevant_attributes count as unchanged; null on both sides is not
/// listed). The terraform_data case runs terraform itself: its refresh returns
/// the stored object, so a hand-edited state shows no drift in either tool.
@Suite("Drift")
struct DriftTests {
    static let sha1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"

    /// Every attribute local_file records for content "hello", as the deleted object renders.
    static let deletedHello = """
      - resource "local_file" "a" {
          - content              = "hello" -> null
          - content_base64sha256 = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=" -> null
          - content_base64sha512 = "m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==" -> null
          - content_md5          = "5d41402abc4b2a76b9719d911017c592" -> null
          - content_sha1         = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d" -> null
          - content_sha256       = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" -> null
          - content_sha512       = "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043" -> null
          - directory_permission = "0777" -> null
          - file_permission      = "0777" -> null
          - filename             = "a.txt" -> null
          - id                   = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d" -> null
        }

    """

    static let noOutNote = """

    ─────────────────────────────────────────────────────────────────────────────

    Note: You didn't use the -out option to save this plan, so Terraform can't
    guarantee to take exactly these actions if you run "terraform apply" now.

    """

    /// Applies `config`, then deletes a.txt behind terraswift's back.
    static func appliedThenDeleted(_ config: String, label: String) -> String {
        let dir = Tools.tempDirectory(label)
        Tools.write(["main.tf": config], in: dir)
        let applied = Tools.terraswift(["apply", "-auto-approve", "-no-color"], in: dir)
        #expect(applied.code == 0, "\(applied)")
        try? FileManager.default.removeItem(atPath: dir + "/a.txt")
        return dir
    }

    static let lone = """
    resource "local_file" "a" {
      filename = "a.txt"
      content  = "hello"
    }
    """

    @Test func refreshOnlyPlanShowsTheDeletedObject() {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-ro")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-refresh-only", "-no-color", "-detailed-exitcode"], in: dir)
        let expected = "local_file.a: Refreshing state... [id=\(Self.sha1)]\n" + """

        Note: Objects have changed outside of Terraform

        Terraform detected the following changes made outside of Terraform since the
        last "terraform apply" which may have affected this plan:

          # local_file.a has been deleted

        """ + Self.deletedHello + """


        This is a refresh-only plan, so Terraform will not take any actions to undo
        these. If you were expecting these changes then you can apply this plan to
        record the updated values in the Terraform state without changing any remote
        objects.

        """ + Self.noOutNote
        #expect(r.out == expected)
        // A refresh-only plan with drift is applyable: -detailed-exitcode says "changes".
        #expect(r.code == 2, "\(r)")
        #expect(r.err == "")
    }

    /// Colour as terraform's colorstring writes it (each Color() call ends in a reset, which lands on the next line).
    @Test func refreshOnlyPlanInColour() {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-color")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-refresh-only"], in: dir)
        let esc = "\u{1B}["
        #expect(r.out.contains("\n\(esc)1m\(esc)36mNote:\(esc)0m\(esc)1m Objects have changed outside of Terraform\n\(esc)0m\nTerraform detected"), "\(r.out)")
        #expect(r.out.contains("\(esc)1m  # local_file.a\(esc)0m has been deleted\n\(esc)0m  \(esc)31m-\(esc)0m\(esc)0m resource \"local_file\" \"a\" {\n"), "\(r.out)")
    }

    @Test func normalPlanHidesDriftNothingDependsOn() {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-plain")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-no-color"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(!r.out.contains("Objects have changed outside of Terraform"), "\(r.out)")
        #expect(r.out.contains("  # local_file.a will be created\n"), "\(r.out)")
        #expect(r.out.contains("Plan: 1 to add, 0 to change, 0 to destroy."), "\(r.out)")
    }

    static let referenced = """
    resource "local_file" "a" {
      filename = "a.txt"
      content  = "hello"
    }

    resource "terraform_data" "b" {
      input = local_file.a.id
    }
    """

    @Test func normalPlanShowsOnlyTheRelevantAttributes() {
        let dir = Self.appliedThenDeleted(Self.referenced, label: "drift-rel")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-no-color"], in: dir)
        #expect(r.code == 0, "\(r)")
        let drift = """

        Note: Objects have changed outside of Terraform

        Terraform detected the following changes made outside of Terraform since the
        last "terraform apply" which may have affected this plan:

          # local_file.a has been deleted
          - resource "local_file" "a" {
              - id                   = "\(Self.sha1)" -> null
                # (10 unchanged attributes hidden)
            }


        Unless you have made equivalent changes to your configuration, or ignored the
        relevant attributes using ignore_changes, the following plan may include
        actions to undo or respond to these changes.

        ─────────────────────────────────────────────────────────────────────────────

        Terraform used the selected providers to generate the following execution
        plan. Resource actions are indicated with the following symbols:
          + create
          ~ update in-place

        """
        let body = Normalise.split(r.out).body
        #expect(body.hasPrefix(drift), "\(body)")
        #expect(body.contains("  # terraform_data.b will be updated in-place\n"), "\(body)")
        #expect(body.contains("Plan: 1 to add, 1 to change, 0 to destroy."), "\(body)")
    }

    @Test func savedPlanCarriesDriftIntoShowJSON() throws {
        let dir = Self.appliedThenDeleted(Self.referenced, label: "drift-json")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-no-color", "-out=p.tfplan"], in: dir)
        #expect(r.code == 0, "\(r)")
        let shown = Tools.terraswift(["show", "-json", "p.tfplan"], in: dir)
        #expect(shown.code == 0, "\(shown)")
        let doc = try JSON.parse(Array(shown.out.utf8))
        let drift = try #require(doc["resource_drift"]?.arrayValue)
        #expect(drift.count == 1)
        #expect(drift.first?["address"]?.stringValue == "local_file.a")
        #expect(drift.first?["change"]?["actions"]?.arrayValue?.compactMap(\.stringValue) == ["delete"])
        #expect(drift.first?["change"]?["before"]?["content"]?.stringValue == "hello")
        #expect(drift.first?["change"]?["after"]?.isNull == true)
        let relevant = try #require(doc["relevant_attributes"]?.arrayValue)
        #expect(relevant.contains { $0["resource"]?.stringValue == "local_file.a" && $0["attribute"]?.arrayValue?.first?.stringValue == "id" })
        // The prior state is the refreshed one: the deleted file is no longer in it.
        let priorResources = doc["prior_state"]?["values"]?["root_module"]?["resources"]?.arrayValue ?? []
        #expect(!priorResources.contains { $0["address"]?.stringValue == "local_file.a" }, "\(shown.out)")
        // `show PLANFILE` renders the same drift section as the plan did.
        let human = Tools.terraswift(["show", "-no-color", "p.tfplan"], in: dir)
        let planned = Normalise.split(r.out).body
        #expect(human.out.hasPrefix("\nNote: Objects have changed outside of Terraform\n"), "\(human.out)")
        #expect(planned.hasPrefix(human.out.components(separatedBy: "Terraform will perform").first ?? "?"), "\(human.out)\n---\n\(planned)")
        // Keys in terraform's order: resource_drift between planned_values and resource_changes.
        let keys = doc.objectValue?.map(\.key) ?? []
        #expect(keys.firstIndex(of: "resource_drift").map { $0 == (keys.firstIndex(of: "planned_values") ?? -2) + 1 } == true, "\(keys)")
    }

    @Test func planJSONStreamsResourceDrift() throws {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-stream")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["plan", "-refresh-only", "-json"], in: dir)
        #expect(r.code == 0, "\(r)")
        let lines = try r.out.split(separator: "\n").map { try JSON.parse(Array($0.utf8)) }
        let types = lines.compactMap { $0["type"]?.stringValue }
        #expect(types == ["version", "refresh_start", "refresh_complete", "resource_drift", "change_summary"], "\(types)")
        let drift = try #require(lines.first { $0["type"]?.stringValue == "resource_drift" })
        #expect(drift["@message"]?.stringValue == "local_file.a: Drift detected (delete)")
        #expect(drift["change"]?["action"]?.stringValue == "delete")
        #expect(drift["change"]?["resource"]?["addr"]?.stringValue == "local_file.a")
    }

    @Test func refreshOnlyApplyForgetsTheDeletedObject() {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-apply")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let declined = Tools.terraswift(["apply", "-refresh-only", "-no-color"], in: dir, input: ["no"])
        #expect(declined.out.contains("Would you like to update the Terraform state to reflect these detected changes?\n  Terraform will write these changes to the state without modifying any real infrastructure.\n  There is no undo. Only 'yes' will be accepted to confirm.\n"), "\(declined.out)")
        #expect(Tools.terraswift(["state", "list"], in: dir).out == "local_file.a\n")
        let r = Tools.terraswift(["apply", "-refresh-only", "-auto-approve", "-no-color"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(r.out.hasSuffix("\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n"), "\(r.out)")
        #expect(Tools.terraswift(["state", "list"], in: dir).out == "")
        // Nothing left to refresh: the next refresh-only plan finds no changes.
        let again = Tools.terraswift(["plan", "-refresh-only", "-no-color"], in: dir)
        #expect(again.out.contains("No changes. Your infrastructure still matches the configuration."), "\(again.out)")
    }

    @Test func savedRefreshOnlyPlanAppliesTheRefreshedState() throws {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-saved-ro")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planned = Tools.terraswift(["plan", "-refresh-only", "-no-color", "-out=ro.tfplan"], in: dir)
        #expect(planned.code == 0, "\(planned)")
        let shown = Tools.terraswift(["show", "-json", "ro.tfplan"], in: dir)
        let doc = try JSON.parse(Array(shown.out.utf8))
        #expect(doc["applyable"]?.boolValue == true)
        #expect(doc["resource_changes"] == nil, "\(shown.out)")
        #expect(doc["resource_drift"]?.arrayValue?.count == 1)
        let applied = Tools.terraswift(["apply", "-no-color", "ro.tfplan"], in: dir)
        #expect(applied.code == 0, "\(applied)")
        #expect(Tools.terraswift(["state", "list"], in: dir).out == "")
    }

    @Test func destroyAfterDeletionForgetsTheObjectWithoutDrift() {
        let dir = Self.appliedThenDeleted(Self.lone, label: "drift-destroy")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = Tools.terraswift(["destroy", "-auto-approve", "-no-color"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(!r.out.contains("Objects have changed"), "\(r.out)")
        #expect(Tools.terraswift(["state", "list"], in: dir).out == "")
    }

    /// A `moved` block is drift of action no-op: a refresh-only plan lists it ("has moved to",
    /// `Drift detected (move)`, `resource_drift` with previous_address) but is not applyable for it.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func movedObjectIsRefreshOnlyDriftAsTerraformShowsIt() throws {
        var outputs: [String: [String]] = [:]
        for tool in ["terraform", "terraswift"] {
            let dir = Tools.tempDirectory("drift-moved-\(tool)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let run: ([String]) -> RunResult = { args in
                tool == "terraform" ? Tools.terraform(args, in: dir) : Tools.terraswift(args, in: dir)
            }
            Tools.write(["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"], in: dir)
            #expect(run(["apply", "-auto-approve", "-no-color"]).code == 0)
            Tools.write(["main.tf": "resource \"terraform_data\" \"b\" {\n  input = \"x\"\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n"], in: dir)
            let plan = run(["plan", "-refresh-only", "-no-color", "-detailed-exitcode"])
            let stream = run(["plan", "-refresh-only", "-json"]).out.split(separator: "\n").map { line -> String in
                guard let re = try? NSRegularExpression(pattern: "\"@timestamp\":\"[^\"]*\"") else { return String(line) }
                let l = String(line)
                return re.stringByReplacingMatches(in: l, range: NSRange(l.startIndex..., in: l), withTemplate: "")
            }.joined(separator: "\n")
            _ = run(["plan", "-refresh-only", "-out=p.tfplan"])
            let shown = try JSON.parse(Array(run(["show", "-json", "p.tfplan"]).out.utf8))
            let drift = shown["resource_drift"]?.compactString ?? "none"
            outputs[tool] = [Normalise.ids(plan.out), "\(plan.code)", Normalise.ids(stream), Normalise.ids(drift), "\(shown["applyable"]?.boolValue ?? true)"]
        }
        #expect(outputs["terraswift"] == outputs["terraform"])
        #expect(outputs["terraform"]?[0].contains("  # terraform_data.a has moved to terraform_data.b\n") == true)
    }

    /// terraform_data's refresh returns what state holds, so editing state by hand is no drift:
    /// both tools plan the same update and a refresh-only plan finds nothing.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func handEditedTerraformDataStateIsNoDrift() throws {
        let config = """
        resource "terraform_data" "a" {
          input = "one"
        }

        output "o" {
          value = terraform_data.a.output
        }
        """
        var outputs: [String: [String]] = [:]
        for tool in ["terraform", "terraswift"] {
            let dir = Tools.tempDirectory("drift-td-\(tool)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            Tools.write(["main.tf": config], in: dir)
            let run: ([String]) -> RunResult = { args in
                tool == "terraform" ? Tools.terraform(args, in: dir) : Tools.terraswift(args, in: dir)
            }
            #expect(run(["apply", "-auto-approve", "-no-color"]).code == 0)
            let state = Tools.read(dir + "/terraform.tfstate").replacingOccurrences(of: "\"one\"", with: "\"two\"")
            Tools.write(["terraform.tfstate": state], in: dir)
            let plan = run(["plan", "-no-color"])
            let refreshOnly = run(["plan", "-refresh-only", "-no-color"])
            let json = run(["plan", "-refresh-only", "-json"])
            let types = json.out.split(separator: "\n").compactMap { try? JSON.parse(Array($0.utf8))["type"]?.stringValue }
            outputs[tool] = [Normalise.ids(plan.out), "\(plan.code)", Normalise.ids(refreshOnly.out), "\(refreshOnly.code)", types.joined(separator: ",")]
        }
        #expect(outputs["terraswift"] == outputs["terraform"])
        #expect(outputs["terraform"]?[2].contains("No changes. Your infrastructure still matches the configuration.") == true)
    }
}

/// Drift of action update cannot come from the built-in providers (their reads return what state
/// holds), so the renderer's relevance filter is checked on a plan built here: in a normal plan an
/// attribute nothing depends on counts as unchanged (differ/block.go marks it AsNoOp), `id` is
/// always listed, and drift no change depends on is left out; a refresh-only plan shows it all.
@Suite("Drift relevance")
struct DriftRelevanceTests {
    static func change(_ addr: String, _ action: ChangeAction, before: [String: String], after: [String: String]) throws -> PlannedChange {
        let schema = try #require(TerraformProvider().schema().resources["terraform_data"])
        let address = try #require(AddressParser.parseAbsResourceInstance(addr).0)
        func object(_ attrs: [String: String]) -> Value {
            var values: [String: Value] = ["triggers_replace": .dynamicNull]
            for (k, v) in attrs { values[k] = .string(v) }
            return schema.block.object(values)
        }
        return PlannedChange(address: address, action: action, before: object(before), after: object(after),
                             providerAddress: "provider[\"terraform.io/builtin/terraform\"]", providerSource: TerraformProvider.source, schema: schema)
    }

    static func plan(refreshOnly: Bool) throws -> Plan {
        let drifted = try change("terraform_data.a", .update, before: ["id": "x", "input": "a", "output": "a"],
                                 after: ["id": "x", "input": "b", "output": "b"])
        let planned = try change("terraform_data.b", .update, before: ["id": "y", "input": "a", "output": "a"],
                                 after: ["id": "y", "input": "b", "output": "b"])
        var plan = Plan(changes: refreshOnly ? [] : [planned], outputChanges: [], priorState: nil, isDestroy: false)
        plan.drift = [drifted]
        plan.isRefreshOnly = refreshOnly
        return plan
    }

    @Test func normalPlanShowsOnlyTheRelevantAttribute() throws {
        let text = PlanRenderer.render(try Self.plan(refreshOnly: false),
                                       relevant: [RelevantAttribute(resource: "terraform_data.a", path: .attribute("input"))])
        let expected = """

        Note: Objects have changed outside of Terraform

        Terraform detected the following changes made outside of Terraform since the
        last "terraform apply" which may have affected this plan:

          # terraform_data.a has changed
          ~ resource "terraform_data" "a" {
                id     = "x"
              ~ input  = "a" -> "b"
                # (1 unchanged attribute hidden)
            }


        Unless you have made equivalent changes to your configuration, or ignored the
        relevant attributes using ignore_changes, the following plan may include
        actions to undo or respond to these changes.

        ─────────────────────────────────────────────────────────────────────────────

        Terraform used the selected providers
        """
        #expect(text.hasPrefix(expected), "\(text)")
    }

    @Test func driftNothingDependsOnIsLeftOut() throws {
        let plan = try Self.plan(refreshOnly: false)
        #expect(PlanRenderer.shownDrift(plan, relevant: []).isEmpty)
        #expect(PlanRenderer.shownDrift(plan, relevant: [RelevantAttribute(resource: "terraform_data.b", path: .attribute("input"))]).isEmpty)
        // Relevant only through an attribute the drift left alone: nothing to show either.
        var same = plan
        same.drift[0].after = try Self.change("terraform_data.a", .update, before: [:], after: ["id": "x", "input": "a", "output": "b"]).after
        #expect(PlanRenderer.shownDrift(same, relevant: [RelevantAttribute(resource: "terraform_data.a", path: .attribute("input"))]).isEmpty)
        // The whole object referred to: everything shows.
        let whole = PlanRenderer.shownDrift(plan, relevant: [RelevantAttribute(resource: "terraform_data.a", path: AttributePath())])
        #expect(whole.first?.after.attributes?["output"]?.stringValue == "b")
    }

    @Test func refreshOnlyPlanShowsEveryChangedAttribute() throws {
        let text = PlanRenderer.render(try Self.plan(refreshOnly: true), relevant: [])
        #expect(text.contains("""
          # terraform_data.a has changed
          ~ resource "terraform_data" "a" {
                id     = "x"
              ~ input  = "a" -> "b"
              ~ output = "a" -> "b"
            }

        """), "\(text)")
        #expect(text.hasSuffix("record the updated values in the Terraform state without changing any remote\nobjects.\n"), "\(text)")
    }
}
