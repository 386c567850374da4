import Testing
@testable import HCL

/// Schema decoding of native bodies. Expected messages and ranges were captured from
/// `terraform validate -json` 1.11.4 on the same one-line files (root schema).
@Suite struct ParserBodyContentTests {
    func rootDiagnostics(_ src: String) -> [String] {
        let (file, parseDiags) = parseFileSource(src)
        #expect(parseDiags.isEmpty)
        let (_, d) = file.body.content(schema: terraformRootSchema)
        return d.items.map { "\($0.summary) | \($0.detail) | \(span($0.subject))" }
    }

    @Test func matchesTerraformMessages() {
        #expect(rootDiagnostics("resurce \"a\" \"b\" {\n}\n") == [#"Unsupported block type | Blocks of type "resurce" are not expected here. Did you mean "resource"? | 1:1-1:8"#])
        #expect(rootDiagnostics("resource \"a\" {\n}\n") == ["Missing name for resource | All resource blocks must have 2 labels (type, name). | 1:14-1:15"])
        #expect(rootDiagnostics("locals \"x\" {\n}\n") == ["Extraneous label for locals | No labels are expected for locals blocks. | 1:8-1:11"])
        #expect(rootDiagnostics("resource \"a\" \"b\" \"c\" {\n}\n") == ["Extraneous label for resource | Only 2 labels (type, name) are expected for resource blocks. | 1:18-1:21"])
        #expect(rootDiagnostics("a = 1\n") == [#"Unsupported argument | An argument named "a" is not expected here. | 1:1-1:2"#])
        #expect(rootDiagnostics("locals = {}\n") == [#"Unsupported argument | An argument named "locals" is not expected here. Did you mean to define a block of type "locals"? | 1:1-1:7"#])
    }

    @Test func contentPartialContentAndJustAttributes() throws {
        let (file, _) = parseFileSource("resource \"t\" \"n\" {\n  count = 2\n  x = 1\n  lifecycle {}\n}\nlocals {\n  a = 1\n}\n")
        let (root, d) = file.body.content(schema: terraformRootSchema)
        #expect(d.isEmpty)
        #expect(root.blocks.map(\.type) == ["resource", "locals"])
        let res = root.blocks[0].body
        let (meta, rest, d2) = res.partialContent(schema: BodySchema(attributes: [AttributeSchema(name: "count"), AttributeSchema(name: "for_each")], blocks: [BlockHeaderSchema(type: "lifecycle")]))
        #expect(d2.isEmpty)
        #expect(meta.attributes.keys.sorted() == ["count"])
        #expect(meta.blocks.map(\.type) == ["lifecycle"])
        let (restContent, d3) = rest.content(schema: BodySchema(attributes: [AttributeSchema(name: "x", required: true)]))
        #expect(d3.isEmpty)
        #expect(restContent.attributes.keys.sorted() == ["x"])
        let (_, d4) = rest.content(schema: BodySchema(attributes: [AttributeSchema(name: "y", required: true)]))
        #expect(d4.items.map(\.summary) == ["Missing required argument", "Unsupported argument"])
        let (attrs, d5) = root.blocks[1].body.justAttributes()
        #expect(d5.isEmpty)
        #expect(attrs.map(\.name) == ["a"])
        let (_, d6) = res.justAttributes()
        #expect(d6.items.first?.summary == "Unexpected \"lifecycle\" block")
    }
}
