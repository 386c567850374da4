import Foundation
@testable import Engine
import Testing

/// Provisioner scenarios run through terraform and terraswift in twin
/// directories. Each step must agree on exit code, stdout, stderr, `state
/// list` and `show -json`. Provisioner output of different instances may
/// interleave in terraform's parallel walk, so progress and provisioner lines
/// are compared per instance address (in their order), the rest as printed.
@Suite("Provisioner scenarios against terraform", .serialized)
struct ProvisionerScenarioTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); provisioner scenarios need the oracle")
        }
    }

    typealias Step = Scenario.Step

    static let apply1 = Scenario.apply + ["-parallelism=1"]

    static let scenarios: [Scenario] = [
        Scenario(name: "local-exec output, multi-line, partial lines, trailing space", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
              provisioner "local-exec" {
                command = "echo one ${self.input}; printf 'two\\\\n\\\\nthree'; sleep 0.4; echo ' four  '; echo err >&2; printf 'cr\\\\rlf\\\\r\\\\n'"
              }
            }
            """], args: Scenario.apply),
            Step(args: Scenario.plan),
            Step(args: Scenario.destroy),
        ]),
        Scenario(name: "failure taints, next plan replaces, fixed command succeeds", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "v"
              provisioner "local-exec" {
                command = "echo out ${self.input}; echo err >&2; exit 3"
              }
            }
            resource "terraform_data" "after" {
              input = terraform_data.a.output
            }
            """], args: Scenario.apply),
            Step(args: Scenario.plan),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "v"
              provisioner "local-exec" {
                command = "echo fixed"
              }
            }
            resource "terraform_data" "after" {
              input = terraform_data.a.output
            }
            """], args: Scenario.apply),
            Step(args: Scenario.plan),
        ]),
        Scenario(name: "tainted with create_before_destroy", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              lifecycle {
                create_before_destroy = true
              }
              provisioner "local-exec" {
                command = "test -f ok || exit 1"
              }
            }
            """], args: Scenario.apply),
            Step(args: Scenario.plan),
            Step(files: ["ok": ""], args: Scenario.apply),
            Step(args: ["state", "list"]),
        ]),
        Scenario(name: "on_failure continue", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command    = "echo trying; exit 4"
                on_failure = continue
              }
              provisioner "local-exec" {
                command = "echo second runs"
              }
            }
            """], args: Scenario.apply),
            Step(args: Scenario.plan),
        ]),
        Scenario(name: "create-time provisioners do not run on update", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "one"
              provisioner "local-exec" {
                command = "echo created ${self.input}"
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "two"
              provisioner "local-exec" {
                command = "echo created ${self.input}"
              }
            }
            """], args: Scenario.apply),
        ]),
        Scenario(name: "when = destroy on destroy and on replace", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = "in"
              triggers_replace = 1
              provisioner "local-exec" {
                when    = destroy
                command = "echo destroying ${self.output} ${self.triggers_replace}"
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = "in"
              triggers_replace = 2
              provisioner "local-exec" {
                when    = destroy
                command = "echo destroying ${self.output} ${self.triggers_replace}"
              }
            }
            """], args: Scenario.apply),
            Step(args: Scenario.apply + ["-replace=terraform_data.a"]),
            Step(args: Scenario.destroy),
            Step(args: ["state", "list"]),
        ]),
        Scenario(name: "failing destroy provisioner keeps the object", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                when    = destroy
                command = "test -f gone || exit 7"
              }
            }
            """], args: Scenario.apply),
            Step(args: Scenario.destroy),
            Step(args: ["state", "list"]),
            Step(files: ["gone": ""], args: Scenario.destroy),
        ]),
        Scenario(name: "environment, working_dir, interpreter", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command     = "echo $GREETING $EMPTY from $(basename \\"$PWD\\"); cat data.txt"
                environment = { GREETING = "hello", EMPTY = "" }
                working_dir = "sub"
                interpreter = ["/bin/bash", "-c"]
              }
              provisioner "local-exec" {
                command     = "print(2 + 3)"
                interpreter = ["python3", "-c"]
              }
            }
            """, "sub/data.txt": "from a file\n"], args: Scenario.apply),
        ]),
        Scenario(name: "quiet and sensitive command", steps: [
            Step(files: ["main.tf": """
            variable "token" {
              default   = "s3cret"
              sensitive = true
            }
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command = "echo using ${var.token}; echo; echo done"
              }
              provisioner "local-exec" {
                command = "echo quietly"
                quiet   = true
              }
              provisioner "local-exec" {
                command = "echo failing ${var.token}; exit 2"
              }
            }
            """], args: Scenario.apply),
        ]),
        Scenario(name: "count and for_each self references", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "c" {
              count = 2
              input = "c${count.index}"
              provisioner "local-exec" {
                command = "echo ${count.index} ${self.input}"
              }
              provisioner "local-exec" {
                when    = destroy
                command = "echo bye ${count.index} ${self.input}"
              }
            }
            resource "terraform_data" "e" {
              for_each = { k1 = "v1", k2 = "v2" }
              input    = each.value
              provisioner "local-exec" {
                command = "echo ${each.key}=${each.value} ${self.output}"
              }
              provisioner "local-exec" {
                when    = destroy
                command = "echo bye ${each.key} ${self.input}"
              }
            }
            """], args: apply1),
            Step(args: Scenario.plan),
            Step(args: Scenario.destroy + ["-parallelism=1"]),
        ]),
        Scenario(name: "command errors: interpreter, working_dir, signal, empty", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command     = "echo hi"
                interpreter = ["no-such-interpreter", "-x"]
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command     = "echo hi"
                working_dir = "no-such-dir"
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command = "kill -9 $$"
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command = ""
              }
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command     = "echo hi"
                interpreter = ["/no/such/program"]
              }
            }
            """], args: Scenario.apply),
        ]),
        Scenario(name: "bad provisioner configuration", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                commandx = "echo"
              }
            }
            """], args: ["validate", "-no-color"]),
            Step(args: Scenario.plan),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "file" {
                source      = "a"
                content     = "b"
                destination = "/tmp/x"
              }
            }
            """], args: ["validate", "-no-color"]),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              connection {
                host  = "127.0.0.1"
                hostx = "x"
              }
              provisioner "remote-exec" {
                inline = ["true"]
              }
            }
            """], args: Scenario.plan),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "remote-exec" {
                inline = ["true"]
                script = "x.sh"
              }
            }
            """], args: Scenario.plan),
            Step(files: ["main.tf": """
            variable "v" {
              default = "x"
            }
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                when    = destroy
                command = "echo ${var.v} ${each.value}"
              }
            }
            """], args: ["validate", "-no-color"]),
            Step(files: ["main.tf": """
            variable "v" {
              default = ["a"]
            }
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command = ["x"]
              }
              provisioner "local-exec" {
                command = var.v
                quiet   = "maybe"
              }
            }
            """], args: ["validate", "-no-color"]),
            Step(args: Scenario.plan),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "nosuch" {
              }
            }
            """], args: ["validate", "-no-color"]),
            Step(args: Scenario.plan),
        ]),
        Scenario(name: "taint command, saved plan, no destroy provisioner for a tainted object", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
              provisioner "local-exec" {
                command = "echo made ${self.input}"
              }
              provisioner "local-exec" {
                when    = destroy
                command = "echo not run for a tainted object"
              }
            }
            """], args: Scenario.apply),
            Step(args: ["taint", "terraform_data.a"]),
            Step(args: Scenario.plan + ["-out=tainted.plan"]),
            Step(args: ["apply", "-no-color", "tainted.plan"]),
        ]),
        Scenario(name: "destroy provisioner of a removed block", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
            }
            """], args: Scenario.apply),
            Step(files: ["main.tf": """
            removed {
              from = terraform_data.a
              provisioner "local-exec" {
                when    = destroy
                command = "echo removed ${self.input}"
              }
            }
            """], args: Scenario.apply),
        ]),
        Scenario(name: "long command: Still creating / apply_progress every 10s", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              provisioner "local-exec" {
                command = "echo waiting; sleep 11; echo ready"
              }
              provisioner "local-exec" {
                when    = destroy
                command = "sleep 10.6"
              }
            }
            """], args: Scenario.apply),
            Step(args: ["destroy", "-auto-approve", "-json"]),
        ]),
        Scenario(name: "-json stream", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
              provisioner "local-exec" {
                command = "echo hi ${self.input}; printf 'a\\\\rb\\\\n'"
              }
              provisioner "local-exec" {
                command    = "exit 2"
                on_failure = continue
              }
              provisioner "local-exec" {
                when    = destroy
                command = "echo bye"
              }
            }
            resource "terraform_data" "c" {
              depends_on = [terraform_data.a]
              provisioner "local-exec" {
                command = "echo failing; exit 3"
              }
            }
            """], args: ["apply", "-auto-approve", "-json"]),
            Step(args: ["plan", "-json"]),
            Step(args: ["apply", "-auto-approve", "-json", "-replace=terraform_data.a"]),
        ]),
    ]

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: scenarios)
    func scenario(_ s: Scenario) {
        let tfDir = Tools.tempDirectory("prov-tf")
        let tsDir = Tools.tempDirectory("prov-ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        // local-exec commands inherit the environment, as terraform's do.
        let env = ProcessInfo.processInfo.environment
        for (i, step) in s.steps.enumerated() {
            Tools.write(step.files, in: tfDir)
            Tools.write(step.files, in: tsDir)
            let tf = Tools.terraform(step.args, in: tfDir)
            let ts = Tools.terraswift(step.args, in: tsDir, env: env)
            let label = "\(s.name) step \(i + 1): \(step.args.joined(separator: " "))"
            #expect(ts.code == tf.code, "\(label): exit code\nterraform: \(tf)\nterraswift: \(ts)")
            let a = ProvisionerNormalise.split(tf.out), b = ProvisionerNormalise.split(ts.out)
            #expect(b.body == a.body, "\(label): output\n--- terraform\n\(a.body)\n--- terraswift\n\(b.body)")
            for addr in Set(a.byAddress.keys).union(b.byAddress.keys).sorted() {
                let x = a.byAddress[addr, default: []].joined(separator: "\n"), y = b.byAddress[addr, default: []].joined(separator: "\n")
                #expect(y == x, "\(label): lines of \(addr)\n--- terraform\n\(x)\n--- terraswift\n\(y)")
            }
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr\n--- terraform\n\(tf.err)\n--- terraswift\n\(ts.err)")
            // terraform's `show` loads the configuration (and fails on a bad one); state is unchanged by validate anyway.
            if step.args.first == "validate" { continue }
            let tfList = Tools.terraform(["state", "list"], in: tfDir)
            let tsList = Tools.terraswift(["state", "list"], in: tsDir)
            #expect(tsList.out == tfList.out, "\(label): state list")
            let tfShow = Tools.terraform(["show", "-json"], in: tfDir), tsShow = Tools.terraswift(["show", "-json"], in: tsDir)
            #expect(Normalise.ids(tsShow.out) == Normalise.ids(tfShow.out), "\(label): show -json\n--- terraform\n\(tfShow.out)\n--- terraswift\n\(tsShow.out)")
        }
    }
}

