import Testing
@testable import Values

@Suite struct CollectionFunctionTests {
    @Test(arguments: [
        ("length([1, 2, 3])", "3"), ("length(\"héllo\")", "5"), ("length({a = 1})", "1"),
        ("alltrue([true, true])", "true"), ("alltrue([])", "true"), ("anytrue([false, true])", "true"), ("anytrue([])", "false"),
        ("chunklist([1, 2, 3], 2)", "tolist([\n  tolist([\n    1,\n    2,\n  ]),\n  tolist([\n    3,\n  ]),\n])"),
        ("coalesce(\"\", \"a\")", "\"a\""), ("coalesce(null, 1)", "1"), ("coalescelist([], [1])", "[\n  1,\n]"),
        ("compact([\"a\", \"\", null])", "tolist([\n  \"a\",\n])"), ("concat([1], [\"a\"])", "[\n  1,\n  \"a\",\n]"),
        ("contains([1, 2], 2)", "true"), ("contains([\"a\"], \"b\")", "false"),
        ("distinct([1, 2, 1])", "tolist([\n  1,\n  2,\n])"), ("element([1, 2, 3], 4)", "2"),
        ("flatten([[1, [2]], 3])", "[\n  1,\n  2,\n  3,\n]"), ("index([\"a\", \"b\"], \"b\")", "1"),
        ("keys({b = 1, a = 2})", "[\n  \"a\",\n  \"b\",\n]"), ("values(tomap({b = 1, a = 2}))", "tolist([\n  2,\n  1,\n])"),
        ("lookup({a = 1}, \"b\", 0)", "0"), ("lookup(tomap({a = \"x\"}), \"a\")", "\"x\""),
        ("matchkeys([\"a\", \"b\"], [1, 2], [2])", "tolist([\n  \"b\",\n])"),
        ("merge({a = 1}, {b = 2})", "{\n  \"a\" = 1\n  \"b\" = 2\n}"), ("one([])", "null"), ("one([5])", "5"),
        ("range(3)", "tolist([\n  0,\n  1,\n  2,\n])"), ("range(5, 0, -2)", "tolist([\n  5,\n  3,\n  1,\n])"),
        ("reverse([1, 2])", "[\n  2,\n  1,\n]"), ("setintersection([\"a\", \"b\"], [\"b\"])", "toset([\n  \"b\",\n])"),
        ("setproduct([\"a\"], [1, 2])", "tolist([\n  [\n    \"a\",\n    1,\n  ],\n  [\n    \"a\",\n    2,\n  ],\n])"),
        ("setsubtract([1, 2], [2])", "toset([\n  1,\n])"), ("setunion([\"b\"], [\"a\"])", "toset([\n  \"a\",\n  \"b\",\n])"),
        ("slice([1, 2, 3], 1, 3)", "[\n  2,\n  3,\n]"), ("sort([\"b\", \"a\"])", "tolist([\n  \"a\",\n  \"b\",\n])"),
        ("sum([0.1, 0.2])", "0.3"), ("transpose({a = [\"1\"], b = [\"1\"]})", "tomap({\n  \"1\" = tolist([\n    \"a\",\n    \"b\",\n  ])\n})"),
        ("zipmap([\"a\"], [1])", "{\n  \"a\" = 1\n}"), ("zipmap([\"a\"], tolist([1]))", "tomap({\n  \"a\" = 1\n})"),
    ])
    func ordinary(_ expr: String, _ want: String) {
        #expect(show(expr) == want)
    }

    @Test(arguments: [
        "length(1)", "coalesce(null, null)", "chunklist([1], -1)", "element([], 0)", "flatten(\"a\")",
        "index([], 1)", "keys([1])", "lookup({a = 1}, \"b\")", "merge([1])", "one([1, 2])", "range(1e9)",
        "range(0, 1, 0)", "slice([1], 2, 3)", "sort([null])", "sum([])", "zipmap([\"a\"], [1, 2])", "setproduct([1])",
        "values([1])", "matchkeys([1], [1, 2], [1])", "transpose({a = null})",
    ])
    func errorsAreDiagnostics(_ expr: String) {
        #expect(show(expr).hasPrefix("error: "))
    }

    @Test func rangeLimitIsBoundedAndFast() {
        #expect(show("range(1e9)") == "error: Error in function call: Call to function \"range\" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.")
    }

    @Test func unknownsPropagate() throws {
        #expect(try call("length", .unknown(.list(.string))).isKnown == false)
        #expect(try call("keys", .unknown(.map(.string))).type == .list(.string))
        #expect(try call("alltrue", .tuple([.true, .unknown(.bool)])).isKnown == false)
        #expect(try call("alltrue", .tuple([.false, .unknown(.bool)])).boolValue == false)
        #expect(try call("anytrue", .tuple([.true, .unknown(.bool)])).boolValue == true)
        #expect(try call("flatten", .tuple([.unknown(.list(.string))])).isKnown == false)
    }

    @Test func marksSurviveCollections() throws {
        let v = try call("concat", Value.tuple([.int(1)]).marked(.sensitive), .tuple([.int(2)]))
        #expect(v.isSensitive)
        let l = try call("length", Value.string("secret").marked(.sensitive))
        #expect(l.isSensitive)
        let m = try call("merge", .object(["a": .int(1)]), Value.object(["b": .int(2)]).marked(.sensitive))
        #expect(m.isSensitive)
    }
}
