import Foundation
import Testing
@testable import Config
import JSON

/// Checks against the real terraform binary; skipped, with a visible reason, where it is absent.
@Suite(.enabled(if: terraformPath != nil, "terraform not installed: schema and fmt differentials skipped"))
struct TerraformDifferentialTests {
    /// schemas/terraform.json must be what `terraform providers schema -json`
    /// prints for the builtin provider, to the byte once written compactly.
    @Test func builtinProviderSchemaMatchesTerraform() throws {
        let terraform = try #require(terraformPath)
        let dir = try makeTempDir("builtin-schema")
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"resource "terraform_data" "a" {}"#.write(to: dir.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)

        let initRun = try #require(run(terraform, ["init", "-input=false", "-no-color"], in: dir))
        try #require(initRun.code == 0, "terraform init failed: \(initRun.err)")
        let schemaRun = try #require(run(terraform, ["providers", "schema", "-json"], in: dir))
        try #require(schemaRun.code == 0, "terraform providers schema failed: \(schemaRun.err)")

        let theirs = try JSON.parse(schemaRun.out)
        let embedded = try #require(ProviderSchemas.embeddedDocuments.first { $0.fileName == "terraform.json" })
        let ours = try JSON.parse(embedded.json)
        #expect(ours == theirs)
        #expect(JSONWriter().string(ours) + "\n" == schemaRun.out)

        let decoded = try ProviderSchema.decodeDocument(schemaRun.out)
        #expect(decoded.first == (try ProviderSchemas.schema(forSource: "terraform.io/builtin/terraform")))
    }

    /// The bootstrap configuration in terraform/ is formatted the way terraform formats it.
    @Test func bootstrapConfigurationIsFormatted() throws {
        let terraform = try #require(terraformPath)
        let config = repositoryRoot.appendingPathComponent("terraform")
        try #require(FileManager.default.fileExists(atPath: config.appendingPathComponent("versions.tf").path))
        let result = try #require(run(terraform, ["fmt", "-check", "-recursive", "-diff", "-no-color"], in: config))
        #expect(result.code == 0, "terraform fmt -check found unformatted files:\n\(result.out)\(result.err)")
    }

    /// terraform parses the bootstrap configuration, installs its local modules and
    /// asks for exactly the providers we carry. Providers cannot be installed here
    /// (an empty filesystem mirror keeps terraform off the network), so that must be
    /// the only kind of error. A module that forgets its own required_providers
    /// shows up as a request for hashicorp/<name>.
    @Test func bootstrapConfigurationParsesAndNamesOurProviders() throws {
        let terraform = try #require(terraformPath)
        let work = try makeTempDir("bootstrap-init")
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("terraform")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("terraform"), to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".terraform"))
        let mirror = work.appendingPathComponent("empty-mirror")
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        let cliConfig = work.appendingPathComponent("cli.tfrc")
        try "provider_installation {\n  filesystem_mirror {\n    path = \"\(mirror.path)\"\n  }\n}\n"
            .write(to: cliConfig, atomically: true, encoding: .utf8)

        let result = try #require(run(terraform, ["init", "-backend=false", "-input=false", "-no-color"], in: copy,
                                      env: ["TF_CLI_CONFIG_FILE": cliConfig.path]))
        let text = (result.out + result.err).split(whereSeparator: \.isWhitespace).joined(separator: " ")

        let errors = text.components(separatedBy: "Error: ").count - 1
        let providerErrors = text.components(separatedBy: "Error: Failed to query available provider packages").count - 1
        #expect(result.code == 1)
        #expect(errors == 5 && providerErrors == errors, "only the five provider installs may fail:\n\(text)")

        let requested = Set(matches(of: #"provider (\S+) was not found"#, in: text))
        #expect(requested == [
            "registry.terraform.io/terraform-provider-openstack/openstack",
            "registry.terraform.io/rancher/rancher2",
            "registry.terraform.io/gavinbunney/kubectl",
            "registry.terraform.io/hashicorp/local",
            "registry.terraform.io/hashicorp/random",
        ])

        let manifest = try String(contentsOf: copy.appendingPathComponent(".terraform/modules/modules.json"), encoding: .utf8)
        let keys = try JSON.parse(manifest)["Modules"]?.arrayValue?.compactMap { $0["Key"]?.stringValue }
        #expect(keys?.sorted() == ["", "gitops", "kubernetes", "network", "nodes"])
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
