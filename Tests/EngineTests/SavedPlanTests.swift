import Engine
import Foundation
import JSON
import Testing
import Values

/// Saved plans without the oracle: the value codec keeps unknowns and
/// sensitive marks, and a plan is refused where it does not fit.
@Suite("Saved plan files")
struct SavedPlanTests {
    @Test func valueCodecKeepsUnknownsAndMarks() throws {
        let inner = Value.object(["a": .unknown(.string), "b": .string("x").marked(.sensitive), "c": .list([.int(1), .unknown(.number)])])
        let v = Value.object(["id": .unknown(.string), "input": inner, "none": .null(.string)])
        let back = try #require(PlanValueCodec.decode(PlanValueCodec.encode(v)))
        let attrs = try #require(back.attributes)
        #expect(attrs["id"]?.isKnown == false)
        #expect(attrs["none"]?.isNull == true)
        let i = try #require(attrs["input"]?.attributes)
        #expect(i["a"]?.isKnown == false)
        #expect(i["b"]?.isSensitive == true)
        #expect(i["b"]?.unmarked().0.stringValue == "x")
        #expect(i["c"]?.elements?.first?.rawEquals(.int(1)) == true)
        #expect(i["c"]?.elements?.last?.isKnown == false)
        // The JSON plan views of the same value.
        #expect(PlanJSONValues.unknownAsBool(back).compactString == #"{"id":true,"input":{"a":true,"c":[false,true]}}"#)
        #expect(PlanJSONValues.knownPart(back)?.compactString == #"{"input":{"b":"x","c":[1,null]},"none":null}"#)
        #expect(PlanJSONValues.sensitiveAsBool(back).compactString == #"{"input":{"b":true,"c":[false,false]}}"#)
    }

    @Test func planFromAnotherConfigurationIsRefused() {
        let dir = Tools.tempDirectory("saved")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"one\"\n}\n"], in: dir)
        let plan = Tools.terraswift(["plan", "-no-color", "-out=p"], in: dir)
        #expect(plan.code == 0, "\(plan)")
        #expect(plan.out.contains("Saved the plan to: p"))
        Tools.write(["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"two\"\n}\n"], in: dir)
        let apply = Tools.terraswift(["apply", "-no-color", "p"], in: dir)
        #expect(apply.code == 1)
        #expect(apply.err.contains("Saved plan does not match the configuration"), "\(apply)")
        #expect(apply.err.contains("- main.tf"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/terraform.tfstate"), "nothing may be applied")
    }

    @Test func savedPlanAppliesWhatWasShownAndHidesNothingFromJSON() throws {
        let dir = Tools.tempDirectory("saved")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": """
        variable "s" {
          default   = "hush"
          sensitive = true
        }
        resource "terraform_data" "a" {
          count = 2
          input = var.s
        }
        """], in: dir)
        #expect(Tools.terraswift(["plan", "-no-color", "-out=p"], in: dir).code == 0)
        // Plans hold secrets: the file is private to its owner.
        let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/p")
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let shown = Tools.terraswift(["show", "-json", "p"], in: dir)
        #expect(shown.code == 0)
        let doc = try JSON.parse(shown.out)
        let actions = (doc["resource_changes"]?.arrayValue ?? []).map { $0["change"]?["actions"]?.compactString ?? "" }
        #expect(actions == [#"["create"]"#, #"["create"]"#])
        #expect(doc["resource_changes"]?.arrayValue?.first?["change"]?["after_sensitive"]?.compactString == #"{"input":true}"#)
        let human = Tools.terraswift(["show", "-no-color", "p"], in: dir)
        #expect(!human.out.contains("hush"))
        let apply = Tools.terraswift(["apply", "-no-color", "p"], in: dir)
        #expect(apply.code == 0, "\(apply)")
        #expect(apply.out.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed."))
        let again = Tools.terraswift(["apply", "-no-color", "p"], in: dir)
        #expect(again.code == 1)
        #expect(again.err.contains("Saved plan is stale"))
    }

    @Test func notAPlanFile() {
        let dir = Tools.tempDirectory("saved")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["main.tf": "resource \"terraform_data\" \"a\" {}\n", "p": "{\"format\":\"terraswift-plan\",\"format_version\":99}"], in: dir)
        let r = Tools.terraswift(["apply", "-no-color", "p"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("Failed to read plan from plan file"), "\(r)")
        let missing = Tools.terraswift(["apply", "-no-color", "nothere"], in: dir)
        #expect(missing.code == 1)
        #expect(missing.err.contains("Failed to load \"nothere\" as a plan file"), "\(missing)")
        #expect(missing.err.contains("Error: stat nothere: no such file or directory"), "\(missing)")
    }
}
