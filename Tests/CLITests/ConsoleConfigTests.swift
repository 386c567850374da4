import Foundation
import Testing
@testable import CLI

/// `console` in a configuration directory: variables from every source,
/// locals, path and workspace, module outputs, and resources read from the
/// state terraform itself wrote. Each expression goes through terraform
/// console and ours in the same directory; stdout, stderr and status must agree.
@Suite(.serialized, .enabled(if: terraformPath != nil, "terraform not installed: console configuration differential skipped"))
struct ConsoleConfigTests {
    static let mainTF = """
    variable "name" {
      type    = string
      default = "dflt"
    }
    variable "req" {
      type = number
    }
    variable "from_file" {
      type    = list(string)
      default = []
    }
    variable "from_auto" {
      default = "none"
    }
    variable "from_env" {
      type    = map(number)
      default = {}
    }
    variable "obj" {
      type = object({
        a = string
        b = optional(number, 3)
        c = optional(object({ d = optional(bool, true) }), {})
      })
      default = { a = "x" }
    }
    variable "secret" {
      type      = string
      default   = "s3cr3t"
      sensitive = true
    }
    locals {
      greeting = "hello ${var.name}"
      ids      = terraform_data.many[*].id
      outputs  = { for k, v in terraform_data.each : k => v.output }
      chained  = "${local.greeting}!"
      via_mod  = module.child.doubled
      file     = file("${path.module}/data.txt")
    }
    resource "terraform_data" "x" {
      input = { a = 1, b = ["x", "y"], c = var.name, s = var.secret }
    }
    resource "terraform_data" "many" {
      count = 2
      input = count.index
    }
    resource "terraform_data" "each" {
      for_each = toset(["p", "q"])
      input    = "v-${each.key}"
    }
    resource "terraform_data" "sens" {
      input = sensitive("hidden")
    }
    module "child" {
      source = "./child"
      n      = 21
    }
    module "counted" {
      source = "./child"
      count  = 2
      n      = count.index
    }
    output "o" {
      value = local.greeting
    }
    """

    static let childTF = """
    variable "n" {
      type = number
    }
    variable "label" {
      default = "child"
    }
    locals {
      twice = var.n * 2
    }
    resource "terraform_data" "inner" {
      input = var.n
    }
    output "doubled" {
      value = local.twice
    }
    output "label" {
      value = "${var.label}-${path.module}"
    }
    output "inner" {
      value = terraform_data.inner.output
    }
    """

    /// Declared after the apply, so it is in the configuration but not the state.
    static let laterTF = """
    resource "terraform_data" "later" {
      input = 1
    }
    resource "terraform_data" "later_count" {
      count = 2
      input = 1
    }
    data "terraform_remote_state" "rs" {
      backend = "local"
      config  = { path = "nowhere.tfstate" }
    }
    """

    static let expressions = [
        "var.name", "var.req", "var.from_file", "var.from_auto", "var.from_env", "var.obj", "var.obj.c",
        "var.secret", "var.nope", "local.greeting", "local.ids", "local.outputs", "local.chained", "local.via_mod",
        "local.file", "local.nope", "path.module", "path.root", "path.cwd", "terraform.workspace",
        "terraform_data.x", "terraform_data.x.output.b", "terraform_data.x.output.s", "terraform_data.x.id == local.ids[0]",
        "terraform_data.many", "terraform_data.many[1].output", "length(terraform_data.many)",
        "terraform_data.each", "terraform_data.each[\"q\"].input", "keys(terraform_data.each)",
        "terraform_data.sens", "terraform_data.sens.output", "nonsensitive(terraform_data.sens.output)",
        "terraform_data.later", "terraform_data.later.id", "terraform_data.later_count",
        "data.terraform_remote_state.rs", "terraform_data.nope", "terraform_data.x.nope",
        "module.child", "module.child.doubled", "module.child.inner", "module.counted", "module.counted[1].doubled",
        "module.nope", "module.child.nope", "output.o",
        "terraform_data.x.count", "terraform_data.x[\"output\"]", "terraform_data.many[0].nope", "terraform_data.many.output",
        "terraform_data.x.output.nope", "terraform_data.x.id.nope", "data.terraform_remote_state.rs.outputs",
        "terraform_data.each.input", "terraform_data.many[0][\"output\"]", "terraform_data.rs", "var.nam", "local.greting", "var.req + 1",
    ]

