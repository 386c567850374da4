import Config
import Engine
import Testing
import Values

/// Rendering checked against text terraform 1.11.4 printed for the same changes.
@Suite struct PlanRendererTests {
    let schema = ResourceSchema(version: 0, block: SchemaBlock(attributes: [
        "id": SchemaAttribute(.string, computed: true),
        "input": SchemaAttribute(.dynamic, optional: true),
        "output": SchemaAttribute(.dynamic, computed: true),
        "triggers_replace": SchemaAttribute(.dynamic, optional: true),
    ]))

    func obj(_ id: Value, _ input: Value, _ output: Value, _ triggers: Value = .dynamicNull) -> Value {
        Value(type: schema.block.impliedType, content: .attributes(["id": id, "input": input, "output": output, "triggers_replace": triggers]))
    }

    func change(_ name: String, _ action: ChangeAction, _ before: Value, _ after: Value, key: InstanceKey = .none) -> PlannedChange {
        PlannedChange(address: AbsResource(resource: Resource(type: "terraform_data", name: name)).instance(key), action: action,
                      before: before, after: after, requiresReplace: [], reason: nil,
                      providerAddress: "provider[\"terraform.io/builtin/terraform\"]", providerSource: "terraform.io/builtin/terraform", schema: schema)
    }

    @Test func createWithTuple() {
        let null = Value.null(schema.block.impliedType)
        let plan = Plan(changes: [
            change("b", .create, null, obj(.unknown(.string), .unknown(.dynamic), .unknown(.dynamic), .tuple([.int(1), .int(2)]))),
        ], outputChanges: [OutputChange(name: "o", action: .create, before: .dynamicNull, after: .unknown(.dynamic), sensitive: false)],
        priorState: nil, isDestroy: false)
        #expect(PlanRenderer.render(plan) == """

        Terraform used the selected providers to generate the following execution
        plan. Resource actions are indicated with the following symbols:
          + create

        Terraform will perform the following actions:

          # terraform_data.b will be created
          + resource "terraform_data" "b" {
              + id               = (known after apply)
              + input            = (known after apply)
              + output           = (known after apply)
              + triggers_replace = [
                  + 1,
                  + 2,
                ]
            }

        Plan: 1 to add, 0 to change, 0 to destroy.

        Changes to Outputs:
          + o = (known after apply)

        """)
    }

    @Test func updateReplaceAndDestroy() {
        let plan = Plan(changes: [
            change("a", .update, obj(.string("18cb"), .string("hello"), .string("hello")), obj(.string("18cb"), .string("world"), .unknown(.string))),
            change("b", .deleteThenCreate, obj(.string("efd4"), .string("hello"), .string("hello"), .tuple([.int(1), .int(2)])),
                   obj(.unknown(.string), .unknown(.dynamic), .unknown(.dynamic), .tuple([.int(1), .int(3)]))),
            {
                var c = change("d", .delete, obj(.string("5935"), .dynamicNull, .dynamicNull), .null(schema.block.impliedType), key: .int(1))
                c.reason = .countIndexOutOfRange
                return c
            }(),
        ], outputChanges: [OutputChange(name: "o", action: .update, before: .string("hello"), after: .unknown(.dynamic), sensitive: false)],
        priorState: nil, isDestroy: false)
        #expect(PlanRenderer.render(plan) == """

        Terraform used the selected providers to generate the following execution
        plan. Resource actions are indicated with the following symbols:
          ~ update in-place
          - destroy
        -/+ destroy and then create replacement

        Terraform will perform the following actions:

          # terraform_data.a will be updated in-place
          ~ resource "terraform_data" "a" {
                id     = "18cb"
              ~ input  = "hello" -> "world"
              ~ output = "hello" -> (known after apply)
            }

          # terraform_data.b must be replaced
        -/+ resource "terraform_data" "b" {
              ~ id               = "efd4" -> (known after apply)
              ~ input            = "hello" -> (known after apply)
              ~ output           = "hello" -> (known after apply)
              ~ triggers_replace = [
                    1,
                  ~ 2 -> 3,
                ]
            }

          # terraform_data.d[1] will be destroyed
          # (because index [1] is out of range for count)
          - resource "terraform_data" "d" {
              - id = "5935" -> null
            }

        Plan: 1 to add, 1 to change, 2 to destroy.

        Changes to Outputs:
          ~ o = "hello" -> (known after apply)

        """)
    }

    @Test func noChangesText() {
        let plan = Plan(changes: [], outputChanges: [], priorState: nil, isDestroy: false)
        #expect(PlanRenderer.render(plan) == """

        No changes. Your infrastructure matches the configuration.

        Terraform has compared your real infrastructure against your configuration
        and found no differences, so no changes are needed.

        """)
    }
}
