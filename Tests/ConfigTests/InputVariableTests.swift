import Foundation
import HCL
import Testing
import Values
@testable import Config

/// Loads the root module in `dir` and computes its variable values as a plan would.
func variableValues(in dir: String, env: [String: String] = [:], flags: [(String, String)] = [],
                    requireAll: Bool = true) -> ([String: Value], Diagnostics) {
    var sources = SourceFiles()
    let (module, loadDiags) = ConfigLoader.loadModule(directory: dir, displayDirectory: "", sources: &sources)
    var diags = loadDiags
    let (raw, collectDiags) = InputVariables.collect(rootDirectory: dir, environment: env,
                                                     occurrences: flags.map { (name: $0.0, value: $0.1) }, sources: &sources)
    diags += collectDiags
    let (values, finalDiags) = InputVariables.finalize(raw, declarations: module.variables, requireAll: requireAll)
    diags += finalDiags
    return (values, diags)
}

@Suite struct InputVariableTests {
    static let declarations = """
    variable "x" {
      type = number
    }
    variable "s" {
      default = "d"
    }
    variable "l" {
      type    = list(string)
      default = []
    }
    variable "o" {
      type = object({
        a = string
        b = optional(number, 3)
      })
      default = { a = "z" }
    }
    variable "secret" {
      type      = string
      default   = "hunter2"
      sensitive = true
    }

    """

    func setup(_ files: [String: String]) -> String {
        let dir = tempDir("vars")
        write(Self.declarations, to: dir + "/main.tf")
        for (name, text) in files { write(text, to: dir + "/" + name) }
        return dir
    }

