import Foundation
@testable import State
import Testing

@Suite struct LocalStateTests {
    @Test func atomicWriteCreatesNewFilesPrivateAndKeepsModes() throws {
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = LocalStateStore(readPath: dir + "/terraform.tfstate", backupPath: dir + "/terraform.tfstate.backup")
        guard case .success(nil) = store.read() else { Issue.record("expected no state"); return }
        let state = StateFile(serial: 1, lineage: "l")
        guard case .success = store.write(state) else { Issue.record("write failed"); return }
        let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/terraform.tfstate")[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        // No leftovers from the temporary file, and no backup of a state that did not exist.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["terraform.tfstate"])
        chmod(dir + "/terraform.tfstate", 0o640)
        _ = store.read()
        var next = state
        next.outputs = [OutputValue(name: "a", value: .string("x"), type: .string("string"))]
        _ = store.write(next.preparedForWrite(after: state))
        let mode2 = (try FileManager.default.attributesOfItem(atPath: dir + "/terraform.tfstate")[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode2 == 0o640)
        #expect(CLIRunner.read(dir + "/terraform.tfstate.backup") == StateFileWriter.string(state))
        #expect(CLIRunner.read(dir + "/terraform.tfstate").contains("\"serial\": 2,"))
    }

    @Test func lockExcludesASecondHolderAndDescribesTheFirst() throws {
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/terraform.tfstate"
        let a = LocalStateStore(readPath: path, backupPath: nil)
        let b = LocalStateStore(readPath: path, backupPath: nil)
        let info = LockInfo.new(operation: "OperationTypeApply")
        guard case .success(let id) = a.lock(info) else { Issue.record("first lock failed"); return }
        #expect(FileManager.default.fileExists(atPath: dir + "/.terraform.tfstate.lock.info"))
        switch b.lock(LockInfo.new(operation: "OperationTypePlan")) {
        case .failure(.lockConflict(let message, let holder)):
            #expect(message == "Resource temporarily unavailable" || message == "resource temporarily unavailable")
            #expect(holder?.id == info.id)
            #expect(holder?.operation == "OperationTypeApply")
        default:
            Issue.record("second lock should conflict")
        }
        // Writes under the lock keep holding it (the renamed file is locked too).
        _ = a.write(StateFile(serial: 1, lineage: "x"))
        guard case .failure(.lockConflict) = b.lock(LockInfo.new(operation: "x")) else {
            Issue.record("lock lost after write"); return
        }
        #expect(a.unlock("wrong") != nil)
        guard case .success = a.unlock(id) else { Issue.record("unlock failed"); return }
        #expect(!FileManager.default.fileExists(atPath: dir + "/.terraform.tfstate.lock.info"))
        guard case .success(let id2) = b.lock(LockInfo.new(operation: "y")) else { Issue.record("relock failed"); return }
        _ = b.unlock(id2)
    }

    @Test func lockLeftByADeadProcessDoesNotBlock() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A crashed run leaves its info file, but its fcntl lock died with it.
        let stale = #"{"ID":"dead","Operation":"OperationTypeApply","Info":"","Who":"ghost@gone","Version":"1.11.4","Created":"2026-01-01T00:00:00Z","Path":"terraform.tfstate"}"#
        try stale.write(toFile: dir + "/.terraform.tfstate.lock.info", atomically: true, encoding: .utf8)
        let r = CLIRunner.terraswift(["state", "rm", "terraform_data.single"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/.terraform.tfstate.lock.info"))
    }

    @Test func lockHeldElsewhereIsReportedLikeTerraformAndNothingIsWritten() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let holder = LocalStateStore(readPath: dir + "/terraform.tfstate", backupPath: nil)
        var info = LockInfo.new(operation: "OperationTypeApply")
        info.who = "someone@host"
        guard case .success(let id) = holder.lock(info) else { Issue.record("lock failed"); return }
        defer { _ = holder.unlock(id) }
        let before = Fixtures.bytes("full.tfstate")
        let r = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("\nError: Error acquiring the state lock\n\nError message: resource temporarily unavailable\nLock Info:\n  ID:        \(info.id)\n  Path:      \(dir)/terraform.tfstate\n  Operation: OperationTypeApply\n  Who:       someone@host\n"))
        #expect(r.err.hasSuffix("again. For most commands, you can disable locking with the \"-lock=false\"\nflag, but this is not recommended.\n\n"))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == String(decoding: before, as: UTF8.self))
    }

