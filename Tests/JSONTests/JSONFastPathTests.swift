import JSON
import Testing

/// The byte-level shortcuts (space runs, plain strings) give what the slow paths give.
@Suite struct JSONFastPathTests {
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 40])
    func spaceRunsOfAnyLengthAreSkipped(_ n: Int) throws {
        let pad = String(repeating: " ", count: n)
        let text = "\(pad){\(pad)\"a\"\(pad):\(pad)[\(pad)1\(pad),\n\t\(pad)\"x\"\(pad)]\(pad)}\(pad)"
        let raw = try #require(JSON.lazyDocument(Array(text.utf8)))
        #expect(raw.value == .object([JSONMember(key: "a", value: .array([.number("1"), .string("x")]))]))
        // A space run that hides a stray byte still fails.
        let bad = "{" + pad + "x" + pad + "}"
        #expect(JSON.lazyDocument(Array(bad.utf8)) == nil)
    }

    @Test func plainStringsAreCopiedAndOthersEscaped() {
        #expect(JSONWriter().string(.string("plain text ~ 0123 {}[]\u{7F}")) == "\"plain text ~ 0123 {}[]\u{7F}\"")
        #expect(JSONWriter().string(.string("")) == "\"\"")
        #expect(JSONWriter().string(.string("ends with <")) == #""ends with \u003c""#)
        #expect(JSONWriter(escapeHTML: false).string(.string("ends with <")) == #""ends with <""#)
        #expect(JSONWriter().string(.string("quote\" in")) == #""quote\" in""#)
        #expect(JSONWriter().string(.string("é")) == "\"é\"")
    }
}
