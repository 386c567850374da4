import Foundation
import Testing
@testable import HCL

/// The schema Terraform uses for a configuration file's root (the parts these tests need).
let terraformRootSchema = BodySchema(blocks: [
    BlockHeaderSchema(type: "terraform"),
    BlockHeaderSchema(type: "provider", labelNames: ["name"]),
    BlockHeaderSchema(type: "variable", labelNames: ["name"]),
    BlockHeaderSchema(type: "locals"),
    BlockHeaderSchema(type: "output", labelNames: ["name"]),
    BlockHeaderSchema(type: "module", labelNames: ["name"]),
    BlockHeaderSchema(type: "resource", labelNames: ["type", "name"]),
    BlockHeaderSchema(type: "data", labelNames: ["type", "name"]),
])

func jsonFile(_ s: String) -> (JSONBody, Diagnostics) {
    JSONSyntax.parseFile(Array(s.utf8), filename: "main.tf.json")
}

@Suite struct JSONSyntaxTests {
    @Test func blocksByNestingAndAttributesBySchema() throws {
        let src = """
        {
          "//": "file comment",
          "resource": {
            "terraform_data": {
              "a": { "input": "${var.x}-suffix", "triggers_replace": [1, "two"] },
              "b": [{ "input": 1 }, { "input": 2 }]
            }
          },
          "locals": [{ "x": 1 }, { "y": { "k": "v" } }]
        }
        """
        let (body, d) = jsonFile(src)
        #expect(d.isEmpty)
        let (content, cd) = body.content(schema: terraformRootSchema)
        #expect(cd.isEmpty, "\(cd.items.map(\.summary))")
        #expect(content.blocks.map(\.type) == ["resource", "resource", "resource", "locals", "locals"])
        #expect(content.blocks.map(\.labels) == [["terraform_data", "a"], ["terraform_data", "b"], ["terraform_data", "b"], [], []])
        #expect(span(content.blocks[0].labelRanges[1]) == "5:7-5:10")
        #expect(span(content.blocks[0].typeRange) == "3:3-3:13")

        let res = content.blocks[0]
        let (rc, rd) = res.body.content(schema: BodySchema(attributes: [AttributeSchema(name: "input"), AttributeSchema(name: "triggers_replace")]))
        #expect(rd.isEmpty)
        let input = try #require(rc.attributes["input"])
        #expect(span(input.nameRange) == "5:14-5:21")
        let (native, nd) = input.expression.nativeExpression()
        #expect(nd.isEmpty)
        #expect(sexpr(native) == "(tmpl ${var.x} \"-suffix\")")
        // The template is placed just inside the string's quote.
        if case .template(let parts) = native.kind, case .interpolation(let i) = parts[0] {
            #expect(span(i.expression.range) == "5:26-5:31")
        }
        let (tr, _) = try #require(rc.attributes["triggers_replace"]).expression.nativeExpression()
        #expect(sexpr(tr) == "[1 (tmpl \"two\")]")

        let (attrs, ad) = content.blocks[4].body.justAttributes()
        #expect(ad.isEmpty)
        #expect(attrs.map(\.name) == ["y"])
        #expect(sexpr(attrs[0].expression.literalExpression()) == "{\"k\"=\"v\"}")
    }

    @Test func exactNumbersAndLiterals() {
        let (body, d) = jsonFile(#"{"locals": {"n": 0.1, "big": 12345678901234567890123456789, "e": -1.5e300, "t": true, "z": null}}"#)
        #expect(d.isEmpty)
        let (c, _) = body.content(schema: terraformRootSchema)
        let (attrs, _) = c.blocks[0].body.justAttributes()
        #expect(attrs.map { sexpr($0.expression.nativeExpression().0) } == ["0.1", "12345678901234567890123456789", "-1.5e300", "true", "null"])
    }

    @Test func stringEscapesAreDecoded() {
        let (n, d) = JSONSyntax.parse(Array(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#.utf8), filename: "x.json")
        #expect(d.isEmpty)
        if case .string(let s, _) = n { #expect(s == "a\"b\\c/d\né😀") } else { Issue.record("not a string") }
    }

    @Test func requiredAndDuplicateArguments() {
        let (body, _) = jsonFile(#"{"a": 1, "a": 2}"#)
        let (_, d) = body.content(schema: BodySchema(attributes: [AttributeSchema(name: "a"), AttributeSchema(name: "b", required: true)]))
        #expect(d.items.map(\.summary) == ["Duplicate argument", "Missing required argument"])
        #expect(d.items[0].detail == "The argument \"a\" was already set at main.tf.json:1,2-8.")
    }

    @Test func partialContentLeavesTheRest() {
        let (body, _) = jsonFile(#"{"a": 1, "b": 2, "//": "c"}"#)
        let (c, rest, d) = body.partialContent(schema: BodySchema(attributes: [AttributeSchema(name: "a")]))
        #expect(d.isEmpty)
        #expect(c.attributes.keys.sorted() == ["a"])
        let (others, _) = rest.justAttributes()
        #expect(others.map(\.name) == ["b"])
    }

    @Test func deepJSONIsAnError() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (_, d) = JSONSyntax.parse(Array(deep.utf8), filename: "d.json")
        #expect(d.items.first?.summary == "Nesting too deep")
    }
}

/// Broken `.tf.json` inputs with diagnostics captured from Terraform 1.11.4
/// (Fixtures/parser/capture-json.sh). Terraform decodes the root body several times with
/// its own schemas, so the comparison covers the parse-level diagnostics, and the
/// decoding ones for the fixtures where a single decode with the root schema reproduces them.
@Suite struct JSONSyntaxOracleTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/parser/json-errors")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasSuffix(".tf.json") }.map { String($0.dropLast(8)) }.sorted()
    static let parseSummaries: Set<String> = [
        "Extraneous data after value", "Missing JSON value", "Missing array element value", "Missing value", "Invalid start of value",
        "Invalid object property name", "Missing object value", "Missing property value colon", "Trailing comma in object",
        "Unclosed object", "Mismatched braces", "Trailing comma in array", "Invalid array value", "Mismatched brackets",
        "Missing attribute seperator comma", "Invalid JSON number", "Invalid JSON string", "Invalid JSON keyword", "Root value must be object",
    ]
    static let decodeFixtures: Set<String> = ["extraneous_property", "block_missing_label", "block_label_not_object", "comment_keys"]

    @Test func fixturesArePresent() { #expect(Self.names.count >= 20) }

    @Test(arguments: names)
    func matchesTerraform(name: String) throws {
        let src = try [UInt8](Data(contentsOf: Self.dir.appendingPathComponent(name + ".tf.json")))
        let expectedAll = try String(contentsOf: Self.dir.appendingPathComponent(name + ".expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let (body, parseDiags) = JSONSyntax.parseFile(src, filename: "main.tf.json")
        var ours = ParserOracleTests.lines(for: parseDiags)
        var expected = expectedAll.filter { Self.parseSummaries.contains(String($0.split(separator: "\t")[0])) }
        if Self.decodeFixtures.contains(name) {
            let (_, d) = body.content(schema: terraformRootSchema)
            ours += ParserOracleTests.lines(for: d)
            expected = expectedAll
        }
        #expect(ours == expected, "\(name)")
    }
}
