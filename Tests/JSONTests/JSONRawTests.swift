import JSON
import Testing

/// The lazy reader must accept exactly what the json-c parser accepts and
/// decode to the same values.
@Suite struct JSONRawTests {
    static let sample = #"""
    {"a": [1, -2.5e+3, 18446744073709551616, 0.1], "s": "tab\t \u00e9 \ud83d\ude00 \"q\" \\ \/ \u2028",
     "o": {"x": null, "y": true, "z": false, "x": "again"}, "e": {}, "l": [], "k\u0041": "escaped key"}
    """#

    @Test func decodesLikeTheJSONCParser() throws {
        let bytes = Array(Self.sample.utf8)
        let raw = try #require(JSON.lazyDocument(bytes))
        #expect(raw.value == (try JSON.parse(bytes)))
        #expect(raw["o"]?.value == (try JSON.parse(bytes))["o"])
        #expect(raw["o"]?["x"]?.stringValue == "again")
        #expect(raw["kA"]?.stringValue == "escaped key")
        #expect(raw["a"]?.elements?.map { $0.numberText } == ["1", "-2.5e+3", "18446744073709551616", "0.1"])
        #expect(raw["s"]?.stringValue == "tab\t é 😀 \"q\" \\ / \u{2028}")
        #expect(raw["o"]?.members?.map(\.key) == ["x", "y", "z", "x"])
        #expect(raw["o"]?.uniqueMembers?.map(\.key) == ["x", "y", "z"])
        #expect(raw["e"]?.members?.isEmpty == true)
        #expect(raw["l"]?.elements?.isEmpty == true)
        #expect(raw["missing"] == nil)
        #expect(raw["o"]?["y"]?.boolValue == true)
        #expect(raw["o"]?.kind == .object)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "'x'", "[1] 2", "nul", "{\"a\" 1}", "[01]", "\"\u{1}\"",
        "[-]", "[1e]", "\"\\x\"", "\"\\u12\"", "{\"a\":1}}", "[\"unterminated]", "tru", "[1 2]",
    ])
    func refusesWhatTheParserRefuses(_ text: String) {
        #expect(JSON.lazyDocument(Array(text.utf8)) == nil)
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    /// json-c takes "1." as a number; the strict pass does not, and the reader then
    /// falls back to json-c's tree, so such a document still reads as before.
    @Test func lenientNumbersAreLeftToJSONC() throws {
        #expect(JSON.lazyDocument(Array("[1.]".utf8)) == nil)
        #expect(try JSON.parse("[1.]") == .array([.number("1.")]))
    }

    @Test func refusesInvalidUTF8AndNUL() {
        #expect(JSON.lazyDocument([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSON.lazyDocument([0x22, 0xED, 0xA0, 0x80, 0x22]) == nil)
        #expect(JSON.lazyDocument([0x5B, 0x31, 0x00, 0x5D]) == nil)
    }

    @Test func nestingBeyondTheLimitIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSON.lazyDocument(Array(deep.utf8)) == nil)
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(JSON.lazyDocument(Array(ok.utf8)) != nil)
    }

    @Test func equalSlicesCompareWithoutDecoding() throws {
        let a = try #require(JSON.lazyDocument(Array(#"{"v": {"b": 1, "a": [2]}}"#.utf8)))
        let b = try #require(JSON.lazyDocument(Array(#"{"v":{"b":1,"a":[2]}}"#.utf8)))
        #expect(a["v"] == b["v"])
        let c = try #require(JSON.lazyDocument(Array(#"{"v":{"b":1,"a":[3]}}"#.utf8)))
        #expect(a["v"] != c["v"])
    }
}
