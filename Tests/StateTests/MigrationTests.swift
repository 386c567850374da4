import Foundation
import JSON
@testable import State
import Testing
import TestSupport

/// `init` moving state between backends: local → http (GitLab-style server on
/// 127.0.0.1), http → pg and pg → local (a real PostgreSQL), with terraform's
/// questions, flags and results.
@Suite(.serialized) struct MigrationTests {
    static func httpBlock(_ server: GitLabStateServer) -> String {
        """
        terraform {
          backend "http" {
            address        = "\(server.address)"
            lock_address   = "\(server.lockAddress)"
            unlock_address = "\(server.lockAddress)"
            retry_wait_min = 0
            retry_wait_max = 0
          }
        }

        """
    }

    static func pgBlock(_ server: PostgresServer) -> String {
        "terraform {\n  backend \"pg\" {\n    conn_str = \"\(server.connectionString)\"\n  }\n}\n"
    }

    /// A directory with local state in the default and `dev` workspaces (as terraform leaves them).
    static func localDirectory(withDev: Bool = true) -> String {
        let dir = Fixtures.tempDirectory()
        try? FileManager.default.copyItem(atPath: Fixtures.path("full.tfstate"), toPath: dir + "/terraform.tfstate")
        if withDev {
            try? FileManager.default.createDirectory(atPath: dir + "/terraform.tfstate.d/dev", withIntermediateDirectories: true)
            try? FileManager.default.copyItem(atPath: Fixtures.path("full.tfstate"), toPath: dir + "/terraform.tfstate.d/dev/terraform.tfstate")
        }
        return dir
    }

    static func state(_ bytes: [UInt8]?) -> StateFile? {
        guard let bytes, case .state(let s) = StateFileReader.read(bytes) else { return nil }
        return s
    }

