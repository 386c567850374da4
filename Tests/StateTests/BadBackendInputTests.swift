import Foundation
import JSON
@testable import State
import Testing
import TestSupport

/// Unusable state in a backend or with odd contents: a diagnostic, and the
/// stored bytes unchanged; where terraform accepts the state, the same result as terraform.
@Suite(.serialized) struct BadBackendInputTests {
    static let truncated = Array(Fixtures.bytes("full.tfstate").prefix(700))

    @Test func truncatedStateOnTheHTTPServerIsNotOverwritten() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        server.setState(Self.truncated)
        let dir = HTTPBackendTests.directory(for: server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("The state file could not be parsed as JSON: syntax error at byte offset 700."))
        let push = CLIRunner.terraswift(["state", "push", "-no-color", Fixtures.path("full.tfstate")], in: dir)
        #expect(push.code == 1)
        #expect(server.currentState == Self.truncated)
        #expect(!server.log.contains { $0.hasPrefix("POST") })
        #expect(server.currentLock == nil, "the lock taken for the edit is released")
    }

    @Test(.enabled(if: PostgresServer.available, "PostgreSQL server binaries not found: pg bad-input test skipped"))
    func newerFormatInPostgresIsNotOverwritten() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let dir = PGBackendTests.directory(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        let future = Fixtures.text("full.tfstate").replacingOccurrences(of: "\"version\": 4", with: "\"version\": 5")
        let db = try PGSession.connect(server.connectionString).get()
        defer { db.close() }
        _ = try db.query("UPDATE terraform_remote_state.states SET data = \(future) WHERE name = 'default'")
        let r = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("The state file uses format version 5, which is not supported by Terraform 1.11.4."))
        let rows = try db.query("SELECT data FROM terraform_remote_state.states WHERE name = 'default'")
        #expect(try rows.first?.decode(String.self) == future)
    }

    /// Attribute values of the wrong shape: listing and editing work as in terraform
    /// (the bytes of the odd instance are kept as they are), showing fails as in terraform.
    @Test(arguments: ["string-attributes", "unwrapped-dynamic"])
    func wrongAttributeShapes(_ name: String) throws {
        var text = Fixtures.text("full.tfstate")
        // terraform_data.single's attributes object, from its opening brace to its closing one.
        let id = try #require(text.range(of: "\"id\": \"5024f71c-73b5-4472-667f-dfb4f55e5914\","))
        let open = try #require(text.range(of: "\"attributes\": {", options: .backwards, range: text.startIndex..<id.lowerBound))
        let close = try #require(text.range(of: "\"triggers_replace\": null\n          }", range: id.upperBound..<text.endIndex))
        let input = try #require(text.range(of: "\"input\": {", range: id.upperBound..<close.lowerBound))
        let inputEnd = try #require(text.range(of: "},", range: input.upperBound..<close.lowerBound))
        if name == "string-attributes" {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: "\"attributes\": \"oops\"")
        } else {
            text.replaceSubrange(input.lowerBound..<inputEnd.upperBound, with: "\"input\": 5,")
        }
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/terraform.tfstate", atomically: true, encoding: .utf8)

        #expect(CLIRunner.terraswift(["state", "list"], in: dir).out == Fixtures.text("expected/list.stdout.txt"))
        let json = CLIRunner.terraswift(["show", "-json", "-no-color"], in: dir)
        #expect(json == RunResult(code: 1, out: "", err: "Failed to marshal state to json: missing expected {"))
        let show = CLIRunner.terraswift(["state", "show", "-no-color", "terraform_data.single"], in: dir)
        #expect(show == RunResult(code: 0, out: "The state file is empty. No resources are represented.\n", err: "Failed to marshal state to json: missing expected {"))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == text)

        guard Fixtures.hasTerraform else { print("terraform not installed: wrong-shape differential skipped"); return }
        #expect(CLIRunner.terraform(["show", "-json", "-no-color"], in: dir) == json)
        #expect(CLIRunner.terraform(["state", "show", "-no-color", "terraform_data.single"], in: dir) == show)
        // Other instances still show (terraform marshals only the one asked for).
        let other = ["state", "show", "-no-color", "terraform_data.counted[0]"]
        #expect(CLIRunner.terraform(other, in: dir) == CLIRunner.terraswift(other, in: dir))
        // Removing another resource: both tools write the same bytes, odd instance included.
        let theirs = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: theirs) }
        try text.write(toFile: theirs + "/terraform.tfstate", atomically: true, encoding: .utf8)
        #expect(CLIRunner.terraform(["state", "rm", "terraform_data.counted"], in: theirs).code == 0)
        #expect(CLIRunner.terraswift(["state", "rm", "terraform_data.counted"], in: dir).code == 0)
        #expect(StateText.normalisedChecks(CLIRunner.read(dir + "/terraform.tfstate")) == StateText.normalisedChecks(CLIRunner.read(theirs + "/terraform.tfstate")))
    }

    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: newer-version differential skipped"))
    func stateFromANewerTerraformIsEditedAsTerraformEditsIt() throws {
        let text = Fixtures.text("full.tfstate").replacingOccurrences(of: "\"terraform_version\": \"1.11.4\"", with: "\"terraform_version\": \"9.9.9\"")
        var results: [String: (RunResult, String)] = [:]
        for tool in ["terraform", "terraswift"] {
            let dir = Fixtures.tempDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try text.write(toFile: dir + "/terraform.tfstate", atomically: true, encoding: .utf8)
            let args = ["state", "rm", "-no-color", "terraform_data.single"]
            let r = tool == "terraform" ? CLIRunner.terraform(args, in: dir) : CLIRunner.terraswift(args, in: dir)
            results[tool] = (r, StateText.normalisedChecks(CLIRunner.read(dir + "/terraform.tfstate")))
        }
        #expect(results["terraswift"]?.0.code == results["terraform"]?.0.code)
        #expect(results["terraswift"]?.0.err == results["terraform"]?.0.err)
        #expect(results["terraswift"]?.1 == results["terraform"]?.1)
    }
}
