import Engine
import Foundation
import JSON
import ProviderTerraform
import State
import Testing
import TestSupport
import Values

/// `data "terraform_remote_state"` through the provider protocol (the engine does
/// not read data sources yet), over the local and http backends, and against
/// terraform reading the same state file.
@Suite(.serialized) struct RemoteStateTests {
    static let stateText = """
    {
      "version": 4,
      "terraform_version": "1.11.4",
      "serial": 3,
      "lineage": "3f0a6a8e-1111-2222-3333-444455556666",
      "outputs": {
        "name": { "value": "web", "type": "string" },
        "ports": { "value": [80, 443], "type": ["list", "number"] },
        "tags": { "value": { "a": "x" }, "type": ["map", "string"] }
      },
      "resources": [],
      "check_results": null
    }
    """

    func config(_ dir: String, _ attrs: [String: Value]) -> (Value, [ProviderDiagnostic]) {
        let provider = TerraformProvider(workingDirectory: dir)
        let block = provider.schema().dataSources["terraform_remote_state"]!.block
        let cfg = block.object(attrs)
        let v = provider.validateDataResourceConfig(typeName: "terraform_remote_state", config: cfg)
        if v.hasErrors { return (.null(block.impliedType), v) }
        return provider.readDataSource(typeName: "terraform_remote_state", config: cfg)
    }

