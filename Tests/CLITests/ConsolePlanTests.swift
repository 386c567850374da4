import Foundation
import Testing
@testable import CLI

/// `console -plan` (evaluating against the plan made first, so attributes
/// only apply will know are "(known after apply)") and diagnostics raised
/// inside child modules, which name the module as terraform does.
struct ConsolePlanFixtures {
    static let mainTF = """
    variable "name" {
      type    = string
      default = "x"
    }
    resource "terraform_data" "a" {
      input = "hello-${var.name}"
    }
    resource "terraform_data" "b" {
      count = 2
      input = terraform_data.a.output
    }
    locals {
      l = "${terraform_data.a.id}-suffix"
    }
    module "m" {
      source = "./m"
      in     = var.name
    }
    output "o" {
      value = terraform_data.a.input
    }
    """
    static let childTF = """
    variable "in" {
      type = string
    }
    resource "terraform_data" "inner" {
      input = "inner-${var.in}"
    }
    output "id" {
      value = terraform_data.inner.id
    }
    output "input" {
      value = terraform_data.inner.input
    }
    """

    static func write(_ files: [String: String]) throws -> String {
        let dir = makeTempDir()
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// Writes the files and installs the modules they call with our own `init`.
    static func initialized(_ files: [String: String]) throws -> String {
        let dir = try write(files)
        let run = runCLI(["init", "-no-color"], in: dir)
        try #require(run.code == 0, "init failed: \(run.err)")
        return dir
    }

    static func ours(_ expr: String, args: [String], in dir: String) -> CLIRun {
        let capture = Capture()
        var lines = [expr][...]
        let ctx = CommandContext(workingDirectory: dir, environment: [:], stdinIsTerminal: false,
                                 out: { capture.out += $0 }, err: { capture.err += $0 },
                                 readLine: { lines.popFirst() })
        let code = ConsoleCommand.run(ctx, args)
        return CLIRun(code: code, out: capture.out, err: capture.err)
    }
}

/// Needs no terraform: the planned values of a configuration without state.
@Suite struct ConsolePlanUnitTests {
    @Test func planShowsPlannedValuesAndUnknowns() throws {
        let dir = try ConsolePlanFixtures.initialized(["main.tf": ConsolePlanFixtures.mainTF, "m/main.tf": ConsolePlanFixtures.childTF])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Without -plan a resource missing from the state is wholly unknown.
        #expect(ConsolePlanFixtures.ours("terraform_data.a.input", args: ["-no-color"], in: dir).out == "(known after apply)\n")
        let input = ConsolePlanFixtures.ours("terraform_data.a.input", args: ["-no-color", "-plan"], in: dir)
        #expect(input.code == 0)
        #expect(input.out == "\"hello-x\"\n")
        #expect(ConsolePlanFixtures.ours("terraform_data.a.id", args: ["-no-color", "-plan"], in: dir).out == "(known after apply)\n")
        #expect(ConsolePlanFixtures.ours("terraform_data.b[1].input", args: ["-no-color", "-plan"], in: dir).out == "(known after apply)\n")
        #expect(ConsolePlanFixtures.ours("module.m.input", args: ["-no-color", "-plan", "-var", "name=y"], in: dir).out == "\"inner-y\"\n")
        #expect(ConsolePlanFixtures.ours("length(terraform_data.b)", args: ["-no-color", "-plan"], in: dir).out == "2\n")
    }

