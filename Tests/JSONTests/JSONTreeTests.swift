import Testing
@testable import JSON

/// Reading json-c's tree in place: numbers exactly as written even where
/// json-c itself clamps them or drops a sign, duplicate keys, nesting limits.
@Suite struct JSONTreeTests {
    func numbers(_ text: String) throws -> [String] {
        try JSON.parseTree(text).withRoot { root in (0..<root.count).map { root.element($0).number.text } }
    }

    @Test func numbersKeepTheirExactText() throws {
        #expect(try numbers("[12345678901234567890123, 18446744073709551616, -92233720368547758080, 9223372036854775807, -9223372036854775808]")
            == ["12345678901234567890123", "18446744073709551616", "-92233720368547758080", "9223372036854775807", "-9223372036854775808"])
        #expect(try numbers("[0.1, 1e400, 1.50, 1E+2, -0.0, 3.141592653589793238462643383279]")
            == ["0.1", "1e400", "1.50", "1E+2", "-0.0", "3.141592653589793238462643383279"])
        // json-c reads -0 as the integer 0.
        #expect(try numbers("[-0, 0, 7, -12]") == ["-0", "0", "7", "-12"])
        // Small integers come from json-c without text.
        #expect(try JSON.parseTree("[42]").withRoot { $0.element(0).number } == .integer(42))
    }

    @Test func duplicateKeysKeepFirstPlaceAndLastValue() throws {
        let tree = try JSON.parseTree(#"{"a": 1, "b": [2], "a": "x"}"#)
        tree.withRoot { root in
            let members = Array(root.members)
            #expect(members.map(\.key) == ["a", "b"])
            #expect(members.first?.value.string == "x")
        }
        #expect(!tree.sawClampedInteger)
    }

    @Test func duplicateKeysWithHugeIntegersStillDecodeExactly() throws {
        let text = #"{"a": 12345678901234567890123, "a": 98765432109876543210987, "b": -0}"#
        #expect(try JSON.parseTree(text).sawClampedInteger)
        // JSON.parse falls back to reading every number from its text.
        let v = try JSON.parse(text)
        #expect(v["a"] == .number("98765432109876543210987"))
        #expect(v["b"] == .number("-0"))
    }

    @Test func nestingLimitIsDeliberate() throws {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(try JSON.parseTree(deep).maxNesting == 40)
        // A value inside the innermost array needs no extra level.
        let withValue = String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40)
        #expect(try JSON.parseTree(withValue, maxDepth: 40).maxNesting == 40)
        do {
            _ = try JSON.parseTree(deep, maxDepth: 39)
            Issue.record("nesting beyond the limit was accepted")
        } catch let e as JSONParseError {
            #expect(e.isDepthLimit)
            #expect(e.offset == 39)  // the bracket that opens level 40
        }
    }

    @Test func treeAndValueAgree() throws {
        let text = #"{"s": "é\u0000x", "n": null, "t": true, "f": false, "a": [1, {"k": []}]}"#
        let tree = try JSON.parseTree(text)
        let value = tree.withRoot { $0.value }
        #expect(value == (try JSON.parse(text)))
        #expect(value["s"] == .string("é\u{0}x"))
    }
}
