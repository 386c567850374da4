import Testing
@testable import JSON

@Suite struct JSONParseTests {
    @Test func roundTripsNumbersExactly() throws {
        let doc = #"{"big":18446744073709551616,"neg":-92233720368547758080,"huge":12345678901234567890123,"tenth":0.1,"exp":1e400,"pi":3.141592653589793238462643383279,"i":42,"max":9223372036854775807}"#
        let value = try JSON.parse(doc)
        #expect(value["big"] == .number("18446744073709551616"))
        #expect(value["neg"] == .number("-92233720368547758080"))
        #expect(value["huge"] == .number("12345678901234567890123"))
        #expect(value["tenth"] == .number("0.1"))
        #expect(value["exp"] == .number("1e400"))
        #expect(value["i"]?.intValue == 42)
        #expect(JSONWriter().string(value) == doc)
    }

    @Test func keepsMemberOrderAndTypes() throws {
        let value = try JSON.parse(#"{"z":[true,false,null,"s"],"a":{"x":"y"}}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a"])
        #expect(value["z"] == .array([.bool(true), .bool(false), .null, .string("s")]))
        #expect(value["a"]?["x"]?.stringValue == "y")
    }

    @Test func decodesEscapes() throws {
        let value = try JSON.parse(#"["a\"b\\c\n\u00e9\ud83d\ude00\u0000z"]"#)
        #expect(value == .array([.string("a\"b\\c\n\u{e9}\u{1F600}\u{0}z")]))
    }

    @Test func topLevelScalarsParse() throws {
        #expect(try JSON.parse("123") == .number("123"))
        #expect(try JSON.parse("-0.5e3") == .number("-0.5e3"))
        #expect(try JSON.parse(" 7 ") == .number("7"))
        #expect(try JSON.parse("\"s\"") == .string("s"))
        #expect(try JSON.parse("true") == .bool(true))
        #expect(throws: JSONParseError.self) { try JSON.parse("12 3") }
    }

    @Test func duplicateKeysTakeTheLastValue() throws {
        let value = try JSON.parse(#"{"a":1,"a":2,"b":3.5}"#)
        #expect(value["a"] == .number("2"))
        #expect(value["b"] == .number("3.5"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "'x'", "[1] 2", "nul", "{\"a\" 1}", "[01]", "\"\u{1}\"",
    ])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSON.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSON.parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("expected an error")
        } catch let error as JSONParseError {
            #expect(error.line == 3)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSON.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSON.parse(ok)) != nil)
    }
}

@Suite struct JSONWriteTests {
    @Test func escapesLikeGo() {
        let s = JSONWriter().string(.string("<a&b>\"\\\n\t\u{8}\u{c}\u{1}\u{2028}é"))
        #expect(s == #""\u003ca\u0026b\u003e\"\\\n\t\b\f\u0001\u2028é""#)
        #expect(JSONWriter(escapeHTML: false).string(.string("<&>")) == #""<&>""#)
    }

    @Test func indentsLikeMarshalIndent() {
        let v: JSONValue = .object(["a": .number(1), "b": .array([]), "c": .object([]), "d": .array([.null, .bool(true)])])
        let expected = "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    null,\n    true\n  ]\n}"
        #expect(JSONWriter(indent: "  ").string(v) == expected)
        #expect(JSONWriter().string(v) == #"{"a":1,"b":[],"c":{},"d":[null,true]}"#)
    }

    @Test func sortsKeysByBytes() {
        let v: JSONValue = .object(["b": .null, "B": .null, "a": .null])
        #expect(JSONWriter(sortKeys: true).string(v) == #"{"B":null,"a":null,"b":null}"#)
    }
}
