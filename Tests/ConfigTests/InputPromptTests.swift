import CLI
import Foundation
import Testing

/// Interactive prompts for required root variables. terraform prompts whenever
/// input is enabled (it does not need a terminal: `UIInput` reads standard input,
/// pipes included), so the differential cases pipe the same text into terraform
/// and feed it line by line to Terraswift's `readLine`.
@Suite(.serialized) struct InputPromptTests {
    static let described = """
    variable "name" {
      description = "The cluster name.\\nLower case only."
    }
    output "o" {
      value = "hello-${var.name}"
    }

    """
    static let number = """
    variable "n" {
      type = number
    }
    output "o" {
      value = var.n + 1
    }

    """

    static let two = """
    variable "name" {
      type = string
    }
    variable "b" {}
    output "o" {
      value = "${var.name}-${var.b}"
    }

    """

    struct Run { var status: Int32; var out: String; var err: String }

    func ours(_ config: String, stdin lines: [String], args: [String], env: [String: String] = [:]) -> Run {
        let dir = tempDir("prompt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(config, to: dir + "/main.tf")
        let capture = OutputCapture()
        var queue = lines[...]
        let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 },
                               readLine: { queue.popFirst() })
        let status = Terraswift.run(arguments: args, environment: env, workingDirectory: dir, io: io)
        return Run(status: status, out: capture.out, err: capture.err)
    }

    func theirs(_ config: String, stdin: String, args: [String]) -> Run {
        let dir = tempDir("prompt-tf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(config, to: dir + "/main.tf")
        write(stdin, to: dir + "/stdin.txt")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: terraformBinary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        env.removeValue(forKey: "TF_INPUT")
        p.environment = env
        let outPipe = Pipe(), errPipe = Pipe()
        p.standardOutput = outPipe
        p.standardError = errPipe
        p.standardInput = FileHandle(forReadingAtPath: dir + "/stdin.txt")
        try? p.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }

    @Test func promptTextIsTerraforms() {
        let run = ours(Self.described, stdin: ["tiny"], args: ["apply", "-auto-approve", "-no-color"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.hasPrefix("var.name\n  The cluster name.\n  Lower case only.\n\n  Enter a value: \n"), "\(run.out)")
        #expect(run.out.contains("o = \"hello-tiny\""), "\(run.out)")
    }

    @Test func colourMakesTheQueryAndLabelBold() {
        let run = ours(Self.number, stdin: ["41"], args: ["plan"])
        #expect(run.out.hasPrefix("\u{1B}[0m\u{1B}[1mvar.n\u{1B}[0m\n  \u{1B}[1mEnter a value:\u{1B}[0m \n"), "\(run.out.debugDescription)")
    }

    @Test func inputFalseAndTFInputZeroNeverPrompt() {
        for (args, env) in [(["plan", "-no-color", "-input=false"], [String: String]()), (["plan", "-no-color"], ["TF_INPUT": "0"])] {
            var asked = false
            let dir = tempDir("prompt-off")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            write(Self.number, to: dir + "/main.tf")
            let capture = OutputCapture()
            let io = Terraswift.IO(out: { capture.out += $0 }, err: { capture.err += $0 }, readLine: { asked = true; return "1" })
            let status = Terraswift.run(arguments: args, environment: env, workingDirectory: dir, io: io)
            #expect(status == 1)
            #expect(!asked)
            #expect(!capture.out.contains("Enter a value"))
            #expect(capture.err.contains("No value for required variable"))
        }
    }

    @Test func variablesWithValuesOrDefaultsAreNotAsked() {
        let config = "variable \"a\" {\n  default = 1\n}\nvariable \"b\" {}\noutput \"o\" {\n  value = \"${var.a}${var.b}\"\n}\n"
        let run = ours(config, stdin: [], args: ["plan", "-no-color", "-var", "b=2"])
        #expect(run.status == 0, "\(run.err)")
        #expect(!run.out.contains("Enter a value"))
    }

    @Test(.enabled(if: haveTerraform, "terraform not installed: prompt differential skipped"),
          arguments: [("described", "tiny\n"), ("number", "41\n"), ("number", "abc\n"), ("described", ""), ("two", "")])
    func promptsAndOutcomesMatchTerraform(_ config: String, _ stdin: String) {
        // (Only one line of piped input per run: terraform's prompt reads stdin through a fresh
        // buffered reader each time, so a second prompt finds the pipe already drained.)
        let text = ["described": Self.described, "number": Self.number, "two": Self.two][config] ?? ""
        let args = ["apply", "-auto-approve", "-no-color"]
        let lines = stdin.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let mine = ours(text, stdin: lines, args: args)
        let reference = theirs(text, stdin: stdin, args: args)
        #expect(mine.status == reference.status)
        #expect(mine.out == reference.out, "stdout:\nterraform:\n\(reference.out)\nterraswift:\n\(mine.out)")
        #expect(mine.err == reference.err, "stderr:\nterraform:\n\(reference.err)\nterraswift:\n\(mine.err)")
    }
}
