import Testing
@testable import HCL

/// Static reference readings; the failing cases mirror what terraform 1.11.4 reports for
/// `depends_on = ["${terraform_data.a}", (terraform_data.a), terraform_data.a[0], f(x)]`.
@Suite struct ParserTraversalTests {
    @Test func nativeReferences() throws {
        let (e, _) = parseExpr(#"[ "${a.b}", (a.b), a.b[0]["k"], f(x), all ]"#)
        let (items, d) = e.staticList()
        #expect(d.isEmpty)
        let list = try #require(items)
        #expect(list.map { $0.absoluteTraversal().1.items.first?.summary ?? "ok" } == ["Invalid expression", "Invalid expression", "ok", "Invalid expression", "ok"])
        #expect(list[2].absoluteTraversal().0?.description == #"a.b[0]["k"]"#)
        #expect(span(list[0].absoluteTraversal().1.items.first?.subject) == "1:3-1:11")
        #expect(list[4].keyword == "all")
        #expect(list[2].keyword == nil)
        let (_, ld) = list[2].staticList()
        #expect(ld.items.first?.detail == "A static list expression is required.")
    }

    @Test func jsonReferences() throws {
        let (n, _) = JSONSyntax.parse(Array(#"["terraform_data.a[0]", "all", "f(x)", 1]"#.utf8), filename: "x.tf.json")
        let (items, _) = JSONExpression(node: n).staticList()
        let list = try #require(items)
        #expect(list[0].absoluteTraversal().0?.description == "terraform_data.a[0]")
        #expect(list[0].absoluteTraversal().0.map { span($0.rootRange) } == "1:2-1:16")
        #expect(list[1].keyword == "all")
        #expect(list[2].absoluteTraversal().0 == nil)
        #expect(list[3].absoluteTraversal().1.hasErrors)
    }
}
