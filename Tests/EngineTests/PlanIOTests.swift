import Foundation
import JSON
import Testing

/// Saved plans, `show PLANFILE`, the JSON plan and the `-json` UI streams,
/// run through terraform and terraswift in twin directories. Plan files are
/// each tool's own (terraswift's is not terraform's zip), so every step reads
/// the file its own tool wrote.
struct PlanIOScenario: Sendable, CustomStringConvertible {
    enum Compare: Sendable {
        /// stdout/stderr text, ids normalised, progress lines compared as a sorted list.
        case text
        /// One JSON document; ids and the timestamp normalised.
        case json
        /// A `-json` UI stream; ids and timestamps normalised, progress lines compared as a sorted list.
        case jsonLines
    }

    struct Step: Sendable {
        var files: [String: String] = [:]
        var remove: [String] = []
        var args: [String]
        var compare: Compare = .text
    }

    var name: String
    var steps: [Step]
    var description: String { name }
}

enum PlanIONormalise {
    static func replace(_ s: String, _ pattern: String, _ template: String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
    }

    static func elapsed(_ s: String) -> String {
        replace(replace(s, "after [0-9]+s", "after Ns"), "\"elapsed_seconds\":[0-9]+", "\"elapsed_seconds\":N")
    }

    static func json(_ s: String) -> String {
        let text = replace(Normalise.ids(s), "\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"<ts>\"")
        // terraform's relevant_attributes order follows Go map iteration (its sort compares another slice): compared as a set.
        guard case .object(var members)? = try? JSON.parse(text),
              let i = members.firstIndex(where: { $0.key == "relevant_attributes" }), let items = members[i].value.arrayValue else { return text }
        members[i].value = .array(items.sorted { $0.compactString < $1.compactString })
        return JSONValue.object(members).compactString + "\n"
    }

    static let progressTypes = ["\"type\":\"planned_change\"", "\"type\":\"refresh_start\"", "\"type\":\"refresh_complete\"",
                                "\"type\":\"apply_start\"", "\"type\":\"apply_complete\"", "\"type\":\"apply_progress\""]

    /// The stream with timestamps and ids normalised: ordered lines, and the progress lines (order varies in terraform) sorted.
    static func lines(_ s: String) -> (ordered: [String], progress: [String]) {
        var ordered: [String] = [], progress: [String] = []
        for line in s.split(separator: "\n") {
            let n = elapsed(replace(Normalise.ids(String(line)), "\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"<ts>\""))
            if progressTypes.contains(where: { n.contains($0) }) { progress.append(n) } else { ordered.append(n) }
        }
        return (ordered, progress.sorted())
    }

    /// Every line of a stream is one JSON object with terraform's four leading members.
    static func wellFormed(_ s: String) -> Bool {
        s.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"@level\":\"") && $0.contains("\"@module\":\"terraform.ui\",\"@timestamp\":\"") }
    }
}

