import Foundation
import Testing
import JSON

/// A Python interpreter that can run schemas/tools/standin-provider.py (it needs grpcio):
/// $TERRASWIFT_PYTHON if set, else python3 when it has grpcio.
let standinPython: String? = {
    var candidates: [String] = []
    if let configured = ProcessInfo.processInfo.environment["TERRASWIFT_PYTHON"] { candidates.append(configured) }
    if let python3Path { candidates.append(python3Path) }
    for python in candidates where FileManager.default.isExecutableFile(atPath: python) {
        if run(python, ["-c", "import grpc"], in: repositoryRoot)?.code == 0 { return python }
    }
    return nil
}()

/// terraform validates terraform/ with every provider schema served from schemas/
/// by the stand-in plugin, so terraform itself checks each resource, argument and
/// block the bootstrap uses, and the schema files are shown to load in terraform.
@Suite(.enabled(if: terraformPath != nil && standinPython != nil,
                "terraform or a python3 with grpcio (set TERRASWIFT_PYTHON) missing: stand-in provider validation skipped"),
       .serialized)
struct StandinProviderTests {
    struct Validation {
        var valid: Bool
        var errors: [(summary: String, file: String, line: Int)]
    }

    /// Copies terraform/ to a temporary directory, lets `edit` change it, and runs
    /// `terraform validate -json` there with the stand-in providers.
    func validateBootstrap(edit: (URL) throws -> Void = { _ in }) throws -> Validation {
        let terraform = try #require(terraformPath)
        let python = try #require(standinPython)
        let work = try makeTempDir("standin")
        defer { try? FileManager.default.removeItem(at: work) }

        let config = try #require(run(python, ["schemas/tools/standin-provider.py", "--cli-config", work.appendingPathComponent("plugins").path],
                                      in: repositoryRoot))
        try #require(config.code == 0, "\(config.err)")
        let cliConfig = work.appendingPathComponent("cli.tfrc")
        try config.out.write(to: cliConfig, atomically: true, encoding: .utf8)

        let copy = work.appendingPathComponent("terraform")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("terraform"), to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".terraform"))
        try edit(copy)

        let env = ["TF_CLI_CONFIG_FILE": cliConfig.path]
        let get = try #require(run(terraform, ["get", "-no-color"], in: copy, env: env))
        try #require(get.code == 0, "terraform get: \(get.err)")
        let result = try #require(run(terraform, ["validate", "-json", "-no-color"], in: copy, env: env))
        let doc = try JSON.parse(result.out)
        let diagnostics = doc["diagnostics"]?.arrayValue ?? []
        let errors = diagnostics.filter { $0["severity"]?.stringValue == "error" }.map {
            (summary: $0["summary"]?.stringValue ?? "",
             file: $0["range"]?["filename"]?.stringValue ?? "",
             line: $0["range"]?["start"]?["line"]?.intValue ?? 0)
        }
        return Validation(valid: doc["valid"]?.boolValue ?? false, errors: errors)
    }

    @Test func bootstrapIsValid() throws {
        let result = try validateBootstrap()
        #expect(result.valid)
        #expect(result.errors.isEmpty, "\(result.errors)")
    }

    /// The check can fail: mistakes seeded into the copy are each reported where they are.
    /// (Each case starts five plugin processes; about 25 s apiece on a busy machine.)
    @Test(arguments: [
        ("modules/nodes/main.tf", "  flavor_name = each.value.flavor", "  flavour_name = each.value.flavor", "Unsupported argument"),
        ("modules/network/main.tf", "  router_id = openstack_networking_router_v2.cluster.id\n", "", "Missing required argument"),
        ("modules/kubernetes/main.tf", "    upgrade_strategy {", "    upgrade_stratgy {", "Unsupported block type"),
    ])
    func seededMistakeIsReported(file: String, original: String, replacement: String, summary: String) throws {
        var expectedLine = 0
        let result = try validateBootstrap { copy in
            let url = copy.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let range = try #require(text.range(of: original), "\(file) no longer contains \(original)")
            expectedLine = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
            try text.replacingCharacters(in: range, with: replacement).write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(!result.valid)
        #expect(result.errors.count == 1, "\(result.errors)")
        let error = try #require(result.errors.first)
        #expect(error.summary == summary)
        #expect(error.file == file)
        // A missing argument is reported on the block header, not on the removed line.
        if summary != "Missing required argument" { #expect(error.line == expectedLine) }
    }
}
