import Testing
@testable import Values

@Suite struct ConversionFunctionTests {
    @Test(arguments: [
        ("tostring(1.5)", "\"1.5\""), ("tostring(true)", "\"true\""), ("tostring(null)", "tostring(null)"),
        ("tonumber(\"4.2e1\")", "42"), ("tobool(\"false\")", "false"),
        ("tolist([1, \"a\"])", "tolist([\n  \"1\",\n  \"a\",\n])"), ("toset([2, 1, 2])", "toset([\n  1,\n  2,\n])"),
        ("tomap({a = 1, b = \"x\"})", "tomap({\n  \"a\" = \"1\"\n  \"b\" = \"x\"\n})"),
        ("sensitive(1)", "(sensitive value)"), ("nonsensitive(sensitive(1))", "1"),
        ("issensitive(sensitive(1))", "true"), ("issensitive(1)", "false"),
        ("try([1][3], \"fallback\")", "\"fallback\""), ("can([1][3])", "false"), ("can([1][0])", "true"),
    ])
    func ordinary(_ expr: String, _ want: String) {
        #expect(show(expr) == want)
    }

    @Test(arguments: [
        ("tonumber(\"x\")", "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert \"x\" to number; given string must be a decimal representation of a number."),
        ("tobool(\"yes\")", "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert \"yes\" to bool; only the strings \"true\" or \"false\" are allowed."),
        ("tolist(\"a\")", "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert string to list of any single type."),
        ("tonumber(sensitive(\"x\"))", "error: Invalid function argument: Invalid value for \"v\" parameter: cannot convert this sensitive string to number."),
    ])
    func errors(_ expr: String, _ want: String) {
        #expect(show(expr) == want)
    }

    @Test func typeFunctionReturnsTypeValues() throws {
        #expect(FunctionTable.standard["type"] == nil)
        let t = try FunctionTable.typeFunction.call([.tuple([.int(1), .string("a")])])
        #expect(ConsoleRenderer.render(t) == "tuple([\n    number,\n    string,\n])")
    }

    // terraform console: `type(sensitive(1))` prints `number`.
    @Test func typeOfSensitiveValueIsNotSensitive() throws {
        let t = try FunctionTable.typeFunction.call([Value.int(1).marked(.sensitive)])
        #expect(!t.isSensitive)
        #expect(ConsoleRenderer.render(t) == "number")
    }

    @Test func conversionOfUnknownKeepsMarks() throws {
        let v = try call("tostring", Value.unknown(.number).marked(.sensitive))
        #expect(!v.isKnown && v.isSensitive && v.type == .string)
    }
}