@Suite("Saved plans, JSON plan and -json streams against terraform", .serialized)
struct PlanIOTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); plan I/O differential scenarios need the oracle")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: PlanIOScenario.all)
    func scenario(_ s: PlanIOScenario) {
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        for (i, step) in s.steps.enumerated() {
            Tools.write(step.files, in: tfDir)
            Tools.write(step.files, in: tsDir)
            for name in step.remove {
                try? FileManager.default.removeItem(atPath: tfDir + "/" + name)
                try? FileManager.default.removeItem(atPath: tsDir + "/" + name)
            }
            let tf = Tools.terraform(step.args, in: tfDir)
            let ts = Tools.terraswift(step.args, in: tsDir)
            let label = "\(s.name) step \(i + 1): \(step.args.joined(separator: " "))"
            #expect(ts.code == tf.code, "\(label): exit code\nterraform: \(tf)\nterraswift: \(ts)")
            switch step.compare {
            case .text:
                var a = Normalise.split(tf.out), b = Normalise.split(ts.out)
                // Elapsed seconds depend on the machine's load.
                a.progress = a.progress.map(PlanIONormalise.elapsed)
                b.progress = b.progress.map(PlanIONormalise.elapsed)
                #expect(b.body == a.body, "\(label): output\n--- terraform\n\(a.body)\n--- terraswift\n\(b.body)")
                #expect(b.progress == a.progress, "\(label): progress lines\n--- terraform\n\(a.progress.joined(separator: "\n"))\n--- terraswift\n\(b.progress.joined(separator: "\n"))")
            case .json:
                let a = PlanIONormalise.json(tf.out), b = PlanIONormalise.json(ts.out)
                #expect(b == a, "\(label): JSON\n--- terraform\n\(a)\n--- terraswift\n\(b)")
            case .jsonLines:
                let a = PlanIONormalise.lines(tf.out), b = PlanIONormalise.lines(ts.out)
                #expect(PlanIONormalise.wellFormed(ts.out), "\(label): stream lines\n\(ts.out)")
                #expect(b.ordered == a.ordered, "\(label): stream\n--- terraform\n\(a.ordered.joined(separator: "\n"))\n--- terraswift\n\(b.ordered.joined(separator: "\n"))")
                #expect(b.progress == a.progress, "\(label): progress\n--- terraform\n\(a.progress.joined(separator: "\n"))\n--- terraswift\n\(b.progress.joined(separator: "\n"))")
            }
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr")
            // (terraform's state list also fails on a configuration that does not parse)
            if tf.code == 1 { continue }
            let tfList = Tools.terraform(["state", "list"], in: tfDir)
            let tsList = Tools.terraswift(["state", "list"], in: tsDir)
            #expect(tsList.out == tfList.out, "\(label): state list")
        }
    }
}

extension PlanIOScenario {
    static let planOut = ["plan", "-no-color", "-out=tfplan"]
    static let show = ["show", "-no-color", "tfplan"]
    static let showJSON = ["show", "-json", "tfplan"]
    static let applyFile = ["apply", "-no-color", "tfplan"]

    /// plan -out, show, show -json, apply the file, and apply it again (stale).
    static func savedPlanSteps(_ files: [String: String], extraPlanArgs: [String] = []) -> [Step] {
        [
            Step(files: files, args: planOut + extraPlanArgs),
            Step(args: show),
            Step(args: showJSON, compare: .json),
            Step(args: applyFile),
            Step(args: applyFile),
        ]
    }

    static let sensitiveCount = """
    variable "v" {
      default = "hi"
    }
    variable "s" {
      default   = "secret"
      sensitive = true
    }
    resource "terraform_data" "a" {
      input            = var.v
      triggers_replace = var.s
    }
    resource "terraform_data" "b" {
      count = 2
      input = terraform_data.a.output
    }
    output "o" {
      value = terraform_data.a.output
    }
    output "hidden" {
      value     = var.s
      sensitive = true
    }
    """

    static let graphConfig = """
    variable "v" {
      default = "x"
    }
    locals {
      l = "${var.v}-y"
    }
    resource "terraform_data" "a" {
      input = local.l
    }
    resource "terraform_data" "b" {
      count = 2
      input = terraform_data.a.output
    }
    resource "terraform_data" "c" {
      depends_on = [terraform_data.b]
    }
    resource "terraform_data" "d" {
      input = [terraform_data.a.id, terraform_data.b[0].id]
    }
    output "o" {
      value = terraform_data.c.id
    }
    """

    static let colourFirst = """
    resource "terraform_data" "a" {
      input            = { k = "v", n = [1, 2], m = { x = 1 } }
      triggers_replace = "t1"
    }
    resource "terraform_data" "b" {
      count = 2
      input = "x"
    }
    resource "terraform_data" "c" {
      input = "one"
    }
    output "o" {
      value = terraform_data.c.output
    }
    output "p" {
      value = 1
    }
    """

