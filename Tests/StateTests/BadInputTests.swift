import Foundation
@testable import State
import Testing

/// Broken or foreign state: a clear diagnostic like terraform's, no write, the bytes untouched.
@Suite struct BadInputTests {
    static let full = Fixtures.text("full.tfstate")

    static let cases: [(String, String, String)] = [
        ("truncated", String(full.prefix(500)),
         "Failed to load state: 2 problems:\n\n- Unsupported state file format: The state file could not be parsed as JSON: syntax error at byte offset 500.\n- Unsupported state file format: The state file does not have a \"version\" attribute, which is required to identify the format version."),
        ("html", "<html><body>Bad gateway</body></html>\n",
         "Failed to load state: 2 problems:\n\n- Unsupported state file format: The state file could not be parsed as JSON: syntax error at byte offset 1.\n- Unsupported state file format: The state file does not have a \"version\" attribute, which is required to identify the format version."),
        ("v5", full.replacingOccurrences(of: "\"version\": 4", with: "\"version\": 5"),
         "Failed to load state: Unsupported state file format: The state file uses format version 5, which is not supported by Terraform 1.11.4. This state file was created by Terraform 1.11.4."),
        ("wrongtype", full.replacingOccurrences(of: "\"serial\": ", with: "\"serial\": \"x\", \"x\": "),
         "Failed to load state: Invalid state file format: The state file field \"serial\" has invalid value string"),
        ("schema-version-type", full.replacingOccurrences(of: "\"schema_version\": 0", with: "\"schema_version\": true"),
         "Failed to load state: Invalid state file format: The state file field \"resources.instances.schema_version\" has invalid value bool"),
    ]

    @Test(arguments: cases.map(\.0))
    func badStateIsRefusedAndLeftIntact(_ name: String) throws {
        guard let (_, text, message) = Self.cases.first(where: { $0.0 == name }) else { return }
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/terraform.tfstate", atomically: true, encoding: .utf8)
        let list = CLIRunner.terraswift(["state", "list", "-no-color"], in: dir)
        #expect(list.code == 1)
        #expect(list.err == message + "\n")
        let rm = CLIRunner.terraswift(["state", "rm", "-no-color", "terraform_data.single"], in: dir)
        #expect(rm.code == 1)
        #expect(rm.err.contains(message.replacingOccurrences(of: "Failed to load state", with: "Failed to refresh state")))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == text)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files == ["terraform.tfstate"])
        if Fixtures.hasTerraform {
            let tf = CLIRunner.terraform(["state", "list", "-no-color"], in: dir)
            #expect(tf.err == list.err, "terraform says: \(tf.err)")
        }
    }

    /// `output` shows the reader's diagnostics themselves (not wrapped in one error), as terraform does.
    @Test func outputOnATruncatedStateShowsTheReadersDiagnostics() throws {
        let dir = Fixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = String(Self.full.prefix(500))
        try text.write(toFile: dir + "/terraform.tfstate", atomically: true, encoding: .utf8)
        let out = CLIRunner.terraswift(["output", "-no-color"], in: dir)
        #expect(out.code == 1)
        #expect(out.err == """

        Error: Unsupported state file format

        The state file could not be parsed as JSON: syntax error at byte offset 500.

        Error: Unsupported state file format

        The state file does not have a "version" attribute, which is required to
        identify the format version.

        """)
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == text)
        if Fixtures.hasTerraform {
            let tf = CLIRunner.terraform(["output", "-no-color"], in: dir)
            #expect(tf.err == out.err, "terraform says: \(tf.err)")
            #expect(tf.code == out.code)
        }
    }

    @Test func newerTerraformVersionIsAcceptedAsTerraformAcceptsIt() {
        let text = Self.full.replacingOccurrences(of: "\"terraform_version\": \"1.11.4\"", with: "\"terraform_version\": \"9.9.9\"")
        guard case .state(let s) = StateFileReader.read(Array(text.utf8)) else { Issue.record("should read"); return }
        #expect(s.terraformVersion == "9.9.9")
    }

    @Test func invalidAddressesInStateAreDiagnosed() {
        let text = Self.full.replacingOccurrences(of: "\"module\": \"module.num[0]\"", with: "\"module\": \"module.\"")
        guard case .failed(let diags) = StateFileReader.read(Array(text.utf8)) else { Issue.record("should fail"); return }
        #expect(diags.hasErrors)
        let badStatus = Self.full.replacingOccurrences(of: "\"schema_version\": 0,\n          \"attributes\": {\n            \"id\": \"", with: "\"status\": \"weird\", \"schema_version\": 0,\n          \"attributes\": {\n            \"id\": \"")
        guard case .failed(let d2) = StateFileReader.read(Array(badStatus.utf8)) else { Issue.record("should fail"); return }
        #expect(StateStoreError.goErrorText(d2).contains("has invalid status \"weird\""))
    }

    @Test func pushRefusesOtherLineageAndOlderSerialWithoutForce() throws {
        let dir = CLIRunner.scratch(as: "terraform.tfstate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let other = Self.full.replacingOccurrences(of: "\"lineage\": \"", with: "\"lineage\": \"x")
        try other.write(toFile: dir + "/other.tfstate", atomically: true, encoding: .utf8)
        let r = CLIRunner.terraswift(["state", "push", "-no-color", "other.tfstate"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("cannot import state with lineage"))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == Self.full)
        let older = Self.full.replacingOccurrences(of: "\"serial\": ", with: "\"serial\": 1, \"x\": ")
        try older.write(toFile: dir + "/older.tfstate", atomically: true, encoding: .utf8)
        let r2 = CLIRunner.terraswift(["state", "push", "-no-color", "older.tfstate"], in: dir)
        #expect(r2.err.contains("cannot import state with serial 1 over newer state with serial"))
        #expect(CLIRunner.read(dir + "/terraform.tfstate") == Self.full)
        let forced = CLIRunner.terraswift(["state", "push", "-force", "other.tfstate"], in: dir)
        #expect(forced.code == 0)
        #expect(CLIRunner.read(dir + "/terraform.tfstate").contains("\"lineage\": \"x"))
    }
}
