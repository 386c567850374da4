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
}