    static let colourSecond = """
    resource "terraform_data" "a" {
      input            = { k = "w", n = [1, 3, 4], m = { x = 1, y = 2 } }
      triggers_replace = "t2"
    }
    resource "terraform_data" "b" {
      count = 1
      input = "x"
    }
    resource "terraform_data" "c" {
      input = "two"
    }
    output "o" {
      value = terraform_data.c.output
    }
    """

    static let all: [PlanIOScenario] = [
        PlanIOScenario(name: "saved plan: create with count, sensitive values and outputs", steps: savedPlanSteps(["main.tf": sensitiveCount]) + [
            Step(args: planOut),
            Step(args: showJSON, compare: .json),
            Step(args: applyFile),
        ]),
        PlanIOScenario(name: "saved plan: update, replace, delete and output changes", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = { k = "v", n = [1, 2] }
              triggers_replace = "t1"
            }
            resource "terraform_data" "b" {
              count = 3
              input = "b-${count.index}"
            }
            resource "terraform_data" "c" {
              input = "one"
            }
            output "a" {
              value = terraform_data.a.output
            }
            output "gone" {
              value = 1
            }
            """], args: ["apply", "-auto-approve", "-no-color"]),
        ] + savedPlanSteps(["main.tf": """
            resource "terraform_data" "a" {
              input            = { k = "v", n = [1, 2] }
              triggers_replace = "t2"
            }
            resource "terraform_data" "b" {
              count = 1
              input = "b-${count.index}"
            }
            resource "terraform_data" "c" {
              input = "two"
            }
            output "a" {
              value = terraform_data.a.output
            }
            """])),
        PlanIOScenario(name: "saved plan: for_each keys, nested and partly unknown values", steps: savedPlanSteps(["main.tf": """
            locals {
              m = { x = "1", "y y" = "2" }
            }
            resource "terraform_data" "a" {
              for_each = local.m
              input    = each.value
            }
            resource "terraform_data" "b" {
              input = {
                ids   = [for k, v in terraform_data.a : v.id]
                fixed = ["p", "q"]
                obj   = { inner = terraform_data.a["x"].output, n = 3 }
              }
            }
            output "keys" {
              value = keys(terraform_data.a)
            }
            """])),
        PlanIOScenario(name: "saved destroy plan", steps: [
            Step(files: ["main.tf": sensitiveCount], args: ["apply", "-auto-approve", "-no-color"]),
        ] + savedPlanSteps([:], extraPlanArgs: ["-destroy"])),
        PlanIOScenario(name: "saved plan with no changes", steps: [
            Step(files: ["main.tf": sensitiveCount], args: ["apply", "-auto-approve", "-no-color"]),
        ] + savedPlanSteps([:])),
        PlanIOScenario(name: "saved plan: variables from -var are kept in the plan", steps: savedPlanSteps([
            "main.tf": """
            variable "name" {
              type = string
            }
            variable "n" {
              type    = number
              default = 2
            }
            resource "terraform_data" "a" {
              count = var.n
              input = "${var.name}-${count.index}"
            }
            """,
        ], extraPlanArgs: ["-var", "name=web"])),
        PlanIOScenario(name: "saved plan: variables given again to apply", steps: [
            Step(files: ["main.tf": """
            variable "v" {
              default = "a"
            }
            variable "n" {
              type    = number
              default = 1
            }
            resource "terraform_data" "a" {
              input = "${var.v}-${var.n}"
            }
            """, "x.tfvars": "n = 3\n"], args: ["plan", "-no-color", "-out=tfplan", "-var", "v=b"]),
            Step(args: ["apply", "-no-color", "-var", "v=c", "tfplan"]),
            Step(args: ["apply", "-no-color", "-var-file=x.tfvars", "tfplan"]),
            Step(args: ["apply", "-no-color", "-var", "v=b", "tfplan"]),
        ]),
        PlanIOScenario(name: "saved plan is stale after another apply", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
            }
            """], args: planOut),
            Step(args: ["apply", "-auto-approve", "-no-color"]),
            Step(args: applyFile),
        ]),
        PlanIOScenario(name: "plan -detailed-exitcode", steps: [
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {}\n"], args: ["plan", "-no-color", "-detailed-exitcode"]),
            Step(args: ["apply", "-auto-approve", "-no-color"]),
            Step(args: ["plan", "-no-color", "-detailed-exitcode"]),
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"changed\"\n}\n"], args: ["plan", "-no-color", "-detailed-exitcode"]),
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \n}\n"], args: ["plan", "-no-color", "-detailed-exitcode"]),
        ]),
        PlanIOScenario(name: "colour: plan, apply, update/replace/delete, saved plan, destroy", steps: [
            Step(files: ["main.tf": colourFirst], args: ["plan"]),
            Step(args: ["apply", "-auto-approve"]),
            Step(args: ["plan"]),
            Step(files: ["main.tf": colourSecond], args: ["plan"]),
            Step(args: ["apply", "-auto-approve"]),
            Step(files: ["main.tf": colourFirst.replacingOccurrences(of: "count = 2", with: "count = 3")], args: ["plan", "-out=tfplan"]),
            Step(args: ["show", "tfplan"]),
            Step(args: ["apply", "tfplan"]),
            Step(args: ["plan", "-destroy"]),
            Step(args: ["destroy", "-auto-approve"]),
            Step(args: ["plan", "-destroy"]),
        ]),
        PlanIOScenario(name: "colour: refresh, plan without refresh, destroy twice", steps: [
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\noutput \"o\" {\n  value = terraform_data.a.output\n}\n"],
                 args: ["apply", "-auto-approve"]),
            Step(args: ["refresh"]),
            Step(args: ["plan", "-refresh=false"]),
            Step(args: ["destroy", "-auto-approve"]),
            Step(args: ["destroy", "-auto-approve"]),
        ]),
        PlanIOScenario(name: "colour: count to single moves, output-only changes", steps: [
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"], args: ["apply", "-auto-approve"]),
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 1\n  input = \"x\"\n}\n"], args: ["plan"]),
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\noutput \"q\" {\n  value = [1, null]\n}\n"], args: ["plan"]),
            Step(args: ["apply", "-auto-approve"]),
        ]),
        PlanIOScenario(name: "graph: resources only, plan, apply, plan-destroy, orphans", steps: [
            Step(files: ["main.tf": graphConfig], args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: ["graph", "-type=apply"]),
            Step(args: ["graph", "-type=plan-destroy"]),
            Step(args: ["apply", "-auto-approve", "-no-color"]),
            Step(args: ["graph", "-type=plan-destroy"]),
            Step(args: ["graph", "-type=bogus", "-no-color"]),
            Step(files: ["main.tf": colourFirst], args: ["graph", "-type=plan"]),
            Step(args: ["graph"]),
        ]),
        PlanIOScenario(name: "-json streams: plan, apply, plan again, destroy", steps: [
            Step(files: ["main.tf": sensitiveCount], args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["apply", "-json"], compare: .jsonLines),
            Step(args: ["apply", "-json", "-auto-approve"], compare: .jsonLines),
            Step(args: ["plan", "-json", "-var", "v=changed"], compare: .jsonLines),
            Step(args: ["plan", "-json", "-detailed-exitcode"], compare: .jsonLines),
            Step(args: ["apply", "-json", "-auto-approve", "-var", "v=changed"], compare: .jsonLines),
            Step(args: ["destroy", "-json", "-auto-approve"], compare: .jsonLines),
        ]),
        PlanIOScenario(name: "-json streams: diagnostics and saved plans", steps: [
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \n}\n"], args: ["plan", "-json"], compare: .jsonLines),
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 2\n}\noutput \"n\" {\n  value = length(terraform_data.a)\n}\n"],
                 args: ["plan", "-json", "-out=tfplan"], compare: .jsonLines),
            Step(args: ["apply", "-json", "tfplan"], compare: .jsonLines),
            Step(args: ["apply", "-json", "tfplan"], compare: .jsonLines),
        ]),
    ]
}
