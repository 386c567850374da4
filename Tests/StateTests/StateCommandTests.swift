import Foundation
import Testing

/// The state commands against terraform's own output on the same state
/// (recorded by Fixtures/make-fixtures.sh, and re-run live where terraform is present).
@Suite struct StateCommandTests {
    func expected(_ name: String) -> (out: String, err: String, code: Int32) {
        let err = Fixtures.text("expected/\(name).stderr.txt")
        let code: Int32 = err.contains("exit 1\n") ? 1 : 0
        return (Fixtures.text("expected/\(name).stdout.txt"), err.replacingOccurrences(of: "exit 1\n", with: ""), code)
    }

    func check(_ name: String, _ args: [String], dir: String = Fixtures.directory) {
        let want = expected(name)
        let got = CLIRunner.terraswift(args, in: dir)
        #expect(got.out == want.out, "stdout of \(name)")
        #expect(got.err == want.err, "stderr of \(name)")
        #expect(got.code == want.code, "exit code of \(name)")
    }

    let full = Fixtures.path("full.tfstate")

    @Test func stateList() {
        check("list", ["state", "list", "-state=\(full)"])
        check("list-filter", ["state", "list", "-state=\(full)", "module.child", "terraform_data.counted"])
        check("list-filter-key", ["state", "list", "-state=\(full)", "module.child[\"y.z\"]"])
        check("list-unknown", ["state", "list", "-state=\(full)", "module.nope"])
        check("list-bad", ["state", "list", "-state=\(full)", "foo"])
        check("list-handmade", ["state", "list", "-state=\(Fixtures.path("handmade.tfstate"))"])
    }

    @Test func stateListByID() {
        let text = Fixtures.text("full.tfstate")
        guard let r = text.range(of: "\"id\": \""), let end = text[r.upperBound...].firstIndex(of: "\"") else {
            Issue.record("no id in fixture"); return
        }
        check("list-id", ["state", "list", "-state=\(full)", "-id=\(text[r.upperBound..<end])"])
    }

