import HCL
import Testing

/// Expected strings are what Go's strconv.Quote and hclwrite print for the same input.
struct GoStringsTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("a\"b\\c", "\"a\\\"b\\\\c\""),
        ("\n\t\r\u{07}\u{08}\u{0C}\u{0B}", "\"\\n\\t\\r\\a\\b\\f\\v\""),
        ("\u{01}\u{7F}", "\"\\x01\\x7f\""),
        ("\u{00A0}", "\"\\u00a0\""),
        ("\u{200B}", "\"\\u200b\""),
        ("é😀", "\"é😀\""),
        ("\u{E0001}", "\"\\U000e0001\""),
        ("${x}", "\"${x}\""),
    ])
    func quoteMatchesGo(_ input: String, _ expected: String) {
        #expect(GoStrings.quote(input) == expected)
    }

    @Test func replacementCharacterCanStandForAByte() {
        #expect(GoStrings.quote("a\u{FFFD}") == "\"a\u{FFFD}\"")
        #expect(GoStrings.quote("a\u{FFFD}", replacement: "\\ufffd") == "\"a\\ufffd\"")
    }

    @Test(arguments: [
        ("${a} %{b} $ %", "$${a} %%{b} $ %"),
        ("q\"\\\n", "q\\\"\\\\\\n"),
        ("\u{00A0}\u{1F600}\u{01}", "\\u00a0\u{1F600}\\u0001"),
        ("\u{E0001}", "\\U000e0001"),
    ])
    func hclEscapeMatchesHclwrite(_ input: String, _ expected: String) {
        #expect(GoStrings.hclEscape(input) == expected)
    }
}
