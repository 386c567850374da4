import Foundation
import JSON
import Testing

/// `refresh -json`, the refresh_start/refresh_complete hooks of plan/apply
/// streams, and the `checks` of `show -json PLANFILE`, run through terraform
/// and terraswift in twin directories. Timestamps and ids are normalised;
/// terraform's check list comes from a map, so it is compared as a set.
@Suite("JSON stream extras")
struct JSONStreamExtrasTests {
    static let config = """
    variable "n" {
      type    = number
      default = 2
    }

    resource "terraform_data" "a" {
      count = var.n
      input = "v${count.index}"

      lifecycle {
        precondition {
          condition     = var.n > 0
          error_message = "n must be positive"
        }
        postcondition {
          condition     = self.output != "v9"
          error_message = "no v9"
        }
      }
    }

    check "small" {
      assert {
        condition     = var.n < 5
        error_message = "n is large"
      }
    }

    check "big" {
      assert {
        condition     = var.n > 5
        error_message = "n is small"
      }
    }

    output "first" {
      value = terraform_data.a[0].output
      precondition {
        condition     = length(terraform_data.a) == var.n
        error_message = "count mismatch"
      }
    }
    """

    /// One JSON stream line with its timestamp and ids made comparable.
    static func normalisedLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            var s = Normalise.ids(String(line))
            if let re = try? NSRegularExpression(pattern: "\"@timestamp\":\"[^\"]*\"") {
                s = re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "\"@timestamp\":\"T\"")
            }
            if let re = try? NSRegularExpression(pattern: "\"elapsed_seconds\":[0-9]+") {
                s = re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "\"elapsed_seconds\":0")
            }
            return Normalise.elapsed(s)
        }
    }

    /// Runs `steps` in twin directories holding `files`; returns each tool's outputs.
    static func twins(_ files: [String: String], _ steps: [[String]], label: String) -> [String: [RunResult]] {
        var out: [String: [RunResult]] = [:]
        for tool in ["terraform", "terraswift"] {
            let dir = Tools.tempDirectory("\(label)-\(tool)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            Tools.write(files, in: dir)
            out[tool] = steps.map { tool == "terraform" ? Tools.terraform($0, in: dir) : Tools.terraswift($0, in: dir) }
        }
        return out
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func refreshJSONMatchesTerraform() {
        let runs = Self.twins(["main.tf": Self.config + "\noutput \"all\" {\n  value = terraform_data.a[*].id\n}\n"], [
            ["refresh", "-json"],
            ["apply", "-auto-approve", "-no-color"],
            ["refresh", "-json"],
            ["refresh", "-no-color"],
        ], label: "refresh-json")
        let tf = runs["terraform"] ?? [], ts = runs["terraswift"] ?? []
        #expect(tf.count == 4 && ts.count == 4)
        for i in [0, 2] where i < min(tf.count, ts.count) {
            #expect(ts[i].code == tf[i].code, "step \(i): \(ts[i]) vs \(tf[i])")
            // Refreshes run in parallel in terraform: compare the lines as a set, and the first and last in place.
            let a = Self.normalisedLines(ts[i].out), b = Self.normalisedLines(tf[i].out)
            #expect(a.sorted() == b.sorted(), "step \(i)\n\(a.joined(separator: "\n"))\n---\n\(b.joined(separator: "\n"))")
            #expect(a.first == b.first && a.last == b.last)
        }
        if tf.count == 4 && ts.count == 4 {
            #expect(Normalise.split(ts[3].out).body == Normalise.split(tf[3].out).body)
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func planAndApplyStreamsReportRefreshes() {
        let runs = Self.twins(["main.tf": Self.config], [
            ["apply", "-auto-approve", "-no-color"],
            ["plan", "-json", "-var", "n=3"],
            ["apply", "-json", "-auto-approve", "-var", "n=3"],
        ], label: "refresh-hooks")
        let tf = runs["terraform"] ?? [], ts = runs["terraswift"] ?? []
        for i in 1..<min(3, min(tf.count, ts.count)) {
            #expect(ts[i].code == tf[i].code, "step \(i): \(ts[i]) vs \(tf[i])")
            let a = Self.normalisedLines(ts[i].out), b = Self.normalisedLines(tf[i].out)
            #expect(a.sorted() == b.sorted(), "step \(i)\n\(a.joined(separator: "\n"))\n---\n\(b.joined(separator: "\n"))")
            let types: ([String]) -> [String] = { $0.compactMap { try? JSON.parse(Array($0.utf8))["type"]?.stringValue } }
            #expect(types(a).filter { $0.hasPrefix("refresh_") }.count == 4, "\(types(a))")
        }
    }

    /// The `checks` member of the JSON plan and state, each check as a set of its instances.
    static func checks(_ text: String, key: String = "checks") -> [String] {
        guard let doc = try? JSON.parse(Array(text.utf8)), let list = doc[key]?.arrayValue else { return ["<no \(key)>"] }
        return list.map { c -> String in
            var entry = c
            if case .object(var members) = c, let i = members.firstIndex(where: { $0.key == "instances" }), let items = members[i].value.arrayValue {
                members[i].value = .array(items.sorted { $0.compactString < $1.compactString })
                entry = .object(members)
            }
            return entry.compactString
        }.sorted()
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func planChecksMatchTerraform() {
        let runs = Self.twins(["main.tf": Self.config], [
            ["plan", "-no-color", "-out=p.tfplan"],
            ["show", "-json", "p.tfplan"],
            ["apply", "-auto-approve", "-no-color"],
            ["plan", "-no-color", "-out=q.tfplan", "-var", "n=1"],
            ["show", "-json", "q.tfplan"],
            ["show", "-json"],
        ], label: "plan-checks")
        let tf = runs["terraform"] ?? [], ts = runs["terraswift"] ?? []
        #expect(tf.count == 6 && ts.count == 6)
        guard tf.count == 6, ts.count == 6 else { return }
        for i in [1, 4] {
            #expect(Self.checks(ts[i].out) == Self.checks(tf[i].out), "step \(i)\n\(Self.checks(ts[i].out))\n---\n\(Self.checks(tf[i].out))")
        }
        #expect(Self.checks(tf[1].out).count == 4)
        let stateChecks: (String) -> [String] = { text in
            guard let doc = try? JSON.parse(Array(text.utf8)), let values = doc["values"] else { return ["<no values>"] }
            return Self.checks(values.compactString)
        }
        #expect(stateChecks(ts[5].out) == stateChecks(tf[5].out))
    }
}
