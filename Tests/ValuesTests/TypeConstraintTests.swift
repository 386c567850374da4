import HCL
import Testing
@testable import Values

@Suite struct TypeConstraintTests {
    func constraint(_ text: String) -> (ValueType, TypeDefaults?, Diagnostics) {
        TypeConstraint.parse(text: text)
    }

    @Test func parsesPrimitivesAndCollections() {
        #expect(constraint("string").0 == .string)
        #expect(constraint("list(number)").0 == .list(.number))
        #expect(constraint("map(any)").0 == .map(.dynamic))
        #expect(constraint("set(list(bool))").0 == .set(.list(.bool)))
        #expect(constraint("tuple([string, number])").0 == .tuple([.string, .number]))
        #expect(constraint("object({a = string, b = optional(number)})").0 == .object(["a": .string, "b": .number], optional: ["b"]))
    }

    @Test func reportsInvalidSpecifications() {
        #expect(constraint("list").2.items.first?.detail == "The list type constructor requires one argument specifying the element type.")
        #expect(constraint("strin").2.items.first?.detail == "The keyword \"strin\" is not a valid type specification.")
        #expect(constraint("string(1)").2.items.first?.detail == "Primitive type keyword \"string\" does not expect arguments.")
        #expect(constraint("optional(string)").2.items.first?.detail == "Keyword \"optional\" is valid only as a modifier for object type attributes.")
        #expect(constraint("object({a = optional(number, \"x\")})").2.items.first?.summary == "Invalid default value for optional attribute")
        #expect(constraint("list(string, number)").2.hasErrors)
        #expect(constraint("\"string\"").2.hasErrors)
    }

    /// Expected renderings captured from terraform 1.11.4 console with these
    /// variable declarations (see the test names for the constraints).
    @Test func appliesNestedDefaultsLikeTerraform() throws {
        let (t, d, diags) = constraint("list(object({ a = string, b = optional(number, 3), c = optional(list(string)) }))")
        #expect(!diags.hasErrors)
        let (input, _) = eval("[{ a = \"x\" }, { a = \"y\", b = 5, c = [\"q\"] }]")
        let v = try TypeConstraint.convert(input, to: t, defaults: d)
        #expect(ConsoleRenderer.render(v) == """
        tolist([
          {
            "a" = "x"
            "b" = 3
            "c" = tolist(null) /* of string */
          },
          {
            "a" = "y"
            "b" = 5
            "c" = tolist([
              "q",
            ])
          },
        ])
        """)
    }

    @Test func defaultsInsideMapsAndObjectDefaults() throws {
        let (t, d, _) = constraint("map(object({ n = optional(object({ deep = optional(bool, true) }), {}) }))")
        let (input, _) = eval("{ k = {}, j = { n = { deep = false } } }")
        let v = try TypeConstraint.convert(input, to: t, defaults: d)
        #expect(ConsoleRenderer.render(v) == """
        tomap({
          "j" = {
            "n" = {
              "deep" = false
            }
          }
          "k" = {
            "n" = {
              "deep" = true
            }
          }
        })
        """)
    }

    @Test func optionalSetDefaultAndMissingTuple() throws {
        let (t, d, _) = constraint("object({ s = optional(set(string), [\"b\", \"a\"]), t = optional(tuple([number, string])) })")
        let v = try TypeConstraint.convert(.emptyObject, to: t, defaults: d)
        #expect(ConsoleRenderer.render(v) == """
        {
          "s" = toset([
            "a",
            "b",
          ])
          "t" = null /* tuple */
        }
        """)
    }

    @Test func mapOfAnyUnifiesToString() throws {
        let (t, d, _) = constraint("map(any)")
        let (input, _) = eval("{ a = 1, b = \"x\" }")
        let v = try TypeConstraint.convert(input, to: t, defaults: d)
        #expect(ConsoleRenderer.render(v) == "tomap({\n  \"a\" = \"1\"\n  \"b\" = \"x\"\n})")
    }

    @Test func missingRequiredAttributeIsAConversionError() {
        let (t, d, _) = constraint("object({ a = string })")
        #expect(throws: ConversionError("attribute \"a\" is required")) {
            try TypeConstraint.convert(.emptyObject, to: t, defaults: d)
        }
    }
}
