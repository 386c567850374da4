import Foundation
import Testing
@testable import HCL

/// Runs terraform itself (the oracle) on truncated and mutated versions of the corpus
/// and compares its syntax diagnostics with ours. Skipped, visibly, without terraform.
@Suite struct ParserDifferentialTests {
    static let terraformPath = "/usr/local/bin/terraform"
    static let terraformPresent = FileManager.default.isExecutableFile(atPath: terraformPath)

    /// Every summary the native-syntax parser can produce; terraform's other diagnostics
    /// (schema decoding, references) are not the parser's business.
    static let parserSummaries: Set<String> = [
        "Attribute redefined", "Invalid argument name", "Unclosed configuration block", "Unclosed configuration body",
        "Argument or block definition required", "Argument definition required", "Missing newline after argument",
        "Unexpected comma after argument", "Invalid block definition", "Invalid single-argument block definition",
        "Missing newline after block definition", "Missing false expression in conditional", "Invalid legacy index syntax",
        "Nested splat expression not allowed", "Invalid attribute name", "Missing close bracket on splat index",
        "Missing close bracket on index", "Unbalanced parentheses", "Missing expression", "Invalid expression",
        "Invalid number literal", "Missing function name", "Missing open parenthesis", "Missing closing parenthesis",
        "Unterminated function call", "Missing argument separator", "Unterminated tuple constructor expression",
        "Missing item separator", "Missing attribute value", "Missing key/value separator",
        "Unterminated object constructor expression", "Missing attribute separator", "Invalid 'for' expression",
        "Invalid string literal", "Unterminated string literal", "Invalid escape sequence", "Unexpected end of template",
        "Unexpected else directive", "Unexpected endif directive", "Unexpected endfor directive",
        "Unclosed template interpolation sequence", "Extra characters after interpolation expression",
        "Invalid template directive", "Invalid 'for' directive", "Invalid template control keyword",
        "Extra characters in if marker", "Extra characters in for marker", "Extra characters in else marker",
        "Extra characters in endif marker", "Extra characters in endfor marker", "Unterminated template string",
        "Unsupported operator", "Invalid character", "Invalid character encoding", "Invalid multi-line string",
    ]

    static func terraformDiagnostics(_ source: [UInt8]) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tsw-hcl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(source).write(to: dir.appendingPathComponent("main.tf"))
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: terraformPath)
        proc.arguments = ["validate", "-json", "-no-color"]
        proc.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        env["TF_IN_AUTOMATION"] = "1"
        proc.environment = env
        let out = Pipe()
        proc.standardOutput = out
        proc.standardError = FileHandle.nullDevice
        try proc.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let diags = obj["diagnostics"] as? [[String: Any]] else { return ["<unreadable terraform output>"] }
        return diags.compactMap { d -> String? in
            guard let summary = d["summary"] as? String, parserSummaries.contains(summary) else { return nil }
            let detail = ((d["detail"] as? String) ?? "").replacingOccurrences(of: "\n", with: "\\n")
            var s = "-", e = "-"
            if let r = d["range"] as? [String: Any], let st = r["start"] as? [String: Int], let en = r["end"] as? [String: Int] {
                s = "\(st["line"] ?? 0):\(st["column"] ?? 0):\(st["byte"] ?? 0)"
                e = "\(en["line"] ?? 0):\(en["column"] ?? 0):\(en["byte"] ?? 0)"
            }
            return [summary, detail, s, e].joined(separator: "\t")
        }
    }

    static func variants() -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for name in ["network.tf", "templates.tf"] {
            guard let src = try? [UInt8](Data(contentsOf: FuzzParserTests.corpusDir.appendingPathComponent(name))) else { continue }
            for k in 1..<12 {
                let cut = src.count * k / 12
                out.append(("\(name) cut at \(cut)", Array(src[0..<cut])))
            }
            var rng = SplitMix64(seed: 42)
            for i in 0..<12 {
                out.append(("\(name) mutation \(i)", FuzzParserTests.mutate(src, &rng)))
            }
        }
        return out
    }

    @Test(.enabled(if: terraformPresent, "terraform not installed at /usr/local/bin/terraform: differential parser test skipped"))
    func syntaxDiagnosticsMatchTerraform() throws {
        var mismatches: [String] = []
        let cases = Self.variants()
        #expect(cases.count > 30)
        for (name, src) in cases {
            let expected = try Self.terraformDiagnostics(src)
            let (_, diags) = Parser.parseFile(src, filename: "main.tf")
            let ours = ParserOracleTests.lines(for: diags)
            if String(validating: src, as: UTF8.self) == nil {
                // Known difference: hclsyntax's generated identifier tables accept some malformed
                // UTF-8 inside identifiers, so messages differ; both must still reject the input.
                if diags.hasErrors != !expected.isEmpty {
                    mismatches.append("\(name) (invalid UTF-8): terraform \(expected.count) errors, ours \(diags.errorCount)")
                }
                continue
            }
            if ours != expected {
                mismatches.append("\(name):\n  terraform: \(expected)\n  ours:      \(ours)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func skipNoticeWhenTerraformAbsent() {
        if !Self.terraformPresent {
            print("NOTE: terraform not found at \(Self.terraformPath); ParserDifferentialTests compared nothing.")
        }
    }
}