/// Output split into lines printed in order and lines about one instance
/// (progress and provisioner output), kept in order per instance.
enum ProvisionerNormalise {
    static func split(_ text: String) -> (body: String, byAddress: [String: [String]]) {
        var body: [String] = []
        var byAddress: [String: [String]] = [:]
        for raw in Normalise.ids(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = elapsed(String(raw))
            if line.hasPrefix("{") {
                // A -json line: timestamps and durations vary; the instance it is about groups it.
                let plain = jsonNoise(line)
                if let addr = jsonHookAddress(plain) { byAddress[addr, default: []].append(plain) } else { body.append(plain) }
                continue
            }
            if let addr = address(of: line) { byAddress[addr, default: []].append(line) } else { body.append(line) }
        }
        return (body.joined(separator: "\n"), byAddress)
    }

    static func address(of line: String) -> String? {
        if let r = line.range(of: " (local-exec): ") ?? line.range(of: " (file): ") ?? line.range(of: " (remote-exec): ") {
            return String(line[..<r.lowerBound])
        }
        guard Normalise.isProgress(Substring(line)) || line.contains(": Provisioning with '") else { return nil }
        return line.range(of: ": ").map { String(line[..<$0.lowerBound]) }
    }

    static func elapsed(_ line: String) -> String {
        replace(Normalise.elapsed(line), "\"elapsed_seconds\":[0-9]+", "\"elapsed_seconds\":<t>")
    }