    @Test func readsOutputsFromLocalBackendWithDefaults() throws {
        let dir = Tools.tempDirectory("remote-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Tools.write(["other.tfstate": Self.stateText], in: dir)
        let (v, diags) = config(dir, [
            "backend": .string("local"),
            "config": .object(["path": .string("other.tfstate")]),
            "defaults": .object(["name": .string("fallback"), "extra": .int(1)]),
        ])
        #expect(diags.isEmpty, "\(diags.map(\.detail))")
        let outputs = try #require(v["outputs"]?.attributes)
        #expect(outputs["name"]?.str == "web")
        #expect(outputs["extra"]?.num == 1)
        #expect(outputs["ports"]?.rawEquals(.list([.int(80), .int(443)], elementType: .number)) == true)
        #expect(outputs["tags"]?.rawEquals(.map(["a": .string("x")])) == true)
        #expect(v["workspace"]?.isNull == true && v["backend"]?.str == "local")
    }

    @Test func workspaceStateAndMissingState() {
        let dir = Tools.tempDirectory("remote-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try? FileManager.default.createDirectory(atPath: dir + "/terraform.tfstate.d/blue", withIntermediateDirectories: true)
        Tools.write(["terraform.tfstate.d/blue/terraform.tfstate": Self.stateText], in: dir)
        let (v, diags) = config(dir, ["backend": .string("local"), "workspace": .string("blue")])
        #expect(diags.isEmpty)
        #expect(v["outputs"]?["name"]?.str == "web")
        let (missing, mdiags) = config(dir, ["backend": .string("local")])
        #expect(mdiags.map(\.summary) == ["Unable to find remote state"])
        #expect(mdiags.first?.attribute == .attribute("workspace"))
        #expect(missing["outputs"]?.rawEquals(.emptyObject) == true)
    }

    @Test func badConfigurationIsDiagnosed() {
        let dir = Tools.tempDirectory("remote-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, unknownBackend) = config(dir, ["backend": .string("nope")])
        #expect(unknownBackend.map(\.detail) == ["There is no backend type named \"nope\"."])
        let (_, badArg) = config(dir, ["backend": .string("local"), "config": .object(["bucket": .string("b")])])
        #expect(badArg.map(\.detail) == ["The given configuration is not valid for backend \"local\": unexpected attribute \"bucket\"."])
        let (_, badType) = config(dir, ["backend": .string("local"), "config": .string("x")])
        #expect(badType.first?.summary == "Invalid backend configuration")
        let (_, badDefaults) = config(dir, ["backend": .string("local"), "defaults": .string("x")])
        #expect(badDefaults.map(\.detail) == ["Defaults must be given in an object value."])
    }

    @Test func readsOutputsOverHTTP() throws {
        let body = Array(Self.stateText.utf8)
        let server = try LoopbackServer { req in
            req.method == "GET" && req.path == "/state/app" ? (200, [("Content-Type", "application/json")], body) : (404, [], [])
        }
        defer { server.stop() }
        let dir = Tools.tempDirectory("remote-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (v, diags) = config(dir, ["backend": .string("http"), "config": .object(["address": .string(server.baseURL + "/state/app")])])
        #expect(diags.isEmpty, "\(diags.map(\.detail))")
        #expect(v["outputs"]?["ports"]?.elements?.count == 2)
    }

    @Test(.enabled(if: PostgresServer.available, "PostgreSQL server binaries not found: pg remote state test skipped"))
    func readsOutputsFromPostgres() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        guard case .state(let state) = StateFileReader.read(Array(Self.stateText.utf8)) else {
            Issue.record("fixture state did not parse")
            return
        }
        var settings = PGBackend.Settings()
        settings.connectionString = server.connectionString
        let store = try PGBackend(settings: settings).stateStore(workspace: "green").get()
        try store.write(state).get()
        let dir = Tools.tempDirectory("remote-state")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (v, diags) = config(dir, ["backend": .string("pg"), "workspace": .string("green"),
                                      "config": .object(["conn_str": .string(server.connectionString)])])
        #expect(diags.isEmpty, "\(diags.map(\.detail))")
        #expect(v["outputs"]?["name"]?.str == "web")
        let (_, missing) = config(dir, ["backend": .string("pg"), "config": .object(["conn_str": .string(server.connectionString)])])
        #expect(missing.map(\.summary) == ["Unable to find remote state"])
    }

    /// terraform writes a state (default and a second workspace) and reads it back
    /// through terraform_remote_state; the provider here must see the same outputs.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func matchesTerraformReadingTheSameState() throws {
        let root = Tools.tempDirectory("remote-state-diff")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let producer = root + "/producer", consumer = root + "/consumer"
        for d in [producer, consumer] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        Tools.write(["main.tf": """
        variable "colour" {
          default = "red"
        }
        resource "terraform_data" "r" {
          input = { size = 3, ratio = 1.5 }
        }
        output "s" { value = var.colour }
        output "n" { value = 12345678901234567890 }
        output "obj" { value = terraform_data.r.output }
        output "list" { value = [true, false] }
        output "nested" { value = { a = [1, 2], b = { c = "d" } } }
        output "null" { value = null }
        """], in: producer)
        #expect(Tools.terraform(["apply", "-auto-approve", "-input=false"], in: producer).code == 0)
        #expect(Tools.terraform(["workspace", "new", "blue"], in: producer).code == 0)
        #expect(Tools.terraform(["apply", "-auto-approve", "-input=false", "-var", "colour=blue"], in: producer).code == 0)

        // Bad configuration: both name the same problem.
        for (backend, cfg, attrs) in [
            ("nope", "{}", ["backend": Value.string("nope")]),
            ("local", "{ bucket = \"b\" }", ["backend": .string("local"), "config": .object(["bucket": .string("b")])]),
            ("local", "{ path = [1] }", ["backend": .string("local"), "config": .object(["path": .tuple([.int(1)])])]),
        ] as [(String, String, [String: Value])] {
            Tools.write(["main.tf": """
            data "terraform_remote_state" "p" {
              backend = "\(backend)"
              config  = \(cfg)
            }
            """], in: consumer)
            let tf = Tools.terraform(["plan", "-no-color", "-input=false"], in: consumer)
            let (_, diags) = config(consumer, attrs)
            #expect(tf.code == 1)
            let detail = diags.first?.detail ?? "(none)"
            #expect(tf.err.replacingOccurrences(of: "\n", with: " ").contains(detail), "terraform said:\n\(tf.err)\nwe said: \(detail)")
        }

        // The same state served over HTTP: both tools read it through the http backend.
        let served = Array(Tools.read(producer + "/terraform.tfstate").utf8)
        let server = try LoopbackServer { req in req.method == "GET" ? (200, [("Content-Type", "application/json")], served) : (405, [], []) }
        defer { server.stop() }
        Tools.write(["main.tf": """
        data "terraform_remote_state" "p" {
          backend = "http"
          config = { address = "\(server.baseURL)/state" }
        }
        output "all" { value = data.terraform_remote_state.p.outputs }
        """], in: consumer)
        let overHTTP = Tools.terraform(["apply", "-auto-approve", "-input=false", "-no-color"], in: consumer)
        #expect(overHTTP.code == 0, "\(overHTTP)")
        let httpExpected = try JSON.parse(Array(Tools.terraform(["output", "-json", "all"], in: consumer).out.utf8))
        let (hv, hdiags) = config(consumer, ["backend": .string("http"), "config": .object(["address": .string(server.baseURL + "/state")])])
        #expect(hdiags.isEmpty, "\(hdiags.map(\.detail))")
        let houtputs = try #require(hv["outputs"])
        #expect(StateValueCodec.encode(houtputs, as: houtputs.type) == httpExpected)

        for (workspace, defaults) in [(nil, false), ("blue", true), ("nope", false)] as [(String?, Bool)] {
            var args = "backend = \"local\"\n  config = { path = \"../producer/terraform.tfstate\", workspace_dir = \"../producer/terraform.tfstate.d\" }\n"
            if let workspace { args += "  workspace = \"\(workspace)\"\n" }
            if defaults { args += "  defaults = { s = \"default\", extra = \"e\" }\n" }
            Tools.write(["main.tf": """
            data "terraform_remote_state" "p" {
              \(args)
            }
            output "all" { value = data.terraform_remote_state.p.outputs }
            """], in: consumer)
            let applied = Tools.terraform(["apply", "-auto-approve", "-input=false", "-no-color"], in: consumer)

            var attrs: [String: Value] = ["backend": .string("local"), "config": .object([
                "path": .string("../producer/terraform.tfstate"), "workspace_dir": .string("../producer/terraform.tfstate.d")])]
            if let workspace { attrs["workspace"] = .string(workspace) }
            if defaults { attrs["defaults"] = .object(["s": .string("default"), "extra": .string("e")]) }
            let (v, diags) = config(consumer, attrs)
            if workspace == "nope" {
                // Both refuse a workspace with no state, with the same message.
                #expect(applied.code == 1)
                #expect(diags.map(\.summary) == ["Unable to find remote state"])
                #expect(applied.err.contains("Error: Unable to find remote state"), "\(applied)")
                #expect(applied.err.contains("No stored state was found for the given workspace in the given backend."))
                continue
            }
            #expect(applied.code == 0, "\(applied)")
            let out = Tools.terraform(["output", "-json", "all"], in: consumer)
            let expected = try JSON.parse(Array(out.out.utf8))
            #expect(diags.isEmpty, "\(diags.map(\.detail))")
            let outputs = try #require(v["outputs"])
            let got = StateValueCodec.encode(outputs, as: outputs.type)
            #expect(got == expected, "workspace \(workspace ?? "default")")
        }
    }
}