    @Test(arguments: ["terraform_data.counted[0]", "terraform_data.each[\"c d\"]", "terraform_data.single",
                      "module.num[0].module.deep.terraform_data.d", "module.child[\"y.z\"].data.terraform_remote_state.x",
                      "terraform_data.dependent"])
    func stateShow(_ addr: String) {
        let name = "show-" + String(addr.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        check(name, ["state", "show", "-state=\(full)", addr])
    }

    @Test func showJSON() {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        check("show-json", ["show", "-json"], dir: dir)
        check("show-json-nocolor", ["show", "-json", "-no-color"], dir: dir)
    }

    @Test func outputs() {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        check("output", ["output", "-no-color"], dir: dir)
        check("output-json", ["output", "-json"], dir: dir)
        check("output-raw-s", ["output", "-raw", "s"], dir: dir)
        check("output-raw-n", ["output", "-raw", "n"], dir: dir)
        check("output-raw-l", ["output", "-raw", "l"], dir: dir)
        check("output-name-m", ["output", "-no-color", "m"], dir: dir)
        check("output-name-sec", ["output", "sec"], dir: dir)
        check("output-json-sec", ["output", "-json", "sec"], dir: dir)
        check("output-missing", ["output", "nope"], dir: dir)
        check("pull", ["state", "pull"], dir: dir)
        check("workspace-list", ["workspace", "list"], dir: dir)
        check("workspace-show", ["workspace", "show"], dir: dir)
    }

    /// Each edit runs on a copy of the fixture; the file terraswift leaves must be
    /// byte-identical to the one terraform left.
    @Test(arguments: [
        ("mv-resource", ["state", "mv", "-state=edit.tfstate", "terraform_data.single", "terraform_data.renamed"]),
        ("mv-instance", ["state", "mv", "-state=edit.tfstate", "terraform_data.counted[1]", "terraform_data.moved[\"k\"]"]),
        ("mv-to-indexed", ["state", "mv", "-state=edit.tfstate", "terraform_data.single", "terraform_data.counted[3]"]),
        ("mv-module", ["state", "mv", "-state=edit.tfstate", "module.child[\"x\"]", "module.other"]),
        ("mv-module-into", ["state", "mv", "-state=edit.tfstate", "module.num[1]", "module.child[\"x\"].module.nested"]),
        ("mv-res-into-module", ["state", "mv", "-state=edit.tfstate", "terraform_data.each", "module.num[0].terraform_data.each"]),
        ("mv-dry-run", ["state", "mv", "-dry-run", "-state=edit.tfstate", "terraform_data.single", "terraform_data.renamed"]),
        ("rm-module", ["state", "rm", "-state=edit.tfstate", "module.num"]),
        ("rm-instances", ["state", "rm", "-state=edit.tfstate", "terraform_data.each[\"a\"]", "terraform_data.counted[0]"]),
        ("rm-dry-run", ["state", "rm", "-dry-run", "-state=edit.tfstate", "module.child"]),
        ("rm-all-of-resource", ["state", "rm", "-state=edit.tfstate", "terraform_data.counted"]),
        ("taint", ["taint", "-state=edit.tfstate", "terraform_data.each[\"b\"]"]),
        ("untaint-clean", ["untaint", "-state=edit.tfstate", "terraform_data.single"]),
    ] as [(String, [String])])
    func editsMatchTerraformByteForByte(_ name: String, _ args: [String]) {
        let dir = CLIRunner.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        check(name, args, dir: dir)
        let got = CLIRunner.read(dir + "/edit.tfstate")
        let want = Fixtures.text("expected/\(name).tfstate")
        #expect(StateText.normalisedChecks(got) == StateText.normalisedChecks(want), "resulting state of \(name)")
    }

    @Test func moveIntoAnotherStateFile() {
        let dir = CLIRunner.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        check("mv-state-out", ["state", "mv", "-state=edit.tfstate", "-state-out=out.tfstate", "terraform_data.counted", "terraform_data.counted"], dir: dir)
        #expect(StateText.normalisedChecks(CLIRunner.read(dir + "/edit.tfstate")) == StateText.normalisedChecks(Fixtures.text("expected/mv-state-out.tfstate")))
        // The new file gets a fresh lineage; everything else must match terraform's.
        let got = CLIRunner.read(dir + "/out.tfstate")
        let want = Fixtures.text("expected/mv-state-out.out.tfstate")
        func withoutLineage(_ s: String) -> String {
            s.split(separator: "\n").filter { !$0.contains("\"lineage\"") }.joined(separator: "\n")
        }
        #expect(withoutLineage(got) == withoutLineage(want))
        #expect(got.contains("\"lineage\": \"") && got != want)
        let attrs = try? FileManager.default.attributesOfItem(atPath: dir + "/out.tfstate")
        #expect((attrs?[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func stateCommandsLeaveATimestampedBackup() throws {
        let dir = CLIRunner.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = CLIRunner.terraswift(["state", "rm", "-state=edit.tfstate", "terraform_data.single"], in: dir)
        #expect(r.code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        let backups = files.filter { $0.hasPrefix("edit.tfstate.") && $0.hasSuffix(".backup") }
        #expect(backups.count == 1)
        // The backup is the previous content, written by the current version.
        var previous = Fixtures.text("full.tfstate")
        previous = previous.replacingOccurrences(of: "\"terraform_version\": \"1.11.4\"", with: "\"terraform_version\": \"1.11.4\"")
        #expect(backups.first.map { CLIRunner.read(dir + "/" + $0) } == previous)
        #expect(!files.contains { $0.contains(".lock.info") })
    }
}

@Suite struct ReplaceProviderTests {
    @Test func replacesEveryResourceOfTheProviderAsTerraformDoes() throws {
        let dir = CLIRunner.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = CLIRunner.terraswift(["state", "replace-provider", "-auto-approve", "-state=edit.tfstate",
                                      "terraform.io/builtin/terraform", "registry.terraform.io/acme/terraform"], in: dir)
        #expect(r.code == 0)
        #expect(StateText.normalisedChecks(CLIRunner.read(dir + "/edit.tfstate")) == StateText.normalisedChecks(Fixtures.text("expected/replace-provider.tfstate")))
        // terraform lists the resources in map order; the lines are the same set.
        let want = Fixtures.text("expected/replace-provider.stdout.txt")
        #expect(Set(r.out.split(separator: "\n")) == Set(want.split(separator: "\n")))
        #expect(r.out.hasPrefix(String(want.prefix(200))))
        #expect(r.out.hasSuffix("\nSuccessfully replaced provider for 16 resources.\n"))
    }

    @Test func nothingToReplaceLeavesTheStateAlone() {
        let dir = CLIRunner.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = CLIRunner.terraswift(["state", "replace-provider", "-auto-approve", "-state=edit.tfstate", "hashicorp/aws", "acme/aws"], in: dir)
        #expect(r.out == "No matching resources found.\n")
        #expect(CLIRunner.read(dir + "/edit.tfstate") == Fixtures.text("full.tfstate"))
    }
}
