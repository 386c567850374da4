import Foundation
import JSON
@testable import State
import Testing

/// The http backend against a GitLab-style server on 127.0.0.1, driven through
/// the CLI in a directory initialised as terraform initialises it.
@Suite(.serialized) struct HTTPBackendTests {
    /// A working directory whose `.terraform/terraform.tfstate` records the http backend, as `init` writes it.
    static func directory(for server: GitLabStateServer, extra: [String: JSONValue] = [:]) -> String {
        let dir = Fixtures.tempDirectory()
        try? FileManager.default.createDirectory(atPath: dir + "/.terraform", withIntermediateDirectories: true)
        var config: [JSONMember] = [
            JSONMember(key: "address", value: .string(server.address)),
            JSONMember(key: "lock_address", value: .string(server.lockAddress)),
            JSONMember(key: "unlock_address", value: .string(server.lockAddress)),
            JSONMember(key: "retry_wait_min", value: .number("0")),
            JSONMember(key: "retry_wait_max", value: .number("0")),
            JSONMember(key: "username", value: .null),
        ]
        for (k, v) in extra { config.append(JSONMember(key: k, value: v)) }
        let doc: JSONValue = .object([
            "version": .number(3), "terraform_version": .string("1.11.4"),
            "backend": .object(["type": .string("http"), "config": .object(config), "hash": .number(1)]),
        ])
        try? Data(JSONWriter(indent: "  ").string(doc).utf8).write(to: URL(fileURLWithPath: dir + "/.terraform/terraform.tfstate"))
        return dir
    }

    @Test func pushPullListAndEditThroughTheServer() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        let dir = Self.directory(for: server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // Nothing stored yet: pull prints nothing, list says there is no state.
        #expect(CLIRunner.terraswift(["state", "pull"], in: dir).out == "")
        let push = CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir)
        #expect(push.code == 0, "\(push.err)")
        #expect(server.currentState.map { String(decoding: $0, as: UTF8.self) } == Fixtures.text("full.tfstate"))
        #expect(server.currentLock == nil)
        #expect(server.log.contains("LOCK /state/lock") && server.log.contains("UNLOCK /state/lock"))

        let list = CLIRunner.terraswift(["state", "list"], in: dir)
        #expect(list.out == Fixtures.text("expected/list.stdout.txt"))

