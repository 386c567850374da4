import Foundation
import Testing
@testable import CLI

@Suite struct EntryPointTests {
    @Test func versionTextAndJSON() throws {
        let text = runCLI(["version"])
        #expect(text.code == 0)
        #expect(text.out.hasPrefix("Terraform v1.11.4\non linux_amd64\n"))
        let json = runCLI(["--version", "-json"])
        #expect(json.code == 0)
        #expect(json.out.contains("\"terraform_version\": \"1.11.4\""))
        // terraform's output: no lock file here, so no providers are listed.
        #expect(json.out.contains("\"provider_selections\": {}"))
        #expect(text.out == "Terraform v1.11.4\non linux_amd64\n")
        #expect(runCLI(["-v"]).out == text.out)
    }

    @Test func unknownCommandExitsOneWithSuggestion() {
        let r = runCLI(["fmtt"])
        #expect(r.code == 1)
        #expect(r.err.contains("has no command named \"fmtt\". Did you mean \"fmt\"?"))
        #expect(r.err.contains("terraform -help"))
    }

    @Test func noArgumentsPrintsHelpWithExit127() {
        let r = runCLI([])
        #expect(r.code == 127)
        #expect(r.out.hasPrefix("Usage: terraform [global options] <subcommand> [args]"))
        let h = runCLI(["-help"])
        #expect(h.code == 0 && h.out == r.out)
    }

    @Test func unknownFlagExitsOne() {
        let r = runCLI(["version", "-bogus"])
        #expect(r.code == 1)
        #expect(r.err.contains("Error parsing command-line flags: flag provided but not defined: -bogus"))
    }

    @Test func chdirToAMissingDirectoryIsAnError() {
        let r = runCLI(["-chdir=/definitely/not/here", "version"])
        #expect(r.code == 1)
        #expect(r.err == "Error handling -chdir option: chdir /definitely/not/here: no such file or directory\n")
    }

    @Test func tfCLIArgsAreInsertedAfterTheCommand() {
        let r = runCLI(["version"], env: ["TF_CLI_ARGS": "-json"])
        #expect(r.out.hasPrefix("{"))
        let s = runCLI(["version"], env: ["TF_CLI_ARGS_version": "-json"])
        #expect(s.out.hasPrefix("{"))
        let bad = runCLI(["version"], env: ["TF_CLI_ARGS_version": "-nope"])
        #expect(bad.code == 1)
        let unrelated = runCLI(["version"], env: ["TF_CLI_ARGS_plan": "-nope"])
        #expect(unrelated.code == 0)
        let broken = runCLI(["version"], env: ["TF_CLI_ARGS": "'unterminated"])
        #expect(broken.code == 1 && broken.err.contains("TF_CLI_ARGS"))
    }

    @Test func programNameAppearsInHelp() {
        let r = runCLI(["-help"], programName: "terraswift")
        #expect(r.out.contains("Usage: terraswift"))
        // terraform's unknown-command text names terraform whatever the binary is called
        let unknown = runCLI(["nope"], programName: "terraswift")
        #expect(unknown.err.contains("  terraform -help"))
    }

    @Test func unbuiltCommandsSaySo() {
        let r = runCLI(["login"])
        #expect(r.code == 1)
        #expect(r.err.contains("not implemented"))
    }
}

/// Compares the entry point with terraform itself on the same arguments.
@Suite(.enabled(if: terraformPath != nil, "terraform not installed: differential CLI checks skipped"))
struct EntryPointDifferentialTests {
    @Test(arguments: [["version"], ["foo"], ["-chdir=/nonexistent-dir", "version"], ["version", "-bogus"], ["-version"], ["fmtt"]])
    func sameExitCodeAsTerraform(_ args: [String]) throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ours = runCLI(args, in: dir)
        let theirs = try #require(runTerraform(args, in: dir))
        #expect(ours.code == theirs.code, "exit code for \(args)")
        if args == ["foo"] || args == ["fmtt"] {
            #expect(ours.err == theirs.err)
        }
        if args.first == "-chdir=/nonexistent-dir" {
            #expect(ours.err == theirs.err)
        }
    }

    @Test func versionFirstLinesMatch() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ours = runCLI(["version"], in: dir)
        let theirs = try #require(runTerraform(["version"], in: dir))
        #expect(ours.out.split(separator: "\n").prefix(2) == theirs.out.split(separator: "\n").prefix(2))
    }
}
