import Testing
@testable import Values

@Suite struct NumericFunctionTests {
    @Test(arguments: [
        ("abs(-5)", "5"), ("abs(0.5)", "0.5"), ("ceil(1.2)", "2"), ("ceil(-1.2)", "-1"),
        ("floor(1.8)", "1"), ("floor(-1.2)", "-2"), ("floor(1e300)", "1" + String(repeating: "0", count: 300)),
        ("log(8, 2)", "3"), ("log(100, 10)", "2"), ("max(1, 5, 3)", "5"), ("min(0.1, 0.2)", "0.1"),
        ("max([4, 2]...)", "4"), ("parseint(\"ff\", 16)", "255"), ("parseint(\"-101\", 2)", "-5"),
        ("parseint(\"ffffffffffffffffffff\", 16)", "1208925819614629174706175"), ("parseint(\"Zz\", 62)", "3817"),
        ("pow(2, 10)", "1024"), ("pow(2, 64)", "18446744073709550000"), ("pow(2, 0.5)", "1.4142135623730951"),
        ("signum(-3)", "-1"), ("signum(0)", "0"), ("signum(7)", "1"),
    ])
    func ordinary(_ expr: String, _ want: String) {
        #expect(show(expr) == want)
    }

    @Test(arguments: [
        ("abs(\"x\")", "error: Invalid function argument: Invalid value for \"num\" parameter: a number is required."),
        ("max()", "error: Error in function call: Call to function \"max\" failed: must pass at least one number."),
        ("parseint(\"12\", 1)", "error: Invalid function argument: Invalid value for \"base\" parameter: base must be a whole number between 2 and 62 inclusive."),
        ("parseint(\"1.5\", 10)", "error: Invalid function argument: Invalid value for \"number\" parameter: cannot parse \"1.5\" as a base 10 integer."),
        ("parseint(12, 10)", "error: Invalid function argument: Invalid value for \"number\" parameter: first argument must be a string, not number."),
        ("signum(1.5)", "error: Error in function call: Call to function \"signum\" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807."),
        ("log(-1, 10)", "error: Error in function call: Call to function \"log\" failed: the result is not a number (NaN)."),
        ("abs(null)", "error: Invalid function argument: Invalid value for \"num\" parameter: argument must not be null."),
    ])
    func errors(_ expr: String, _ want: String) {
        #expect(show(expr) == want)
    }

    @Test func unknownAndSensitiveArguments() throws {
        let u = try call("abs", .unknown(.number))
        #expect(!u.isKnown && u.type == .number)
        let s = try call("ceil", Value.double(1.5).marked(.sensitive))
        #expect(s.isSensitive && s.unmarked().0.numberValue?.description == "2")
        let m = try call("max", .int(1), Value.int(2).marked(.sensitive))
        #expect(m.isSensitive)
    }
}