    static func makeFixture() throws -> String {
        let dir = makeTempDir()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/child", withIntermediateDirectories: true)
        try mainTF.write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        try childTF.write(toFile: dir + "/child/main.tf", atomically: true, encoding: .utf8)
        try "file contents\n".write(toFile: dir + "/data.txt", atomically: true, encoding: .utf8)
        try "from_file = [\"f1\", \"f2\"]\n".write(toFile: dir + "/terraform.tfvars", atomically: true, encoding: .utf8)
        try "from_auto = \"auto\"\n".write(toFile: dir + "/x.auto.tfvars", atomically: true, encoding: .utf8)
        try "name = \"named-file\"\n".write(toFile: dir + "/named.tfvars", atomically: true, encoding: .utf8)
        let initRun = try #require(runTerraform(["init", "-no-color"], in: dir))
        try #require(initRun.code == 0, "terraform init failed: \(initRun.err)")
        let apply = try #require(runTerraform(["apply", "-auto-approve", "-no-color", "-var", "req=5"], in: dir))
        try #require(apply.code == 0, "terraform apply failed: \(apply.err)")
        // A second state with other values, for -state.
        let alt = try #require(runTerraform(["apply", "-auto-approve", "-no-color", "-var", "req=5", "-var", "name=alt",
                                              "-state=alt.tfstate"], in: dir))
        try #require(alt.code == 0, "terraform apply -state failed: \(alt.err)")
        // An empty second workspace, selected through TF_WORKSPACE in one variant.
        let ws = try #require(runTerraform(["workspace", "new", "-no-color", "w2"], in: dir))
        try #require(ws.code == 0, "terraform workspace new failed: \(ws.err)")
        let back = try #require(runTerraform(["workspace", "select", "-no-color", "default"], in: dir))
        try #require(back.code == 0, "terraform workspace select failed: \(back.err)")
        try laterTF.write(toFile: dir + "/later.tf", atomically: true, encoding: .utf8)
        return dir
    }

    func terraformConsole(_ expr: String, args: [String], env: [String: String], in dir: String) throws -> CLIRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(terraformPath))
        p.arguments = ["console"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var e = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TF_") }
        e["TF_CLI_CONFIG_FILE"] = "/dev/null"
        for (k, v) in env { e[k] = v }
        p.environment = e
        let input = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        try p.run()
        input.fileHandleForWriting.write(Data((expr + "\n").utf8))
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let er = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRun(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: er, as: UTF8.self))
    }

    func ours(_ expr: String, args: [String], env: [String: String], in dir: String) -> CLIRun {
        let capture = Capture()
        var lines = [expr][...]
        let ctx = CommandContext(workingDirectory: dir, environment: env, stdinIsTerminal: false,
                                 out: { capture.out += $0 }, err: { capture.err += $0 },
                                 readLine: { lines.popFirst() })
        let code = ConsoleCommand.run(ctx, args)
        return CLIRun(code: code, out: capture.out, err: capture.err)
    }

    @Test func matchesTerraformInAConfigurationDirectory() throws {
        let dir = try Self.makeFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let variants: [(args: [String], env: [String: String])] = [
            (["-no-color"], [:]),
            (["-no-color", "-var", "req=7", "-var-file=named.tfvars", "-var", "from_auto=cli"],
             ["TF_VAR_from_env": "{a = 1, b = 2}", "TF_VAR_name": "env"]),
            (["-no-color", "-state=alt.tfstate"], [:]),
            (["-no-color"], ["TF_WORKSPACE": "w2"]),
        ]
        var mismatches: [String] = []
        var compared = 0
        for v in variants {
            for expr in Self.expressions {
                let want = try terraformConsole(expr, args: v.args, env: v.env, in: dir)
                let got = ours(expr, args: v.args, env: v.env, in: dir)
                compared += 1
                if want.code != got.code || want.out != got.out || want.err != got.err {
                    mismatches.append("\(v.args) \(expr)\n  terraform [\(want.code)]: \(want.out.debugDescription) \(want.err.debugDescription)\n  ours      [\(got.code)]: \(got.out.debugDescription) \(got.err.debugDescription)")
                }
            }
        }
        print("console configuration differential: \(compared - mismatches.count)/\(compared) agree")
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
    }

    @Test func undeclaredCommandLineVariableIsAnError() throws {
        let dir = try Self.makeFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let want = try terraformConsole("1", args: ["-no-color", "-var", "undeclared=1"], env: [:], in: dir)
        let got = ours("1", args: ["-no-color", "-var", "undeclared=1"], env: [:], in: dir)
        #expect(got.code == 1)
        #expect(got.code == want.code)
        #expect(got.out == want.out)
        #expect(got.err == want.err)
    }
}