    @Test func precedenceFollowsTerraform() {
        let dir = setup([
            "terraform.tfvars": "x = 2\n",
            "a.auto.tfvars": "x = 3\n",
            "b.auto.tfvars": "x = 4\n",
            "named.tfvars": "x = 5\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["TF_VAR_x": "1"]
        func x(_ flags: [(String, String)]) -> String? {
            let (values, diags) = variableValues(in: dir, env: env, flags: flags)
            #expect(!diags.hasErrors, "\(diags.items)")
            return values["x"].map { ConsoleRenderer.render($0) }
        }
        #expect(x([]) == "4")
        #expect(x([("var-file", "named.tfvars")]) == "5")
        #expect(x([("var", "x=6"), ("var-file", "named.tfvars")]) == "5")
        #expect(x([("var-file", "named.tfvars"), ("var", "x=6")]) == "6")
    }

    // terraform 1.11.4: JSON variables files are read (auto-loaded and -var-file), their
    // strings verbatim ("${...}" is not interpolated), and they follow the same precedence.
    @Test func jsonVariablesFiles() {
        let dir = setup([
            "terraform.tfvars": "x = 2\n",
            "terraform.tfvars.json": "{\"x\": 3, \"s\": \"${var.x}\", \"o\": {\"a\": \"j\"}}",
            "named.tfvars.json": "{\"l\": [\"p\", 1]}",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (values, diags) = variableValues(in: dir, flags: [("var-file", "named.tfvars.json")])
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(values["x"].map { ConsoleRenderer.render($0) } == "3")
        #expect(values["s"]?.stringValue == "${var.x}")
        #expect(values["o"].map { ConsoleRenderer.render($0) } == "{\n  \"a\" = \"j\"\n  \"b\" = 3\n}")
        #expect(values["l"].map { ConsoleRenderer.render($0) } == "tolist([\n  \"p\",\n  \"1\",\n])")
        write("{\"x\": ", to: dir + "/bad.tfvars.json")
        let (_, badDiags) = variableValues(in: dir, flags: [("var-file", "bad.tfvars.json")])
        #expect(badDiags.hasErrors)
    }

    @Test func environmentIsTheWeakestSource() {
        let dir = setup([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (values, diags) = variableValues(in: dir, env: ["TF_VAR_x": "7", "TF_VAR_undeclared": "ignored"])
        #expect(!diags.hasErrors)
        #expect(values["x"].map { ConsoleRenderer.render($0) } == "7")
        #expect(values["s"]?.stringValue == "d")
    }

    @Test func typesDefaultsAndSensitivity() {
        let dir = setup(["terraform.tfvars": "x = \"10\"\nl = [1, true]\no = { a = \"q\" }\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (values, diags) = variableValues(in: dir)
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(values["x"]?.type == .number)
        #expect(values["l"].map { ConsoleRenderer.render($0) } == "tolist([\n  \"1\",\n  \"true\",\n])")
        #expect(values["o"]?.attributes?["b"].map { ConsoleRenderer.render($0) } == "3")
        #expect(values["secret"]?.isSensitive == true)
    }

    @Test func cliTextIsParsedByType() {
        let dir = setup([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (values, diags) = variableValues(in: dir, flags: [("var", "x=2"), ("var", "l=[\"a\"]"), ("var", "s=[\"a\"]")])
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(values["x"].map { ConsoleRenderer.render($0) } == "2")
        #expect(values["s"]?.stringValue == "[\"a\"]")
        #expect(values["l"].map { ConsoleRenderer.render($0) } == "tolist([\n  \"a\",\n])")
        // Primitive types take the text literally (terraform: "a number is required" for 1+1), only
        // collection and structural types parse it as an expression.
        let (_, sumDiags) = variableValues(in: dir, flags: [("var", "x=1+1")])
        #expect(sumDiags.items.map(\.detail) == ["Unsuitable value for var.x set using -var=\"x=...\": a number is required."])
    }

    @Test func errorsAndWarningsUseTerraformsWords() {
        let dir = setup(["terraform.tfvars": "x = \"ten\"\nnope = 1\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, diags) = variableValues(in: dir, flags: [("var", "undeclared=1"), ("var", "broken")])
        let summaries = diags.items.map(\.summary).sorted()
        #expect(summaries == ["Invalid -var option", "Invalid value for input variable", "Value for undeclared variable", "Value for undeclared variable"])
        let invalid = diags.items.first { $0.summary == "Invalid value for input variable" }
        #expect(invalid?.detail.hasPrefix("The given value is not suitable for var.x declared at main.tf:1,1-13: a number is required") == true)
        #expect(invalid?.subject?.filename == "terraform.tfvars")
    }

    @Test func missingRequiredVariable() {
        let dir = setup([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, diags) = variableValues(in: dir)
        #expect(diags.items.map(\.summary) == ["No value for required variable"])
        #expect(diags.items.first?.subject?.start.line == 1)
    }

    @Test func sensitiveValuesStayOutOfMessages() {
        let dir = setup(["terraform.tfvars": "x = 1\nsecret = [\"hunter3\"]\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, diags) = variableValues(in: dir)
        let invalid = diags.items.first { $0.summary == "Invalid value for input variable" }
        #expect(invalid?.detail.contains("which is sensitive") == true)
        #expect(diags.items.allSatisfy { !$0.detail.contains("hunter") })
    }
}

/// The same variables through `terraform console`, compared with our values
/// rendered the way the console prints them.
@Suite(.enabled(if: haveTerraform, "terraform not installed: input variable differential skipped"))
struct InputVariableDifferentialTests {
    @Test(arguments: [
        (["terraform.tfvars": "x = 2\nl = [\"a\", 1]\n", "z.auto.tfvars": "x = 9\n"], [String](), ["TF_VAR_s": "from-env"]),
        (["terraform.tfvars": "x = 2\n", "custom.tfvars": "o = { a = \"k\", b = 1 }\n"], ["-var-file=custom.tfvars", "-var=x=5"], [:]),
        ([:], ["-var=x=3", "-var=l=[\"p\",\"q\"]", "-var=s=plain"], ["TF_VAR_x": "1"]),
    ])
    func valuesMatchTerraformConsole(_ files: [String: String], _ args: [String], _ env: [String: String]) throws {
        let dir = tempDir("vars-diff")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(InputVariableTests.declarations, to: dir + "/main.tf")
        for (name, text) in files { write(text, to: dir + "/" + name) }
        let envPrefix = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let quotedArgs = args.map { "'\($0)'" }.joined(separator: " ")
        let names = ["x", "s", "l", "o"]
        var flags: [(String, String)] = []
        for a in args {
            let body = a.dropFirst()
            let eq = body.firstIndex(of: "=")!
            flags.append((String(body[..<eq]), String(body[body.index(after: eq)...])))
        }
        let (values, diags) = variableValues(in: dir, env: env, flags: flags)
        #expect(!diags.hasErrors, "\(diags.items)")
        for name in names {
            let (code, out) = sh("echo 'var.\(name)' | \(envPrefix) terraform console \(quotedArgs) 2>&1", in: dir)
            #expect(code == 0, "\(out)")
            let ours = values[name].map { ConsoleRenderer.render($0) } ?? "<none>"
            #expect(ours + "\n" == out, "var.\(name): terraform printed \(out)")
        }
    }
}
