import Foundation
import JSON
@testable import State
import Testing
import TestSupport

/// Locks that outlive their holder, waiting with -lock-timeout, and force-unlock.
@Suite(.serialized) struct LockTests {
    @Test func lockTimeoutWaitsForTheHolderThenGoesOn() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let holder = LocalStateStore(readPath: dir + "/terraform.tfstate", backupPath: nil)
        guard case .success(let id) = holder.lock(LockInfo.new(operation: "OperationTypeApply")) else {
            Issue.record("lock failed"); return
        }
        // Too short a wait: terraform's lock error, nothing written.
        let start = Date()
        let short = CLIRunner.terraswift(["state", "rm", "-no-color", "-lock-timeout=300ms", "terraform_data.single"], in: dir)
        #expect(short.code == 1)
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(short.out.contains("Acquiring state lock. This may take a few moments..."))
        #expect(short.err.contains("Error: Error acquiring the state lock\n\nError message: resource temporarily unavailable\nLock Info:\n  ID:        \(id)\n"))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == Fixtures.text("full.tfstate"))

        // Released while the command waits: it takes the lock and goes on.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { _ = holder.unlock(id) }
        let long = CLIRunner.terraswift(["state", "rm", "-no-color", "-lock-timeout=20s", "terraform_data.single"], in: dir)
        #expect(long.code == 0, "\(long.err)")
        #expect(!CLIRunner.read(dir + "/terraform.tfstate").contains("\"name\": \"single\""))
    }

    @Test(.enabled(if: PostgresServer.available, "PostgreSQL server binaries not found: pg lock tests skipped"))
    func pgLockDiesWithItsSessionAndForceUnlockIsTerraformsNoOp() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let dir = PGBackendTests.directory(server)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        let backend = PGBackend(settings: { var s = PGBackend.Settings(); s.connectionString = server.connectionString; return s }())

        // force-unlock cannot release another session's advisory lock: terraform's pg
        // client forgets nothing it does not hold and reports success; the lock stays.
        var holder: StateStore? = try backend.stateStore(workspace: "default").get()
        guard case .success(let id)? = holder?.lock(LockInfo.new(operation: "OperationTypeApply")) else {
            Issue.record("could not lock"); return
        }
        let unlock = CLIRunner.terraswift(["force-unlock", "-force", "-no-color", id], in: dir)
        #expect(unlock.code == 0, "\(unlock.err)")
        #expect(unlock.out == "Terraform state has been successfully unlocked!\n\nThe state has been unlocked, and Terraform commands should now be able to\nobtain a new lock on the remote state.\n")
        let blocked = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(blocked.code == 1)
        #expect(blocked.err.contains("Error message: Workspace is already locked: default"))
        #expect(CLIRunner.terraswift(["state", "pull"], in: dir).out == Fixtures.text("full.tfstate") + "\n")

        // The holder dies (its connection closes): the lock goes with it, once the
        // server has ended that session (hence a lock timeout rather than a race).
        holder = nil
        let after = CLIRunner.terraswift(["state", "rm", "-no-color", "-lock-timeout=20s", "terraform_data.single"], in: dir)
        #expect(after.code == 0, "\(after.err)")
        _ = holder
    }

    @Test(.enabled(if: PostgresServer.available && Fixtures.hasTerraform, "PostgreSQL or terraform missing: pg force-unlock differential skipped"))
    func pgForceUnlockSaysWhatTerraformSays() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "terraform {\n  backend \"pg\" {\n    conn_str = \"\(server.connectionString)\"\n  }\n}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        #expect(CLIRunner.terraform(["init", "-input=false", "-no-color"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        let tf = CLIRunner.terraform(["force-unlock", "-force", "-no-color", "1234"], in: dir)
        let ts = CLIRunner.terraswift(["force-unlock", "-force", "-no-color", "1234"], in: dir)
        #expect(ts == tf)
    }
}
