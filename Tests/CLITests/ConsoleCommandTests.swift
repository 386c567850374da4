import Foundation
import Testing
@testable import CLI

@Suite struct ConsoleCommandTests {
    func run(_ input: [String], args: [String] = ["-no-color"], terminal: Bool = false) -> CLIRun {
        let capture = Capture()
        var lines = input[...]
        // An empty directory: console loads whatever configuration is in it.
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ctx = CommandContext(workingDirectory: dir, environment: [:], stdinIsTerminal: terminal,
                                 out: { capture.out += $0 }, err: { capture.err += $0 },
                                 readLine: { lines.popFirst() })
        let code = ConsoleCommand.run(ctx, args)
        return CLIRun(code: code, out: capture.out, err: capture.err)
    }

    @Test func pipedPrintsOnlyTheLastResult() {
        let r = run(["1 + 1", "tolist([\"a\"])"])
        #expect(r.code == 0)
        #expect(r.out == "tolist([\n  \"a\",\n])\n")
        #expect(r.err == "")
    }

    @Test func pipedStopsAtTheFirstError() {
        let r = run(["1", "nope", "2"])
        #expect(r.code == 1)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("\nError: Invalid reference\n\n  on <console-input> line 1:\n"))
    }

    @Test func exitEndsWithoutOutput() {
        let r = run(["1", "exit", "2"])
        #expect(r.code == 0)
        #expect(r.out == "")
    }

    @Test func interactivePromptsAndContinuesAfterErrors() {
        let r = run(["1 + 1", "[1,", "2]", "nope", "exit"], terminal: true)
        #expect(r.code == 0)
        #expect(r.out == "> 2\n> : [\n  1,\n  2,\n]\n> > ")
        #expect(r.err.contains("Error: Invalid reference"))
    }

    @Test func planOptionEvaluatesAgainstAPlan() {
        // An empty configuration plans nothing; expressions still evaluate.
        let r = run(["1 + 1"], args: ["-no-color", "-plan"])
        #expect(r.code == 0)
        #expect(r.out == "2\n")
        #expect(r.err.isEmpty)
    }

    @Test(.enabled(if: terraformPath != nil, "terraform not installed; differential console check skipped"))
    func matchesTerraformForErrorsAndValues() throws {
        for expr in ["{a = \"x\\ny\", b = [1, 2]}", "var.x", "1/0 - 1/0", "sensitive(1)"] {
            for args in [["-no-color"], []] {
                let ours = run([expr], args: args)
                let dir = makeTempDir()
                defer { try? FileManager.default.removeItem(atPath: dir) }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: try #require(terraformPath))
                p.arguments = ["console"] + args
                p.currentDirectoryURL = URL(fileURLWithPath: dir)
                var env = ProcessInfo.processInfo.environment
                env["TF_CLI_CONFIG_FILE"] = "/dev/null"
                p.environment = env
                let input = Pipe(), out = Pipe(), err = Pipe()
                p.standardInput = input; p.standardOutput = out; p.standardError = err
                try p.run()
                input.fileHandleForWriting.write(Data((expr + "\n").utf8))
                try input.fileHandleForWriting.close()
                let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                #expect(ours.code == p.terminationStatus, "\(expr) \(args)")
                #expect(ours.out == o, "\(expr) \(args)")
                #expect(ours.err == e, "\(expr) \(args)")
            }
        }
    }
}