    /// terraform and terraswift exclude each other: terraform's fcntl lock blocks terraswift and back.
    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: cross-tool lock test skipped"))
    func terraswiftLockBlocksTerraform() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let holder = LocalStateStore(readPath: dir + "/terraform.tfstate", backupPath: nil)
        guard case .success(let id) = holder.lock(LockInfo.new(operation: "OperationTypeApply")) else { return }
        let r = CLIRunner.terraform(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("Error acquiring the state lock"))
        _ = holder.unlock(id)
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == Fixtures.text("full.tfstate"))
    }

    @Test func erroredStateIsWrittenBesideTheConfiguration() throws {
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard case .state(let s) = StateFileReader.read(Fixtures.bytes("full.tfstate")) else { return }
        guard case .success(let path) = ErroredState.write(s, in: dir) else { Issue.record("write failed"); return }
        #expect(path == dir + "/errored.tfstate")
        #expect(CLIRunner.read(path) == Fixtures.text("full.tfstate"))
    }

    @Test func workspacesLiveUnderTerraformTfstateD() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let created = CLIRunner.terraswift(["workspace", "new", "-no-color", "dev"], in: dir)
        #expect(created.code == 0, "\(created.err)")
        #expect(created.out.contains("Created and switched to workspace \"dev\"!"))
        #expect(FileManager.default.fileExists(atPath: dir + "/terraform.tfstate.d/dev"))
        #expect(CLIRunner.terraswift(["workspace", "show"], in: dir).out == "dev\n")
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir).out == "  default\n* dev\n\n")
        #expect(CLIRunner.terraswift(["state", "list", "-no-color"], in: dir).err.hasPrefix("No state file was found!"))
        #expect(CLIRunner.terraswift(["workspace", "new", "-no-color", "dev"], in: dir).err.contains("Workspace \"dev\" already exists"))
        #expect(CLIRunner.terraswift(["workspace", "delete", "-no-color", "dev"], in: dir).code == 1)
        #expect(CLIRunner.terraswift(["workspace", "select", "-no-color", "default"], in: dir).out == "Switched to workspace \"default\".\n")
        let deleted = CLIRunner.terraswift(["workspace", "delete", "-no-color", "dev"], in: dir)
        #expect(deleted.out == "Deleted workspace \"dev\"!\n", "\(deleted.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/terraform.tfstate.d/dev"))
        #expect(CLIRunner.terraswift(["workspace", "select", "-no-color", "nope"], in: dir).code == 1)
    }

    /// Terraform's own workspace layout is read as terraform wrote it.
    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: workspace differential skipped"))
    func workspaceMadeByTerraform() throws {
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        #expect(CLIRunner.terraform(["workspace", "new", "zeta"], in: dir).code == 0)
        #expect(CLIRunner.terraform(["workspace", "new", "-state=\(Fixtures.path("full.tfstate"))", "alpha"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["workspace", "new", "-state=\(Fixtures.path("full.tfstate"))", "beta"], in: dir).code == 0)
        let tfState = CLIRunner.read(dir + "/terraform.tfstate.d/alpha/terraform.tfstate")
        let tsState = CLIRunner.read(dir + "/terraform.tfstate.d/beta/terraform.tfstate")
        func withoutLineage(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"lineage\"") }.joined(separator: "\n") }
        #expect(StateText.normalisedChecks(withoutLineage(tfState)) == StateText.normalisedChecks(withoutLineage(tsState)))
        #expect(tsState.contains("\"serial\": 1,"))
        #expect(CLIRunner.terraswift(["workspace", "select", "alpha"], in: dir).code == 0)
        for args in [["workspace", "list"], ["workspace", "show"]] {
            #expect(CLIRunner.terraswift(args, in: dir) == CLIRunner.terraform(args, in: dir))
        }
        #expect(CLIRunner.terraform(["workspace", "list"], in: dir).out == "* alpha\n  beta\n  default\n  zeta\n\n" ||
                CLIRunner.terraform(["workspace", "list"], in: dir).out == "  default\n* alpha\n  beta\n  zeta\n\n")
        #expect(CLIRunner.terraswift(["workspace", "list"], in: dir) == CLIRunner.terraform(["workspace", "list"], in: dir))
    }
}

extension Result where Success == Void {
    static func != (lhs: Result<Void, Failure>, rhs: Never?) -> Bool {
        if case .failure = lhs { return true }
        return false
    }
}
