import Foundation
import Testing
@testable import HCL

/// Broken inputs whose diagnostics were captured from Terraform 1.11.4
/// (Fixtures/parser/capture.sh explains how). The parser must produce the same
/// summaries, details and subject ranges in the same order.
@Suite struct ParserOracleTests {
    static let fixtureDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/parser/errors")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtureDir.path)) ?? []
        return names.filter { $0.hasSuffix(".tf") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// Terraform's JSON view widens an empty range by one character so it can be
    /// underlined; our diagnostics keep hclsyntax's exact (empty) range.
    static func rendered(_ r: SourceRange?) -> (String, String) {
        guard let r else { return ("-", "-") }
        var end = r.end
        if r.start.byte == r.end.byte {
            end.byte += 1
            end.column += 1
        }
        return ("\(r.start.line):\(r.start.column):\(r.start.byte)", "\(end.line):\(end.column):\(end.byte)")
    }

    static func lines(for d: Diagnostics) -> [String] {
        d.items.map { diag in
            let (s, e) = rendered(diag.subject)
            let detail = diag.detail.replacingOccurrences(of: "\n", with: "\\n")
            return [diag.summary, detail, s, e].joined(separator: "\t")
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.fixtureNames.count >= 60)
    }

    @Test(arguments: fixtureNames)
    func matchesTerraform(name: String) throws {
        let src = try [UInt8](Data(contentsOf: Self.fixtureDir.appendingPathComponent(name + ".tf")))
        let expectedText = try String(contentsOf: Self.fixtureDir.appendingPathComponent(name + ".expected"), encoding: .utf8)
        let expected = expectedText.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let (_, diags) = Parser.parseFile(src, filename: "main.tf")
        #expect(Self.lines(for: diags) == expected, "\(name)")
    }
}