        let rm = CLIRunner.terraswift(["state", "rm", "module.num"], in: dir)
        #expect(rm.code == 0)
        #expect(server.currentState.map { StateText.normalisedChecks(String(decoding: $0, as: UTF8.self)) } == StateText.normalisedChecks(Fixtures.text("expected/rm-module.tfstate")))
        // The write carried the lock ID, as terraform sends it.
        #expect(server.log.contains { $0.hasPrefix("POST /state?ID=") })
    }

    @Test func lockConflictShowsTheHoldersLockInfoAndWritesNothing() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        server.setState(Fixtures.bytes("full.tfstate"))
        let holder = #"{"ID":"7a9a5bfe-0000-4000-8000-000000000001","Operation":"OperationTypeApply","Info":"","Who":"alice@ci","Version":"1.11.4","Created":"2026-11-27T10:00:00.5Z","Path":""}"#
        server.setLock(Array(holder.utf8))
        let dir = Self.directory(for: server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let r = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("Error: Error acquiring the state lock"))
        // As terraform does: the holder's ID in the message, this run's own request as "Lock Info".
        #expect(r.err.contains("Error message: HTTP remote state already locked:\nID=7a9a5bfe-0000-4000-8000-000000000001\nLock Info:\n"))
        #expect(r.err.contains("  Operation: state-rm\n"))
        #expect(server.currentState == Fixtures.bytes("full.tfstate"))

        // force-unlock releases it; then the edit goes through.
        let unlock = CLIRunner.terraswift(["force-unlock", "-force", "7a9a5bfe-0000-4000-8000-000000000001"], in: dir)
        #expect(unlock.code == 0)
        #expect(server.currentLock == nil)
        #expect(CLIRunner.terraswift(["state", "rm", "terraform_data.single"], in: dir).code == 0)
    }

    @Test func htmlFromTheBackendIsAClearErrorAndNoWrite() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        server.setState(Fixtures.bytes("full.tfstate"))
        let dir = Self.directory(for: server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        server.serveHTML = true
        let r = CLIRunner.terraswift(["state", "list", "-no-color"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("Unsupported state file format: The state file could not be parsed as JSON: syntax error at byte offset 1."))
        let rm = CLIRunner.terraswift(["state", "rm", "-lock=false", "terraform_data.single"], in: dir)
        #expect(rm.code == 1)
        server.serveHTML = false
        #expect(server.currentState == Fixtures.bytes("full.tfstate"))
        #expect(!server.log.contains { $0.hasPrefix("POST") })
    }

    @Test func retriesServerErrorsAndUsesBasicAuth() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        server.setState(Fixtures.bytes("full.tfstate"))
        server.credentials = ("gitlab-ci-token", "s3cret")
        server.failuresLeft = 2
        let dir = Self.directory(for: server, extra: ["username": .string("gitlab-ci-token")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Password from TF_HTTP_PASSWORD, as GitLab's docs set it.
        let r = CLIRunner.terraswift(["state", "list"], in: dir, env: ["TF_HTTP_PASSWORD": "s3cret"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == Fixtures.text("expected/list.stdout.txt"))
        #expect(server.log.filter { $0 == "GET /state" }.count == 3)
        let denied = CLIRunner.terraswift(["state", "list", "-no-color"], in: dir, env: ["TF_HTTP_PASSWORD": "wrong"])
        #expect(denied.code == 1)
        #expect(denied.err.contains("HTTP remote state endpoint requires auth"))
        #expect(!denied.err.contains("wrong") && !r.err.contains("s3cret"))
    }

    @Test func workspacesAreNotSupported() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        let dir = Self.directory(for: server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = CLIRunner.terraswift(["workspace", "new", "-no-color", "dev"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("workspaces not supported"))
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir).out == "* default\n\n")
    }

    /// terraform itself uses the same server: what terraswift pushed, terraform lists
    /// the same, and what terraform then writes, terraswift reads.
    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: differential http test skipped"))
    func terraformSharesTheServer() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = """
        terraform {
          backend "http" {
            address        = "\(server.address)"
            lock_address   = "\(server.lockAddress)"
            unlock_address = "\(server.lockAddress)"
          }
        }
        """
        try config.write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let initResult = CLIRunner.terraform(["init", "-input=false", "-no-color"], in: dir)
        #expect(initResult.code == 0, "\(initResult.err)")
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        let tfList = CLIRunner.terraform(["state", "list"], in: dir)
        #expect(tfList.out == CLIRunner.terraswift(["state", "list"], in: dir).out)
        // terraform edits; terraswift must see exactly its bytes.
        #expect(CLIRunner.terraform(["state", "rm", "terraform_data.single"], in: dir).code == 0)
        let pulled = CLIRunner.terraswift(["state", "pull"], in: dir).out
        #expect(pulled == server.currentState.map { String(decoding: $0, as: UTF8.self) + "\n" })
        // A lock terraswift's server holds blocks terraform with the same lock info.
        server.setLock(Array(#"{"ID":"abc","Operation":"OperationTypeApply","Info":"","Who":"bob@host","Version":"1.11.4","Created":"2026-11-27T10:00:00Z","Path":""}"#.utf8))
        let tfBlocked = CLIRunner.terraform(["state", "rm", "-no-color", "terraform_data.dependent"], in: dir)
        let tsBlocked = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.dependent"], in: dir)
        #expect(tfBlocked.code == 1 && tsBlocked.code == 1)
        func withoutRunDetails(_ s: String) -> String {
            s.split(separator: "\n").filter { !$0.hasPrefix("  ID:") && !$0.hasPrefix("  Created:") }.joined(separator: "\n")
        }
        #expect(withoutRunDetails(tsBlocked.err) == withoutRunDetails(tfBlocked.err))
    }
}