    static func jsonNoise(_ line: String) -> String {
        let t = replace(line, "\"@timestamp\":\"[^\"]*\"", "\"@timestamp\":\"<ts>\"")
        return replace(replace(t, "after [0-9]+s", "after <t>"), "errored after [0-9]+s", "errored after <t>")
    }

    static func jsonHookAddress(_ line: String) -> String? {
        guard line.contains("\"hook\":"), let r = line.range(of: "\"addr\":\"") else { return nil }
        let rest = line[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func replace(_ s: String, _ pattern: String, _ template: String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return s }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
    }
}

/// The local-exec runner on its own (no terraform needed): output lines, Go's
/// error texts, environment, and that a stop ends a running command at once
/// and leaves no child behind.
@Suite struct LocalExecProcessTests {
    let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]

    func run(_ args: [String], dir: String? = nil, env extra: [String: String] = [:], processes: ProvisionerProcesses = ProvisionerProcesses())
        -> (LocalExecProcess.Outcome, [String]) {
        let lines = Tools.Buffer()
        let outcome = LocalExecProcess.run(args, directory: dir, baseDirectory: NSTemporaryDirectory(), environment: env.merging(extra) { $1 },
                                           processes: processes) { lines.append($0 + "\u{0}") }
        return (outcome, lines.text.split(separator: "\u{0}", omittingEmptySubsequences: false).dropLast().map(String.init))
    }