    @Test func undeclaredReferencesInAChildModuleNameTheModule() throws {
        let dir = try ConsolePlanFixtures.initialized([
            "main.tf": "module \"foo\" {\n  source = \"./foo\"\n}\n",
            "foo/main.tf": "module \"bar\" {\n  source = \"../bar\"\n}\nlocals {\n  a = terraform_data.nope.id\n}\noutput \"o\" {\n  value = module.baz.x\n}\n",
            "bar/main.tf": "output \"x\" {\n  value = 1\n}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = ConsolePlanFixtures.ours("1 + 1", args: ["-no-color"], in: dir)
        #expect(run.err.contains("A managed resource \"terraform_data\" \"nope\" has not been declared in\nmodule.foo."))
        #expect(run.err.contains("No module call named \"baz\" is declared in module.foo. Did you mean \"bar\"?"))
        #expect(!run.err.contains("root module"))
        // As terraform does, the console still evaluates after a warning.
        #expect(run.out.contains("Warning: Due to the problems above, some expressions may produce unexpected results."))
        #expect(run.out.hasSuffix("\n2\n"))
        #expect(run.code == 0)
    }
}

@Suite(.serialized, .enabled(if: terraformPath != nil, "terraform not installed: console -plan differential skipped"))
struct ConsolePlanDifferentialTests {
    func compare(_ exprs: [String], args: [[String]], in dir: String) throws -> [String] {
        let runner = ConsoleConfigTests()
        var mismatches: [String] = []
        for a in args {
            for expr in exprs {
                let want = try runner.terraformConsole(expr, args: a, env: [:], in: dir)
                let got = ConsolePlanFixtures.ours(expr, args: a, in: dir)
                if want.code != got.code || want.out != got.out || want.err != got.err {
                    mismatches.append("\(a) \(expr)\n  terraform [\(want.code)]: \(want.out.debugDescription) \(want.err.debugDescription)\n  ours      [\(got.code)]: \(got.out.debugDescription) \(got.err.debugDescription)")
                }
            }
        }
        return mismatches
    }

    static let expressions = [
        "terraform_data.a", "terraform_data.a.input", "terraform_data.b", "terraform_data.b[0].input", "local.l",
        "module.m", "module.m.input", "length(terraform_data.b)",
    ]

    @Test func planBeforeAndAfterApplyMatchesTerraform() throws {
        let dir = try ConsolePlanFixtures.write(["main.tf": ConsolePlanFixtures.mainTF, "m/main.tf": ConsolePlanFixtures.childTF])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let initRun = try #require(runTerraform(["init", "-no-color"], in: dir))
        try #require(initRun.code == 0, "terraform init failed: \(initRun.err)")
        var mismatches = try compare(Self.expressions, args: [["-plan"], ["-plan", "-no-color", "-var", "name=y"]], in: dir)
        let apply = try #require(runTerraform(["apply", "-auto-approve", "-no-color"], in: dir))
        try #require(apply.code == 0, "terraform apply failed: \(apply.err)")
        // Applied: unchanged resources plan as they are; a changed input shows
        // the new value, and what depends on it is unknown again.
        mismatches += try compare(Self.expressions, args: [["-plan"], ["-plan", "-var", "name=y"], []], in: dir)
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
    }

    @Test func unsetRequiredVariableIsUnknownInThePlan() throws {
        let dir = try ConsolePlanFixtures.write(["main.tf": "variable \"req\" {\n  type = string\n}\nresource \"terraform_data\" \"a\" {\n  input = var.req\n}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mismatches = try compare(["terraform_data.a", "var.req"], args: [["-plan"], ["-plan", "-var", "req=v"]], in: dir)
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
    }

    @Test func childModuleDiagnosticsMatchTerraform() throws {
        let dir = try ConsolePlanFixtures.write([
            "main.tf": "module \"foo\" {\n  source = \"./foo\"\n}\n",
            "foo/main.tf": "module \"bar\" {\n  source = \"../bar\"\n}\nlocals {\n  a = terraform_data.nope.id\n}\noutput \"o\" {\n  value = module.baz.x\n}\noutput \"d\" {\n  value = data.terraform_remote_state.nope.outputs\n}\n",
            "bar/main.tf": "output \"x\" {\n  value = 1\n}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let initRun = try #require(runTerraform(["init", "-no-color"], in: dir))
        try #require(initRun.code == 0, "terraform init failed: \(initRun.err)")
        let mismatches = try compare(["module.foo", "1 + 1"], args: [[], ["-no-color"]], in: dir)
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
        let validate = try #require(runTerraform(["validate", "-no-color"], in: dir))
        let ours = runCLI(["validate", "-no-color"], in: dir)
        #expect(ours.code == validate.code)
        #expect(ours.err == validate.err)
    }
}