    static var fixture: StateFile { state(Fixtures.bytes("full.tfstate"))! }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1
    }

    @Test func localToHTTPWithForceCopyMovesStateAndEmptiesTheLocalFiles() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        let dir = Self.localDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.httpBlock(server).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)

        let r = CLIRunner.terraswift(["init", "-no-color", "-force-copy"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Successfully configured the backend \"http\"!"))
        // terraform's remote state manager starts a fresh lineage at serial 1 in an empty backend.
        let copied = try #require(Self.state(server.currentState))
        #expect(copied.sameContent(as: Self.fixture))
        #expect(copied.serial == 1)
        #expect(copied.lineage != Self.fixture.lineage && !copied.lineage.isEmpty)
        #expect(server.currentLock == nil)
        // Every non-empty local workspace is emptied, its last snapshot kept as the backup.
        #expect(Self.size(dir + "/terraform.tfstate") == 0)
        #expect(Self.size(dir + "/terraform.tfstate.d/dev/terraform.tfstate") == 0)
        #expect(CLIRunner.read(dir + "/terraform.tfstate.backup") == Fixtures.text("full.tfstate"))
        #expect(CLIRunner.terraswift(["state", "list"], in: dir).out == Fixtures.text("expected/list.stdout.txt"))
    }

    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: migration differential skipped"))
    func localToHTTPMatchesTerraform() throws {
        var stored: [String: [UInt8]] = [:]
        var locals: [String: [Int]] = [:]
        for tool in ["terraform", "terraswift"] {
            let server = try GitLabStateServer()
            defer { server.stop() }
            let dir = Self.localDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try Self.httpBlock(server).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
            let r = tool == "terraform" ? CLIRunner.terraform(["init", "-no-color", "-force-copy"], in: dir)
                : CLIRunner.terraswift(["init", "-no-color", "-force-copy"], in: dir)
            #expect(r.code == 0, "\(tool): \(r.err)")
            stored[tool] = server.currentState
            locals[tool] = [Self.size(dir + "/terraform.tfstate"), Self.size(dir + "/terraform.tfstate.d/dev/terraform.tfstate"),
                            Self.size(dir + "/terraform.tfstate.backup")]
        }
        // Lineages are random on both sides; everything else is byte for byte.
        func masked(_ b: [UInt8]?) -> String {
            let text = String(decoding: b ?? [], as: UTF8.self)
            return StateText.normalisedChecks(text.replacingOccurrences(of: #""lineage": "[^"]*""#, with: "\"lineage\": \"-\"", options: .regularExpression))
        }
        #expect(masked(stored["terraswift"]) == masked(stored["terraform"]))
        #expect(locals["terraswift"] == locals["terraform"])
    }

    @Test func noInputMeansNoMigrationAndNothingChanges() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        // One workspace: the single-state question, refused for want of input.
        let single = Self.localDirectory(withDev: false)
        defer { try? FileManager.default.removeItem(atPath: single) }
        try Self.httpBlock(server).write(toFile: single + "/main.tf", atomically: true, encoding: .utf8)
        let r = CLIRunner.terraswift(["init", "-no-color", "-input=false"], in: single)
        #expect(r.code == 1)
        #expect(r.err.contains("Error: Can't ask approval for state migration when interactive input is disabled.\n\nPlease remove the \"-input=false\" option and try again."))
        #expect(server.currentState == nil)
        #expect(CLIRunner.read(single + "/terraform.tfstate") == Fixtures.text("full.tfstate"))
        #expect(!FileManager.default.fileExists(atPath: single + "/.terraform/terraform.tfstate"))

        // Several workspaces into a single-state backend: terraform asks first which to copy.
        let multi = Self.localDirectory()
        defer { try? FileManager.default.removeItem(atPath: multi) }
        try Self.httpBlock(server).write(toFile: multi + "/main.tf", atomically: true, encoding: .utf8)
        let m = CLIRunner.terraswift(["init", "-no-color", "-input=false"], in: multi)
        #expect(m.code == 1)
        #expect(m.err.contains("Error: Error asking for state migration action: input is disabled"))
        #expect(server.currentState == nil)
        #expect(CLIRunner.read(multi + "/terraform.tfstate.d/dev/terraform.tfstate") == Fixtures.text("full.tfstate"))
    }

    @Test func answersDecideTheCopy() throws {
        let server = try GitLabStateServer()
        defer { server.stop() }
        let dir = Self.localDirectory(withDev: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.httpBlock(server).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        // "no": nothing copied; the new backend starts empty (and local state is still set aside, as terraform does).
        let no = CLIRunner.terraswift(["init", "-no-color"], in: dir, input: ["no"])
        #expect(no.code == 0, "\(no.err)")
        #expect(no.out.contains("""
        Do you want to copy existing state to the new backend?
          Pre-existing state was found while migrating the previous "local" backend to the
          newly configured "http" backend. No existing state was found in the newly
          configured "http" backend. Do you want to copy this state to the new "http"
          backend? Enter "yes" to copy and "no" to start with an empty state.

          Enter a value: 
        """))
        #expect(server.currentState == nil)
        #expect(Self.size(dir + "/terraform.tfstate") == 0)

        // "yes" over an existing remote state: the overwrite question, then the copy keeps
        // the source's lineage with the serial moved past it.
        try FileManager.default.removeItem(atPath: dir + "/.terraform")
        try FileManager.default.copyItem(atPath: dir + "/terraform.tfstate.backup", toPath: dir + "/source.tfstate")
        try FileManager.default.removeItem(atPath: dir + "/terraform.tfstate")
        try FileManager.default.moveItem(atPath: dir + "/source.tfstate", toPath: dir + "/terraform.tfstate")
        var other = Self.fixture
        other.resources.removeAll { $0.address.resource.name == "single" }
        other.lineage = "00000000-1111-2222-3333-444444444444"
        server.setState(StateFileWriter.bytes(other))
        let yes = CLIRunner.terraswift(["init", "-no-color"], in: dir, input: ["maybe", "yes"])
        #expect(yes.code == 0, "\(yes.err)")
        #expect(yes.out.contains("An existing non-empty state already exists in\n  the new backend."))
        #expect(yes.out.contains("  Previous (type \"local\"): "))
        let copied = try #require(Self.state(server.currentState))
        #expect(copied.sameContent(as: Self.fixture))
        #expect(copied.lineage == Self.fixture.lineage)
        #expect(copied.serial == Self.fixture.serial + 1)
    }

    @Test(.enabled(if: PostgresServer.available, "PostgreSQL server binaries not found: http → pg → local migration skipped"))
    func httpToPGToLocalCarriesWorkspaces() throws {
        let http = try GitLabStateServer()
        defer { http.stop() }
        let pg = try PostgresServer()
        defer { pg.stop() }
        http.setState(Fixtures.bytes("full.tfstate"))
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.httpBlock(http).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        #expect(CLIRunner.terraswift(["init", "-no-color"], in: dir).code == 0)

        // A changed backend needs -migrate-state or -reconfigure.
        try Self.pgBlock(pg).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let refused = CLIRunner.terraswift(["init", "-no-color"], in: dir)
        #expect(refused.code == 1)
        #expect(refused.err.contains("Error: Backend configuration changed\n\nA change in the backend configuration has been detected, which may require\nmigrating existing state."))
        #expect(CLIRunner.read(dir + "/.terraform/terraform.tfstate").contains("\"type\": \"http\""))

        let moved = CLIRunner.terraswift(["init", "-no-color", "-migrate-state", "-force-copy"], in: dir)
        #expect(moved.code == 0, "\(moved.err)")
        #expect(moved.out.contains("Terraform detected that the backend type changed from \"http\" to \"pg\"."))
        #expect(CLIRunner.read(dir + "/.terraform/terraform.tfstate").contains("\"type\": \"pg\""))
        #expect(CLIRunner.terraswift(["state", "list"], in: dir).out == Fixtures.text("expected/list.stdout.txt"))
        #expect(http.currentState == Fixtures.bytes("full.tfstate"), "the source stays as it was")

        // A second workspace in pg, then back to local: both workspaces arrive, with
        // their lineage and serial as they were (a local destination keeps them).
        #expect(CLIRunner.terraswift(["workspace", "new", "dev"], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["state", "push", Fixtures.path("full.tfstate")], in: dir).code == 0)
        #expect(CLIRunner.terraswift(["state", "rm", "terraform_data.single"], in: dir).code == 0)
        let devText = CLIRunner.terraswift(["state", "pull"], in: dir).out
        #expect(CLIRunner.terraswift(["workspace", "select", "default"], in: dir).code == 0)
        let defaultText = CLIRunner.terraswift(["state", "pull"], in: dir).out
        try "resource \"terraform_data\" \"x\" {}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let back = CLIRunner.terraswift(["init", "-no-color", "-migrate-state", "-force-copy"], in: dir)
        #expect(back.code == 0, "\(back.err)")
        #expect(back.out.contains("Terraform has detected you're unconfiguring your previously set \"pg\" backend.\n"))
        #expect(back.out.contains("Successfully unset the backend \"pg\". Terraform will now operate locally.\n"))
        // (`state pull` prints the snapshot and a newline.)
        #expect(CLIRunner.read(dir + "/terraform.tfstate") + "\n" == defaultText)
        #expect(CLIRunner.read(dir + "/terraform.tfstate.d/dev/terraform.tfstate") + "\n" == devText)
        #expect(CLIRunner.read(dir + "/.terraform/terraform.tfstate") == "{\n  \"version\": 3,\n  \"terraform_version\": \"1.11.4\"\n}")
    }

    @Test func reconfigureRecordsTheNewBackendWithoutCopying() throws {
        let first = try GitLabStateServer()
        defer { first.stop() }
        let second = try GitLabStateServer()
        defer { second.stop() }
        first.setState(Fixtures.bytes("full.tfstate"))
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.httpBlock(first).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        #expect(CLIRunner.terraswift(["init", "-no-color"], in: dir).code == 0)
        try Self.httpBlock(second).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let r = CLIRunner.terraswift(["init", "-no-color", "-reconfigure"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(second.currentState == nil)
        #expect(CLIRunner.read(dir + "/.terraform/terraform.tfstate").contains(second.address))
        #expect(first.currentState == Fixtures.bytes("full.tfstate"))
    }
}

extension MigrationTests {
    /// A `backend "local"` block with another path is a backend of its own: the
    /// default state moves to the new path, as terraform moves it.
    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: local-path migration differential skipped"))
    func localBackendWithAnotherPathMatchesTerraform() throws {
        var files: [String: [String: String]] = [:]
        for tool in ["terraform", "terraswift"] {
            let dir = Self.localDirectory(withDev: false)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try "terraform {\n  backend \"local\" {\n    path = \"other.tfstate\"\n  }\n}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
            let args = ["init", "-no-color", "-force-copy"]
            let r = tool == "terraform" ? CLIRunner.terraform(args, in: dir) : CLIRunner.terraswift(args, in: dir)
            #expect(r.code == 0, "\(tool): \(r.err)")
            #expect(r.out.contains("Successfully configured the backend \"local\"!"))
            var seen: [String: String] = [:]
            for name in ["terraform.tfstate", "terraform.tfstate.backup", "other.tfstate", ".terraform/terraform.tfstate"] {
                // (check_results in terraform's map order, which varies)
                seen[name] = StateText.normalisedChecks(CLIRunner.read(dir + "/" + name))
            }
            files[tool] = seen
        }
        #expect(files["terraswift"] == files["terraform"])
    }

    /// The default `backend "local" {}` block: nothing moves, nothing is emptied.
    @Test func defaultLocalBlockKeepsTheState() throws {
        let dir = Self.localDirectory(withDev: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "terraform {\n  backend \"local\" {}\n}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let r = CLIRunner.terraswift(["init", "-no-color", "-force-copy"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == Fixtures.text("full.tfstate"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/terraform.tfstate.backup"))
    }
}

extension MigrationTests {
    /// Running init again over an unchanged backend says nothing about the backend,
    /// as terraform; terraform's own colours for the migration messages.
    @Test(.enabled(if: Fixtures.hasTerraform, "terraform not installed: init message differential skipped"))
    func reinitAndUnsetMessagesMatchTerraform() throws {
        var outputs: [String: [String]] = [:]
        for tool in ["terraform", "terraswift"] {
            let server = try GitLabStateServer()
            defer { server.stop() }
            server.setState(Fixtures.bytes("full.tfstate"))
            let dir = Fixtures.tempDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            func run(_ args: [String]) -> RunResult {
                tool == "terraform" ? CLIRunner.terraform(args, in: dir) : CLIRunner.terraswift(args, in: dir)
            }
            try Self.httpBlock(server).write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
            _ = run(["init"])
            let again = run(["init"])
            try "resource \"terraform_data\" \"x\" {}\n".write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
            let unset = run(["init", "-migrate-state", "-force-copy"])
            // Up to the provider section, which differs by design (terraswift carries its providers).
            func backendPart(_ r: RunResult) -> String {
                String(r.out.components(separatedBy: "Initializing provider plugins...").first ?? "") + "|\(r.code)"
            }
            outputs[tool] = [backendPart(again), backendPart(unset), StateText.normalisedChecks(CLIRunner.read(dir + "/terraform.tfstate"))]
        }
        #expect(outputs["terraswift"] == outputs["terraform"])
    }
}
