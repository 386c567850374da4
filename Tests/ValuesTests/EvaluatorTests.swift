import HCL
import Testing
@testable import Values

@Suite struct EvaluatorTests {
    let vars: [String: Value] = [
        "u": .unknown(.string),
        "un": .unknown(.number),
        "ub": .unknown(.bool),
        "ul": .unknown(.list(.object(["a": .string]))),
        "s": Value.string("secret").marked(.sensitive),
        "objs": .tuple([.object(["a": .int(1)]), .object(["a": .int(2)])]),
        "n": .null(.string),
    ]

    @Test func unknownsPropagateThroughOperators() {
        let (v, d) = eval("un + 1", variables: vars)
        #expect(!d.hasErrors && !v.isKnown && v.type == .number)
        #expect(eval("un == 1", variables: vars).0.isKnown == false)
        #expect(eval("\"x${u}\"", variables: vars).0.isKnown == false)
        #expect(eval("false && ub", variables: vars).0.boolValue == false)
        #expect(eval("true || ub", variables: vars).0.boolValue == true)
        #expect(eval("true && ub", variables: vars).0.isKnown == false)
    }

    @Test func unknownConditionGivesUnknownOfUnifiedType() {
        let (v, d) = eval("ub ? 1 : \"a\"", variables: vars)
        #expect(!d.hasErrors && !v.isKnown && v.type == .string)
        #expect(eval("ub ? [1] : [2, 3]", variables: vars).0.type == .list(.number))
    }

    @Test func splatsOnUnknownListsAndSingleValues() {
        let (v, _) = eval("ul[*].a", variables: vars)
        #expect(!v.isKnown && v.type == .list(.string))
        #expect(show("objs[*].a", variables: vars) == "[\n  1,\n  2,\n]")
        #expect(show("n[*]", variables: vars) == "[]")
        #expect(show("{a = 1}[*].a") == "[\n  1,\n]")
    }

    @Test func sensitiveMarksPropagateAndNeverPrint() {
        #expect(show("s", variables: vars) == "(sensitive value)")
        #expect(show("\"x${s}\"", variables: vars) == "(sensitive value)")
        #expect(show("[s, \"a\"]", variables: vars) == "[\n  (sensitive value),\n  \"a\",\n]")
        #expect(show("s == \"secret\"", variables: vars) == "(sensitive value)")
        #expect(show("length(s)", variables: vars) == "(sensitive value)")
        #expect(show("{for k in [1] : k => s}", variables: vars) == "{\n  \"1\" = (sensitive value)\n}")
        #expect(!show("tonumber(s)", variables: vars).contains("secret"))
    }

    @Test func forExpressionsGroupAndRejectDuplicates() {
        #expect(show("{for x in [\"a\", \"a\"] : x => 1}").hasPrefix("error: Duplicate object key: Two different items produced the key \"a\""))
        #expect(show("{for x in [\"a\", \"b\", \"a\"] : x => x...}") == "{\n  \"a\" = [\n    \"a\",\n    \"a\",\n  ]\n  \"b\" = [\n    \"b\",\n  ]\n}")
        #expect(show("[for i, v in [\"x\"] : \"${i}${v}\" if v != \"\"]") == "[\n  \"0x\",\n]")
        #expect(show("[for x in null : x]") == "error: Iteration over null value: A null value cannot be used as the collection in a 'for' expression.")
    }

    @Test func errorsCarryTheRangeOfTheFaultyPart() {
        let (_, d) = eval("1 + {a = 1}.b")
        let diag = d.items.first
        #expect(diag?.summary == "Unsupported attribute")
        #expect(diag?.subject?.start.column == 12)
        #expect(diag?.subject?.end.column == 14)
    }

    @Test func templatesDirectivesAndStripMarkers() {
        #expect(show("\"%{for x in [1, 2]}${x},%{endfor}\"") == "\"1,2,\"")
        #expect(show("\"a %{~ if true ~} b %{~ endif ~} c\"") == "\"abc\"")
        #expect(show("\"x${null}\"").hasPrefix("error: Invalid template interpolation value"))
    }

    @Test func deepNestingIsADiagnosticNotACrash() {
        let deep = String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
        let (_, d) = eval(deep)
        #expect(d.hasErrors)
    }

    @Test func hugeStringsAreHandled() {
        let big = String(repeating: "x", count: 5_000_000)
        let (v, d) = eval("length(s)", variables: ["s": .string(big)])
        #expect(!d.hasErrors && v.numberValue?.intValue == 5_000_000)
    }
}
