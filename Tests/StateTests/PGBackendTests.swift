import Foundation
import JSON
@testable import State
import Testing
import TestSupport

/// The pg backend against a real PostgreSQL started here (skipped, visibly,
/// where no server binaries exist: run .ci/pg-setup.sh).
@Suite(.serialized, .enabled(if: PostgresServer.available, "PostgreSQL server binaries not found: pg backend tests skipped (run .ci/pg-setup.sh)"))
struct PGBackendTests {
    static func directory(_ server: PostgresServer, schema: String = "terraform_remote_state") -> String {
        let dir = Fixtures.tempDirectory()
        try? FileManager.default.createDirectory(atPath: dir + "/.terraform", withIntermediateDirectories: true)
        let doc: JSONValue = .object([
            "version": .number(3), "terraform_version": .string("1.11.4"),
            "backend": .object(["type": .string("pg"), "config": .object([
                "conn_str": .string(server.connectionString), "schema_name": .string(schema),
            ]), "hash": .number(1)]),
        ])
        try? Data(JSONWriter(indent: "  ").string(doc).utf8).write(to: URL(fileURLWithPath: dir + "/.terraform/terraform.tfstate"))
        return dir
    }

    @Test func stateWorkspacesAndLocksInPostgres() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let dir = Self.directory(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let push = CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir)
        #expect(push.code == 0, "\(push.err)")
        #expect(CLIRunner.terraswift(["state", "pull"], in: dir).out == Fixtures.text("full.tfstate") + "\n")
        #expect(CLIRunner.terraswift(["state", "list"], in: dir).out == Fixtures.text("expected/list.stdout.txt"))
        let rm = CLIRunner.terraswift(["state", "rm", "module.num"], in: dir)
        #expect(rm.code == 0, "\(rm.err)")
        #expect(StateText.normalisedChecks(CLIRunner.terraswift(["state", "pull"], in: dir).out)
                == StateText.normalisedChecks(Fixtures.text("expected/rm-module.tfstate")))

        // A held advisory lock blocks an edit, which then writes nothing.
        let backend = PGBackend(settings: { var s = PGBackend.Settings(); s.connectionString = server.connectionString; return s }())
        guard case .success(let holder) = backend.stateStore(workspace: "default"),
              case .success(let id) = holder.lock(LockInfo.new(operation: "OperationTypeApply")) else {
            Issue.record("could not take the lock"); return
        }
        let before = CLIRunner.terraswift(["state", "pull"], in: dir).out
        let blocked = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(blocked.code == 1)
        #expect(blocked.err.contains("Error message: Workspace is already locked: default"))
        #expect(CLIRunner.terraswift(["state", "pull"], in: dir).out == before)
        _ = holder.unlock(id)
        #expect(CLIRunner.terraswift(["state", "rm", "terraform_data.single"], in: dir).code == 0)

        // Workspaces are rows.
        #expect(CLIRunner.terraswift(["workspace", "new", "dev"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "new", "alpha"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir).out == "  default\n* alpha\n  dev\n\n")
        #expect(CLIRunner.terraswift(["workspace", "select", "default"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "delete", "dev"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir).out == "* default\n  alpha\n\n")
    }

    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: pg differential skipped"))
    func terraformSharesTheDatabase() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "terraform {\n  backend \"pg\" {\n    conn_str = \"\(server.connectionString)\"\n  }\n}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let initResult = CLIRunner.terraform(["init", "-input=false", "-no-color"], in: dir)
        #expect(initResult.code == 0, "\(initResult.err)")
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        #expect(CLIRunner.terraform(["state", "list"], in: dir).out == CLIRunner.terraswift(["state", "list"], in: dir).out)
        #expect(CLIRunner.terraform(["workspace", "new", "staging"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir) == CLIRunner.terraform(["workspace", "list"], in: dir))
        #expect(CLIRunner.terraswift(["workspace", "new", "prod"], in: dir).code == 0)
        #expect(CLIRunner.terraform(["workspace", "list"], in: dir).out == "  default\n* prod\n  staging\n\n")
        #expect(CLIRunner.terraform(["workspace", "select", "default"], in: dir).code == 0)
        #expect(CLIRunner.terraform(["state", "rm", "terraform_data.single"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["state", "list"], in: dir).out == CLIRunner.terraform(["state", "list"], in: dir).out)
    }
}
