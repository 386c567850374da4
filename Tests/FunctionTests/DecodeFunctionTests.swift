import Foundation
import HCL
import Testing
@testable import Values

/// jsondecode and yamldecode without terraform: the values and messages
/// below were read off terraform 1.11 console (see functions-encoding.txt
/// for the recorded differential cases).
@Suite struct DecodeFunctionTests {
    func decode(_ name: String, _ text: String) throws -> Value {
        let f = try #require(FunctionTable.standard[name])
        return try f.callConverting([.string(text)])
    }

    func failure(_ name: String, _ text: String) -> String? {
        do {
            _ = try decode(name, text)
            return nil
        } catch let e as FunctionCallError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    func number(_ text: String) -> Value { .number(Number(parsing: text)!) }

    @Test func jsonNumbersAreExact() throws {
        let v = try decode("jsondecode", "[0.1, 1e400, 12345678901234567890123, -92233720368547758080, 18446744073709551615, 9223372036854775807, -0, 7, 1.50]")
        let want = ["0.1", "1e400", "12345678901234567890123", "-92233720368547758080", "18446744073709551615", "9223372036854775807", "0", "7", "1.5"]
        guard case .elements(let items) = v.content else { Issue.record("not a tuple: \(v)"); return }
        #expect(items.count == want.count)
        for (item, text) in zip(items, want) { #expect(item.equals(number(text)).boolValue == true, "\(item) != \(text)") }
        // -0 keeps its sign, as Go's big.Float does: 1 / -0 is -Inf.
        guard case .number(let negativeZero) = items[6].content else { Issue.record("not a number"); return }
        #expect(negativeZero.isZero && negativeZero.negative)
        // Integers decode at 512 bits like any literal: 1/3 is not cut to 64 bits.
        let third = try #require(FunctionTable.standard["jsondecode"]).callConverting([.string("1")])
        guard case .number(let one) = third.content else { Issue.record("not a number"); return }
        #expect(one.precision == Number.defaultPrecision)
    }

    @Test func jsonDuplicateKeysKeepTheLastValueEvenWithHugeIntegers() throws {
        let v = try decode("jsondecode", #"{"a": 12345678901234567890123, "b": 1, "a": 98765432109876543210987}"#)
        #expect(v.attributes?["a"].map { $0.equals(number("98765432109876543210987")).boolValue == true } == true)
        #expect(v.attributes?["b"].map { $0.equals(number("1")).boolValue == true } == true)
        let w = try decode("jsondecode", #"{"k": 1, "k": -0.5}"#)
        #expect(w.attributes?["k"].map { $0.equals(number("-0.5")).boolValue == true } == true)
    }

    @Test func jsonNestingBeyondJsonCDefaultDecodes() throws {
        // json-c's default limit is 32 levels; terraform's is 10,001.
        let depth = 10_001
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        // The value is dropped on a thread with stack enough for its recursive release.
        let flat = HCL.Parser.onLargeStack { () -> String? in
            guard let v = try? self.decode("jsondecode", text) else { return nil }
            var node = v
            var levels = 0
            while case .elements(let e) = node.content, let first = e.first { node = first; levels += 1 }
            return "\(levels) \(node)"
        }
        #expect(flat == "\(depth) 1")
        let object = "{\"a\":" + String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001) + "}"
        #expect(failure("jsondecode", object) == "failed to read object value: invalid character '[' exceeded max depth")
        let mixed = String(repeating: "[{\"a\":", count: 5001) + "1" + String(repeating: "}]", count: 5001)
        #expect(failure("jsondecode", mixed) == "failed to read tuple value: invalid character '{' exceeded max depth")
    }

    @Test func jsonWordsGoRejectsAreWordedLikeGo() {
        #expect(failure("jsondecode", "[1, Infinity]") == "invalid character 'I' looking for beginning of value")
        #expect(failure("jsondecode", "-Infinity") == "invalid character 'I' in numeric literal")
        #expect(failure("jsondecode", #"{"a": nan}"#) == "invalid character 'a' in literal null (expecting 'u')")
        #expect(failure("jsondecode", "[tru]") == "invalid character ']' in literal true (expecting 'e')")
        #expect(failure("jsondecode", "[nul") == "unexpected EOF")
        #expect(failure("jsondecode", "\"a\tb\"") == "invalid character '\\t' in string literal")
    }

    @Test func yamlDuplicateKeysKeepTheLastValue() throws {
        let v = try decode("yamldecode", "a: 1\nb: 3\na: 2")
        #expect(v.attributes?["a"].map { $0.equals(number("2")).boolValue == true } == true)
        #expect(v.attributes?.count == 2)
        let nested = try decode("yamldecode", "a:\n  x: 1\n  x: [1, 2]\nb: {k: 1, k: z}")
        #expect(nested.attributes?["a"]?.attributes?["x"]?.type == .tuple([.number, .number]))
        #expect(nested.attributes?["b"]?.attributes?["k"]?.stringValue == "z")
        // An alias as a repeated key's earlier value is simply replaced.
        let aliased = try decode("yamldecode", "a: &x {p: 1}\nb: *x\nb: 2")
        #expect(aliased.attributes?["b"].map { $0.equals(number("2")).boolValue == true } == true)
        #expect(aliased.attributes?["a"]?.attributes?["p"] != nil)
    }

    @Test func yamlMergeKeysApplyInDocumentOrder() throws {
        let before = try decode("yamldecode", "base: &b {p: 1, q: 2}\nd:\n  <<: *b\n  q: 3")
        #expect(before.attributes?["d"]?.attributes?["q"].map { $0.equals(number("3")).boolValue == true } == true)
        #expect(before.attributes?["d"]?.attributes?["p"].map { $0.equals(number("1")).boolValue == true } == true)
        let after = try decode("yamldecode", "base: &b {p: 1, q: 2}\nd:\n  q: 3\n  <<: *b")
        #expect(after.attributes?["d"]?.attributes?["q"].map { $0.equals(number("2")).boolValue == true } == true)
        let twice = try decode("yamldecode", "d:\n  <<: {p: 1}\n  <<: {q: 2}")
        #expect(twice.attributes?["d"]?.attributes?.keys.sorted() == ["p", "q"])
        // go-cty-yaml merges on a quoted "<<" too; an explicit !!str tag makes it a key.
        let quoted = try decode("yamldecode", "\"<<\": {a: 1}")
        #expect(quoted.attributes?.keys.sorted() == ["a"])
        let tagged = try decode("yamldecode", "!!str <<: {a: 1}")
        #expect(tagged.attributes?.keys.sorted() == ["<<"])
        #expect(failure("yamldecode", "d:\n  <<: 1") == "on line 1, column 3: cannot merge number into mapping")
        #expect(failure("yamldecode", "b: &b {p: 1}\nd:\n  <<: [*b]") == "on line 2, column 3: cannot merge tuple into mapping")
        #expect(failure("yamldecode", "null: a\n~: b") == "mapping key cannot be null")
    }
}
