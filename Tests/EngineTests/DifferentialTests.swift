import Foundation
import Testing

/// Each scenario runs through terraform and terraswift in twin directories;
/// every step must agree on exit code, the plan/apply summary line, the
/// rendered text (ids normalised, progress lines compared as a sorted list),
/// `state list`, `show -json` and `output -json`. Then each tool must plan no changes on the other's state.
@Suite("Differential scenarios against terraform", .serialized)
struct DifferentialTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); differential scenarios need the oracle")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: Scenario.all)
    func scenario(_ s: Scenario) {
        DifferentialTests.run(s)
    }

    /// Runs one scenario through both tools and compares every step (shared by the scenario suites).
    static func run(_ s: Scenario) {
        let tfDir = Tools.tempDirectory("tf")
        let tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        for (i, step) in s.steps.enumerated() {
            for name in step.delete {
                try? FileManager.default.removeItem(atPath: tfDir + "/" + name)
                try? FileManager.default.removeItem(atPath: tsDir + "/" + name)
            }
            Tools.write(step.files, in: tfDir)
            Tools.write(step.files, in: tsDir)
            let tf = Tools.terraform(step.args, in: tfDir)
            let ts = Tools.terraswift(step.args, in: tsDir)
            let label = "\(s.name) step \(i + 1): \(step.args.joined(separator: " "))"
            #expect(ts.code == tf.code, "\(label): exit code\nterraform: \(tf)\nterraswift: \(ts)")
            if !step.compareOutput { continue }
            #expect(Normalise.summaryLine(ts.out) == Normalise.summaryLine(tf.out), "\(label): summary line")
            let a = Normalise.split(tf.out), b = Normalise.split(ts.out)
            #expect(b.body == a.body, "\(label): rendered output\n--- terraform\n\(a.body)\n--- terraswift\n\(b.body)")
            #expect(b.progress == a.progress, "\(label): progress lines\n--- terraform\n\(a.progress.joined(separator: "\n"))\n--- terraswift\n\(b.progress.joined(separator: "\n"))")
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr")
            let tfList = Tools.terraform(["state", "list"], in: tfDir)
            let tsList = Tools.terraswift(["state", "list"], in: tsDir)
            #expect(tsList.out == tfList.out, "\(label): state list")
            for args in [["show", "-json"], ["output", "-json"]] {
                let tfShow = Tools.terraform(args, in: tfDir), tsShow = Tools.terraswift(args, in: tsDir)
                #expect(Normalise.ids(tsShow.out) == Normalise.ids(tfShow.out), "\(label): \(args.joined(separator: " "))\n--- terraform\n\(tfShow.out)\n--- terraswift\n\(tsShow.out)")
            }
        }
        // Cross-tool: each tool sees no changes on the state the other wrote
        // (with the variables of the last apply; not after a destroy).
        if s.steps.contains(where: { $0.args.first == "destroy" }) || !s.steps.contains(where: { $0.args.first == "apply" }) { return }
        let last = s.steps.last { $0.args.first == "apply" }
        let vars = last.map { Array($0.args.drop { !$0.hasPrefix("-var") }) } ?? []
        let crossTF = Tools.terraform(["plan", "-no-color", "-detailed-exitcode"] + vars, in: tsDir)
        #expect(crossTF.code == 0, "\(s.name): terraform plans changes on terraswift's state\n\(crossTF)")
        let crossTS = Tools.terraswift(["plan", "-no-color", "-detailed-exitcode"] + vars, in: tfDir)
        #expect(crossTS.code == 0, "\(s.name): terraswift plans changes on terraform's state\n\(crossTS)")
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func stateShapeMatchesTerraform() throws {
        let main = """
        resource "terraform_data" "a" {
          input            = { k = "v", n = [1, 2] }
          triggers_replace = "t"
        }
        resource "terraform_data" "b" {
          count = 2
          input = terraform_data.a.output
        }
        output "o" {
          value = terraform_data.a.output.k
        }
        """
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        Tools.write(["main.tf": main], in: tfDir)
        Tools.write(["main.tf": main], in: tsDir)
        #expect(Tools.terraform(Scenario.apply, in: tfDir).code == 0)
        #expect(Tools.terraswift(Scenario.apply, in: tsDir).code == 0)
        func shape(_ dir: String) -> String {
            let text = Normalise.ids(Tools.read(dir + "/terraform.tfstate"))
            // Lineage and serial differ by nature (serial: terraform writes once per change, as we do).
            return text.split(separator: "\n").filter { !$0.contains("\"lineage\"") }.joined(separator: "\n")
        }
        #expect(shape(tsDir) == shape(tfDir))
    }
}
