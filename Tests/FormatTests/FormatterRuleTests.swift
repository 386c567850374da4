import Testing
@testable import HCL

/// One rule per case; the expected text is what terraform 1.11.4 printed for
/// the input (recorded by hand from `terraform fmt`).
@Suite struct FormatterRuleTests {
    static let cases: [(String, String, String)] = [
        ("unwrap", "a = \"${var.x}\"\n",
         "a = var.x\n"),
        ("unwrap_keeps_text", "a = \"${var.x}-y\"\n",
         "a = \"${var.x}-y\"\n"),
        ("unwrap_multiline_parens", "a = \"${var.c\n? 1\n: 2}\"\n",
         "a = (var.c\n  ? 1\n: 2)\n"),
        ("list_items_not_unwrapped", "a = [\"${var.x}\"]\n",
         "a = [\"${var.x}\"]\n"),
        ("type_bare_list", "variable \"v\" {\n  type = list\n}\n",
         "variable \"v\" {\n  type = list(any)\n}\n"),
        ("type_quoted_map", "variable \"v\" {\n  type = \"map\"\n}\n",
         "variable \"v\" {\n  type = map(string)\n}\n"),
        ("type_nested_not_rewritten", "variable \"v\" {\n  x {\n    type = list\n  }\n}\n",
         "variable \"v\" {\n  x {\n    type = list\n  }\n}\n"),
        ("labels_quoted", "resource aws_instance \"a\\u0041\" {\n}\n",
         "resource \"aws_instance\" \"aA\" {\n}\n"),
        ("alignment_run", "a = 1\nbbb = 2\n\ncc = 3\n",
         "a   = 1\nbbb = 2\n\ncc = 3\n"),
        ("comment_alignment", "a = 1 # x\nbbb = 22 # y\n",
         "a   = 1  # x\nbbb = 22 # y\n"),
        ("indent_nested", "a {\nb {\nc = 1\n}\n}\n",
         "a {\n  b {\n    c = 1\n  }\n}\n"),
        ("spacing_operators", "a = 1+2*-3\nb = !c&&d\nc = x[0] .y\n",
         "a = 1 + 2 * -3\nb = !c && d\nc = x[0].y\n"),
        ("heredoc_untouched", "a = <<EOT\n  x   =   1\nEOT\n",
         "a = <<EOT\n  x   =   1\nEOT\n"),
        ("eof_spaces_kept", "a = 1   ",
         "a = 1   "),
        ("one_line_block", "b { x = 1 }\n",
         "b { x = 1 }\n"),
        ("empty_braces", "a = { }\nb = [ ]\n",
         "a = {}\nb = []\n"),
        ("for_expr", "a = {for k,v in m: k=>v if v}\n",
         "a = { for k, v in m : k => v if v }\n"),
        ("provider_function", "a = provider :: x :: y ( 1 )\n",
         "a = provider::x::y(1)\n"),
        ("crlf", "a=1\r\nbb=2\r\n",
         "a  = 1\r\nbb = 2\r\n"),
    ]

    @Test(arguments: cases.map { $0.0 })
    func rule(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.0 == name })
        let (output, diags) = Formatter.format(Array(c.1.utf8), filename: "x.tf")
        #expect(!diags.hasErrors)
        #expect(String(decoding: output, as: UTF8.self) == c.2)
    }

    @Test func syntaxErrorLeavesInputAlone() {
        let input = Array("a = [1,\n".utf8)
        let (output, diags) = Formatter.format(input, filename: "bad.tf")
        #expect(diags.hasErrors)
        #expect(output == input)
        #expect(diags.items.first?.subject?.filename == "bad.tf")
    }

    @Test func labelEscapingRoundTrips() {
        #expect(FormatRewriter.unescape(ArraySlice("a\\tb\\\"c$${x}".utf8)) == "a\tb\"c${x}")
        #expect(FormatRewriter.escape("a\tb\"c${x}\u{7}") == "a\\tb\\\"c$${x}\\u0007")
        #expect(FormatRewriter.unescape(ArraySlice("bad\\q".utf8)) == nil)
    }
}
