import Foundation
import Testing

/// The generated rendering corpus (RenderCorpus) through terraform and
/// terraswift in twin directories: apply step 1 (creates), `show`, plan and
/// apply step 2 (updates, replacements, creates, destroys, outputs; the plan
/// also in colour), `show`
/// again and a destroy plan. Texts are compared whole (ids normalised,
/// progress lines compared as sorted lists); on a mismatch the differing
/// resource blocks are reported by case name.
@Suite("Rendering corpus against terraform", .serialized)
struct RenderCorpusTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); the rendering corpus needs the oracle")
        }
    }

    @Test func corpusIsLarge() {
        let cases = RenderCorpus.cases
        #expect(cases.count >= 150)
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be unique")
    }

    static let steps: [(label: String, configStep: Int?, args: [String])] = [
        ("apply step 1", 1, ["apply", "-auto-approve", "-no-color"]),
        ("show after step 1", nil, ["show", "-no-color"]),
        ("plan step 2", 2, ["plan", "-no-color"]),
        ("plan step 2 in colour", nil, ["plan"]),
        ("apply step 2", nil, ["apply", "-auto-approve", "-no-color"]),
        ("show after step 2", nil, ["show", "-no-color"]),
        ("destroy plan", nil, ["plan", "-destroy", "-no-color"]),
    ]

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: RenderCorpus.batches())
    func batch(_ b: RenderBatch) {
        let tfDir = Tools.tempDirectory("render-tf"), tsDir = Tools.tempDirectory("render-ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        for step in Self.steps {
            if let n = step.configStep {
                Tools.write(["main.tf": b.config(step: n)], in: tfDir)
                Tools.write(["main.tf": b.config(step: n)], in: tsDir)
            }
            let tf = Tools.terraform(step.args, in: tfDir), ts = Tools.terraswift(step.args, in: tsDir)
            let label = "\(b) \(step.label)"
            #expect(ts.code == tf.code, "\(label): exit code\nterraform: \(tf)\nterraswift: \(ts)")
            let a = Normalise.split(tf.out), c = Normalise.split(ts.out)
            #expect(c.body == a.body, "\(label): text differs in \(Self.differingBlocks(a.body, c.body))\n--- terraform\n\(a.body)\n--- terraswift\n\(c.body)")
            #expect(c.progress == a.progress, "\(label): progress lines")
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr\n--- terraform\n\(tf.err)\n--- terraswift\n\(ts.err)")
        }
    }

    /// Names of the `# ADDR ...` blocks whose text differs (or "preamble/summary").
    static func differingBlocks(_ a: String, _ b: String) -> [String] {
        func blocks(_ s: String) -> [String: String] {
            var out: [String: String] = [:]
            var current = "preamble"
            for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("  # ") || line.hasPrefix("# ") {
                    current = String(line.drop { $0 == " " || $0 == "#" }.prefix { $0 != " " && $0 != ":" })
                } else if line.hasPrefix("Plan: ") || line.hasPrefix("Changes to Outputs") || line.hasPrefix("Outputs:") {
                    current = String(line.prefix(12))
                }
                out[current, default: ""] += line + "\n"
            }
            return out
        }
        let x = blocks(a), y = blocks(b)
        return Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.sorted()
    }
}
