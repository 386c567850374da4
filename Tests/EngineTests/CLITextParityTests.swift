import CLI
import Foundation
import Testing

/// Small CLI texts (usage, flag errors, workspace and state messages, import
/// progress, init's configuration preamble) compared byte for byte with terraform.
@Suite struct CLITextParityTests {

    /// Runs the same command lines, in order, in one fresh directory per tool; returns the pairs.
    static func both(_ files: [String: String], _ steps: [[String]]) -> [(args: [String], tf: RunResult, ts: RunResult)] {
        let tfDir = Tools.tempDirectory("clitext-tf"), tsDir = Tools.tempDirectory("clitext-ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        Tools.write(files, in: tfDir)
        Tools.write(files, in: tsDir)
        return steps.map { ($0, Tools.terraform($0, in: tfDir), Tools.terraswift($0, in: tsDir)) }
    }

    static func expectSame(_ files: [String: String], _ steps: [[String]]) {
        for (args, tf, ts) in both(files, steps) {
            var tf = tf, ts = ts
            tf.out = Normalise.ids(tf.out)
            ts.out = Normalise.ids(ts.out)
            #expect(ts == tf, "\(args.joined(separator: " ")):\n--- terraform\n\(tf)\n--- terraswift\n\(ts)")
        }
    }

    static let oneResource = ["main.tf": "resource \"terraform_data\" \"a\" {}\n"]

    /// The first line, where the output goes, the exit code and the listed
    /// subcommands match; the prose in between is our own wording.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"),
          arguments: [["state"], ["state", "bogus"], ["state", "-help"], ["workspace"], ["workspace", "-help"]])
    func parentCommandPrintsUsage(_ args: [String]) {
        for (_, tf, ts) in Self.both(Self.oneResource, [args]) {
            #expect(ts.code == tf.code)
            #expect(ts.err == tf.err)
            #expect(ts.out.split(separator: "\n").first == tf.out.split(separator: "\n").first)
            func subcommands(_ text: String) -> [String] {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                guard let start = lines.firstIndex(of: "Subcommands:") else { return [] }
                return lines[(start + 1)...].filter { !$0.isEmpty }.map { String($0.split(separator: " ").first ?? "") }
            }
            #expect(!subcommands(tf.out).isEmpty)
            #expect(subcommands(ts.out) == subcommands(tf.out))
            // the name column is as wide as terraform's
            let tfColumn = tf.out.split(separator: "\n").last.map { $0.count - $0.drop(while: { $0 == " " }).drop(while: { $0 != " " }).drop(while: { $0 == " " }).count }
            let tsColumn = ts.out.split(separator: "\n").last.map { $0.count - $0.drop(while: { $0 == " " }).drop(while: { $0 != " " }).drop(while: { $0 == " " }).count }
            #expect(tsColumn == tfColumn)
            #expect(ts.out.hasSuffix("\n") && !ts.out.hasSuffix("\n\n"))
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func flagErrorsPointToHelpLikeTerraform() {
        Self.expectSame(Self.oneResource, [
            ["plan", "-bogus"], ["plan", "-no-color", "-bogus"], ["apply", "-bogus"], ["validate", "-bogus"],
            ["output", "-bogus"], ["output", "a", "b"], ["init", "-bogus"], ["init", "-no-color", "-bogus"],
        ])
    }

    /// terraform names itself in these texts whatever the binary is called.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func unknownCommandText() {
        let dir = Tools.tempDirectory("clitext-unknown")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for args in [["nocommand"], ["statx"], ["plan", "-bogus"]] {
            let tf = Tools.terraform(args, in: dir)
            let err = Tools.Buffer()
            let code = Terraswift.run(programName: "terraswift", arguments: args, environment: [:], workingDirectory: dir,
                                      io: Terraswift.IO(out: { _ in }, err: { err.append($0) }, readLine: { nil }))
            #expect(code == tf.code)
            #expect(err.text == tf.err, "\(args)")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func workspaceMessages() {
        Self.expectSame(Self.oneResource, [
            ["workspace", "select", "nope"], ["workspace", "select", "-no-color", "nope"],
            ["workspace", "select", "default"], ["workspace", "delete", "default"],
            ["workspace", "new", "x"], ["workspace", "select", "x"], ["workspace", "select", "-no-color", "x"],
            ["workspace", "delete", "default"], ["workspace", "delete", "-no-color", "default"],
            ["workspace", "delete", "nope"], ["workspace", "show"],
        ])
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func stateShowErrorsArePlain() {
        Self.expectSame(Self.oneResource, [
            ["state", "show", "BADADDR"], ["state", "show", "terraform_data.a"],
            ["apply", "-auto-approve", "-no-color"],
            ["state", "show", "terraform_data.zz"], ["state", "show", "BADADDR"], ["state", "show", "-no-color", "BADADDR"],
        ])
    }

    /// The usage text that follows is our own wording: only where things go is compared.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func stateShowWrongArgumentCount() {
        for (_, tf, ts) in Self.both(Self.oneResource, [["state", "show", "a", "b"]]) {
            #expect(ts.code == tf.code)
            #expect(ts.err == tf.err)
            #expect(ts.out.hasPrefix("Usage: terraform [global options] state show [options] ADDRESS\n"))
            #expect(tf.out.hasPrefix("Usage: terraform [global options] state show [options] ADDRESS\n"))
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func importColouring() {
        Self.expectSame(["main.tf": "resource \"terraform_data\" \"b\" {}\n"], [
            ["import", "terraform_data.b", "xyz"], ["import", "terraform_data.b", "xyz"],
            ["import", "terraform_data.zz", "xyz"], ["import", "-no-color", "terraform_data.zz", "xyz"],
            ["import", "-no-color", "terraform_data.b", "xyz"],
        ])
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: [true, false])
    func initWithInvalidConfiguration(_ noColor: Bool) {
        let args = noColor ? ["init", "-no-color"] : ["init"]
        Self.expectSame(["main.tf": "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n"], [args])
        Self.expectSame(["main.tf": "resource \"terraform_data\" \"a\" {\n  input = nope(\n}\n"], [args])
        Self.expectSame(["main.tf": "locals { x = nosuchfn(1) \n  y = lenght([1]) }\n"], [args])
    }
}

extension CLITextParityTests {
    /// A local module whose directory is missing: init's two errors, then validate's message about the recorded module.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func missingLocalModuleDirectory() {
        Self.expectSame(["main.tf": "module \"m\" {\n  source = \"./nope\"\n}\n"], [
            ["validate", "-no-color"], ["init", "-no-color"], ["validate", "-no-color"],
        ])
    }
}