    @Test func linesStdoutAndStderrAndExitStatus() {
        let (outcome, lines) = run(["/bin/sh", "-c", "echo one; echo two >&2; echo; printf tail; exit 3"])
        #expect(lines == ["one", "two", "", "tail"])
        #expect(outcome.error == "exit status 3")
        #expect(String(decoding: outcome.output, as: UTF8.self) == "one\ntwo\n\ntail")
    }

    @Test func environmentAndStdin() {
        let (outcome, lines) = run(["/bin/sh", "-c", "echo $A; cat; echo after-stdin"], env: ["A": "b"])
        #expect(outcome.error == nil)
        #expect(lines == ["b", "after-stdin"])
    }

    @Test func goErrorTexts() {
        #expect(run(["no-such-program-xyz"]).0.error == "exec: \"no-such-program-xyz\": executable file not found in $PATH")
        #expect(run(["/no/such/file"]).0.error == "fork/exec /no/such/file: no such file or directory")
        #expect(run(["/bin/sh", "-c", "true"], dir: "no-such-dir-xyz").0.error == "chdir no-such-dir-xyz: no such file or directory")
        #expect(run(["/bin/sh", "-c", "kill -TERM $$"]).0.error == "signal: terminated")
    }

    @Test func outputTailIsBounded() {
        let (outcome, lines) = run(["/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done"])
        #expect(outcome.error == nil)
        #expect(lines.count == 2000)
        #expect(outcome.output.count == LocalExecProcess.outputTail)
    }

    @Test func stopEndsARunningCommandAndReapsIt() {
        let processes = ProvisionerProcesses()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { processes.stopAll() }
        let (outcome, lines) = run(["/bin/sh", "-c", "echo started; exec sleep 30"], processes: processes)
        #expect(lines == ["started"])
        #expect(outcome.error == "signal: killed")
        #expect(Date().timeIntervalSince(started) < 10)
        // The child was waited for: no `sleep` of ours is left, not even as a zombie.
        #expect(childrenNamed("sleep").isEmpty)
        // After a stop nothing new starts.
        #expect(run(["/bin/sh", "-c", "echo no"], processes: processes).0.error == "context canceled")
    }

    func childrenNamed(_ name: String) -> [String] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.range(of: ") ", options: .backwards) else { return false }
            let fields = stat[close.upperBound...].split(separator: " ")
            return stat.contains("(\(name))") && fields.count > 1 && Int32(fields[1]) == me
        }
    }

    @Test func uiLineSplitting() {
        #expect(ProvisionerOutput.lines("a\rb") == ["a", "b"])
        #expect(ProvisionerOutput.lines("x  \t") == ["x"])
        #expect(ProvisionerOutput.lines("") == [])
        #expect(ProvisionerOutput.lines("a\r\n\r\nb") == ["a", "b"])
    }
}
