import Foundation
import Testing
@testable import HCL

/// Constant strings (escapes, heredoc indentation, strip markers) must decode to the
/// values terraform gives them; expected values captured with terraform console
/// (Fixtures/parser/capture-strings.sh).
@Suite struct ParserStringValueTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/parser/strings")

    /// Renders the constant templates these fixtures use (literals, string interpolations, `if true`).
    static func constantString(_ e: HCLExpression) -> String? {
        switch e.kind {
        case .literal(.string(let s)): return s
        case .templateWrap(let inner): return constantString(inner)
        case .template(let parts): return constantString(parts)
        default: return nil
        }
    }

    static func constantString(_ parts: [TemplatePart]) -> String? {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s, _): out += s
            case .interpolation(let i):
                guard let s = constantString(i.expression) else { return nil }
                out += s
            case .conditional(let c):
                guard case .literal(.bool(let b)) = c.condition.kind, let s = constantString(b ? c.thenParts : c.elseParts) else { return nil }
                out += s
            case .forLoop:
                return nil
            }
        }
        return out
    }

    @Test func valuesMatchTerraform() throws {
        let src = try [UInt8](Data(contentsOf: Self.dir.appendingPathComponent("strings.tf")))
        let (file, diags) = Parser.parseFile(src, filename: "strings.tf")
        #expect(diags.isEmpty)
        let locals = try #require(file.body.blocks.first).body
        let lines = try String(contentsOf: Self.dir.appendingPathComponent("strings.expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 10)
        for line in lines {
            let cols = line.split(separator: "\t", maxSplits: 1).map(String.init)
            // Console prints the jsonencode result as a quoted string; both layers are JSON-compatible.
            let json = try #require(try JSONSerialization.jsonObject(with: Data(cols[1].utf8), options: .fragmentsAllowed) as? String)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String)
            let attr = try #require(locals.attribute(named: cols[0]))
            #expect(Self.constantString(attr.expression) == expected, "\(cols[0])")
        }
    }
}
