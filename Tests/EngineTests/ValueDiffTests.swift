import Config
import Engine
import Testing
import Values

/// The value differ on its own (no terraform needed): each expected text was
/// printed by terraform 1.11.4 for the same change of a `terraform_data`
/// (recorded from the rendering corpus's runs).
@Suite struct ValueDiffTests {
    let schema = ResourceSchema(version: 0, block: SchemaBlock(attributes: [
        "id": SchemaAttribute(.string, computed: true),
        "input": SchemaAttribute(.dynamic, optional: true),
        "output": SchemaAttribute(.dynamic, computed: true),
        "triggers_replace": SchemaAttribute(.dynamic, optional: true),
    ]))

    func obj(_ input: Value, _ output: Value) -> Value {
        Value(type: schema.block.impliedType, content: .attributes(["id": .string("<id>"), "input": input, "output": output, "triggers_replace": .dynamicNull]))
    }

    func update(_ name: String, from before: Value, to after: Value) -> String {
        let c = PlannedChange(address: AbsResource(resource: Resource(type: "terraform_data", name: name)).instance(.none), action: .update,
                              before: obj(before, before), after: obj(after, .unknown(.dynamic)),
                              providerAddress: "provider[\"terraform.io/builtin/terraform\"]", providerSource: "terraform.io/builtin/terraform", schema: schema)
        return PlanRenderer.render(Plan(changes: [c], outputChanges: [], priorState: nil, isDestroy: false))
    }

    func block(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  # ") }), let end = lines[start...].firstIndex(of: "    }") else { return text }
        return lines[start...end].joined(separator: "\n")
    }

    @Test func listInsertionInTheMiddleHidesUnchangedRuns() {
        let before = Value.tuple((1...10).map { .int($0) })
        let after = Value.tuple([1, 2, 3, 4, 5, 99, 6, 7, 8, 9, 10].map { .int($0) })
        #expect(block(update("l", from: before, to: after)) == """
          # terraform_data.l will be updated in-place
          ~ resource "terraform_data" "l" {
                id     = "<id>"
              ~ input  = [
                    # (4 unchanged elements hidden)
                    5,
                  + 99,
                    6,
                    # (4 unchanged elements hidden)
                ]
              ~ output = [
                  - 1,
                  - 2,
                  - 3,
                  - 4,
                  - 5,
                  - 6,
                  - 7,
                  - 8,
                  - 9,
                  - 10,
                ] -> (known after apply)
            }
        """)
    }

    @Test func multiLineStringsDiffByLine() {
        let lines = ["first line", "second line", "third line", "fourth line", "fifth line"]
        let before = Value.string(lines.joined(separator: "\n") + "\n")
        let after = Value.string((lines[0..<2] + ["inserted"] + lines[2...]).joined(separator: "\n") + "\n")
        #expect(block(update("m", from: before, to: after)) == """
          # terraform_data.m will be updated in-place
          ~ resource "terraform_data" "m" {
                id     = "<id>"
              ~ input  = <<-EOT
                    first line
                    second line
                  + inserted
                    third line
                    fourth line
                    fifth line
                EOT
              ~ output = <<-EOT
                    first line
                    second line
                    third line
                    fourth line
                    fifth line
                EOT -> (known after apply)
            }
        """)
    }

    @Test func jsonStringsDiffStructurallyWithImportantKeysShown() {
        let before = Value.string(#"{"name":"n","nested":{"x":1,"y":2,"z":3},"port":80,"tags":["a","b"]}"#)
        let after = Value.string(#"{"name":"n","nested":{"x":1,"y":20,"z":3},"port":80,"tags":["a","b"]}"#)
        let text = block(update("j", from: before, to: after))
        #expect(text.hasPrefix("""
          # terraform_data.j will be updated in-place
          ~ resource "terraform_data" "j" {
                id     = "<id>"
              ~ input  = jsonencode(
                  ~ {
                        name   = "n"
                      ~ nested = {
                          ~ y = 2 -> 20
                            # (2 unchanged attributes hidden)
                        }
                        tags   = [
                            "a",
                            "b",
                        ]
                        # (1 unchanged attribute hidden)
                    }
                )
        """))
    }

    @Test func sensitivityOnlyChangeWarns() {
        let text = block(update("s", from: Value.string("a").marked(.sensitive), to: .string("a")))
        #expect(text.contains("""
              # Warning: this attribute value will no longer be marked as sensitive
              # after applying this change. The value is unchanged.
              ~ input  = (sensitive value)
        """))
    }
}
