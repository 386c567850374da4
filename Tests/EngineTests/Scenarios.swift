/// Differential scenarios: each is a sequence of steps run in twin directories
/// by terraform and terraswift. A step may rewrite files, then runs a command.
struct Scenario: Sendable, CustomStringConvertible {
    struct Step: Sendable {
        var files: [String: String] = [:]
        var args: [String]
        /// Whether the output is compared (not for `init`, whose text is not the engine's).
        var compareOutput = true
        /// Files deleted before the step runs.
        var delete: [String] = []
    }

    static func initStep(_ files: [String: String]) -> Step {
        Step(files: files, args: ["init", "-no-color"], compareOutput: false)
    }

    /// A scenario with modules: init, plan, apply, plan, then `extra`.
    static func modules(_ name: String, _ files: [String: String], then extra: [Step] = []) -> Scenario {
        Scenario(name: name, steps: [initStep(files), Step(args: plan), Step(args: apply), Step(args: plan)] + extra)
    }

    var name: String
    var steps: [Step]
    var description: String { name }

    static let apply = ["apply", "-auto-approve", "-no-color"]
    static let plan = ["plan", "-no-color"]
    static let destroy = ["destroy", "-auto-approve", "-no-color"]

    static func basic(_ name: String, _ main: String, then extra: [Step] = []) -> Scenario {
        Scenario(name: name, steps: [Step(files: ["main.tf": main], args: plan), Step(args: apply), Step(args: plan)] + extra)
    }

    static var all: [Scenario] { core + moduleScenarios + lifecycleScenarios + targetingScenarios + conditionScenarios + movedScenarios + removedScenarios + moduleErrorScenarios }

    static let core: [Scenario] = [
        basic("single resource", """
        resource "terraform_data" "a" {
          input = "hello"
        }
        """),
        basic("no attributes", """
        resource "terraform_data" "a" {}
        """),
        basic("chain a to b with output", """
        resource "terraform_data" "a" {
          input = "x"
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        output "b" {
          value = terraform_data.b.output
        }
        """),
        basic("count", """
        resource "terraform_data" "a" {
          count = 3
          input = "n-${count.index}"
        }
        output "ids" {
          value = length(terraform_data.a[*].id)
        }
        """),
        basic("for_each over a map", """
        resource "terraform_data" "a" {
          for_each = { x = 1, y = 2, "z z" = 3 }
          input    = each.value * 10
        }
        """),
        basic("for_each over another resource", """
        resource "terraform_data" "a" {
          for_each = { one = "1", two = "2" }
          input    = each.value
        }
        resource "terraform_data" "b" {
          for_each = terraform_data.a
          input    = each.value.output
        }
        output "b_two" {
          value = terraform_data.b["two"].output
        }
        """),
        basic("variables, locals and outputs", """
        variable "name" {
          default = "web"
        }
        variable "sizes" {
          type    = list(number)
          default = [1, 2]
        }
        locals {
          full = "${var.name}-${length(var.sizes)}"
        }
        resource "terraform_data" "a" {
          input = { name = local.full, sizes = var.sizes }
        }
        output "full" {
          value = local.full
        }
        output "sizes" {
          value = var.sizes
        }
        output "obj" {
          value = { a = 1, b = "two" }
        }
        """),
        Scenario(name: "-var overrides a default", steps: [
            Step(files: ["main.tf": """
            variable "v" {
              default = "a"
            }
            resource "terraform_data" "a" {
              input = var.v
            }
            """], args: apply + ["-var", "v=b"]),
            Step(args: plan + ["-var", "v=b"]),
            Step(args: plan),
        ]),
        basic("update of input", """
        resource "terraform_data" "a" {
          input = "one"
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "two"
            }
            resource "terraform_data" "b" {
              input = terraform_data.a.output
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("triggers_replace", """
        resource "terraform_data" "a" {
          input            = "keep"
          triggers_replace = "t1"
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = "keep"
              triggers_replace = "t2"
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("triggers_replace list element", """
        resource "terraform_data" "a" {
          triggers_replace = [1, 2]
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              triggers_replace = [1, 3]
            }
            """], args: plan),
            Step(args: apply),
        ]),
        basic("nested object update", """
        resource "terraform_data" "a" {
          input = { k = "v", n = 1, l = [1, "x"] }
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = { k = "w", n = 1, l = [1, "x"], z = null }
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("count shrinks", """
        resource "terraform_data" "a" {
          count = 3
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              count = 1
            }
            """], args: plan),
            Step(args: apply),
            Step(args: ["state", "list"]),
        ]),
        basic("for_each key removed", """
        resource "terraform_data" "a" {
          for_each = toset(["p", "q"])
          input    = each.key
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              for_each = toset(["q"])
              input    = each.key
            }
            """], args: plan),
            Step(args: apply),
        ]),
        basic("resource removed from configuration", """
        resource "terraform_data" "a" {
          input = 1
        }
        resource "terraform_data" "gone" {
          input = true
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = 1
            }
            """], args: plan),
            Step(args: apply),
        ]),
        basic("destroy", """
        resource "terraform_data" "a" {
          input = "x"
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        output "o" {
          value = terraform_data.b.output
        }
        """, then: [
            Step(args: plan + ["-destroy"]),
            Step(args: destroy),
            Step(args: ["state", "list"]),
            Step(args: destroy),
        ]),
        basic("output only change", """
        resource "terraform_data" "a" {
          input = "x"
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
            }
            output "extra" {
              value = [1, 2]
            }
            """], args: plan),
            Step(args: apply),
        ]),
        basic("depends_on", """
        resource "terraform_data" "a" {
          input = "first"
        }
        resource "terraform_data" "b" {
          input      = "second"
          depends_on = [terraform_data.a]
        }
        """),
        basic("refresh", """
        resource "terraform_data" "a" {
          input = "x"
        }
        output "o" {
          value = terraform_data.a.output
        }
        """, then: [Step(args: ["refresh", "-no-color"]), Step(args: plan)]),
        Scenario(name: "refresh with empty state", steps: [
            Step(files: ["main.tf": "resource \"terraform_data\" \"a\" {}\n"], args: ["refresh", "-no-color"]),
        ]),
        basic("count zero", """
        resource "terraform_data" "a" {
          count = 0
        }
        output "n" {
          value = length(terraform_data.a)
        }
        """),
        basic("for_each over a set variable", """
        variable "names" {
          type    = set(string)
          default = ["b", "a", "c"]
        }
        resource "terraform_data" "a" {
          for_each = var.names
          input    = upper(each.key)
        }
        output "inputs" {
          value = [for k in sort(keys(terraform_data.a)) : terraform_data.a[k].input]
        }
        """),
        basic("functions and conditionals", """
        locals {
          env  = "prod"
          size = local.env == "prod" ? 3 : 1
          tags = { env = local.env, name = format("app-%02d", local.size) }
        }
        resource "terraform_data" "a" {
          count = local.size
          input = merge(local.tags, { index = count.index })
        }
        output "first" {
          value = terraform_data.a[0].input
        }
        """),
        basic("numbers bools and nulls", """
        resource "terraform_data" "a" {
          input = [1.5, -2, true, null, "s"]
        }
        """),
        basic("long chain", """
        resource "terraform_data" "a" {
          input = "0"
        }
        resource "terraform_data" "b" {
          input = "${terraform_data.a.output}1"
        }
        resource "terraform_data" "c" {
          input = "${terraform_data.b.output}2"
        }
        resource "terraform_data" "d" {
          input = "${terraform_data.c.output}3"
        }
        output "d" {
          value = terraform_data.d.output
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "9"
            }
            resource "terraform_data" "b" {
              input = "${terraform_data.a.output}1"
            }
            resource "terraform_data" "c" {
              input = "${terraform_data.b.output}2"
            }
            resource "terraform_data" "d" {
              input = "${terraform_data.c.output}3"
            }
            output "d" {
              value = terraform_data.d.output
            }
            """], args: plan),
            Step(args: apply),
        ]),
        basic("sensitive values", """
        variable "pw" {
          default   = "hunter2"
          sensitive = true
        }
        resource "terraform_data" "a" {
          input = var.pw
        }
        resource "terraform_data" "b" {
          input = { user = "u", pw = var.pw }
        }
        output "pw" {
          value     = var.pw
          sensitive = true
        }
        """, then: [
            Step(args: plan + ["-var", "pw=other"]),
            Step(args: apply + ["-var", "pw=other"]),
            Step(args: plan + ["-var", "pw=other"]),
        ]),
        basic("mixed create update replace destroy", """
        resource "terraform_data" "keep" {
          input = "k"
        }
        resource "terraform_data" "upd" {
          input = "u1"
        }
        resource "terraform_data" "rep" {
          triggers_replace = 1
        }
        resource "terraform_data" "gone" {
          count = 2
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "keep" {
              input = "k"
            }
            resource "terraform_data" "upd" {
              input = "u2"
            }
            resource "terraform_data" "rep" {
              triggers_replace = 2
            }
            resource "terraform_data" "gone" {
              count = 1
            }
            resource "terraform_data" "new" {
              input = terraform_data.upd.output
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        Scenario(name: "var-file and terraform.tfvars", steps: [
            Step(files: ["main.tf": """
            variable "a" {}
            variable "b" {
              type = map(string)
            }
            resource "terraform_data" "x" {
              input = { a = var.a, b = var.b }
            }
            output "b" {
              value = var.b
            }
            """, "terraform.tfvars": "a = \"from-tfvars\"\nb = { k = \"v\" }\n", "extra.tfvars": "b = { k = \"w\", j = \"z\" }\n"],
                 args: apply + ["-var-file=extra.tfvars"]),
            Step(args: plan + ["-var-file=extra.tfvars"]),
        ]),
        basic("count added moves the instance", """
        resource "terraform_data" "a" {
          input = "x"
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              count = 2
              input = "x"
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("count removed moves the instance back", """
        resource "terraform_data" "a" {
          count = 2
          input = "x"
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "y"
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("prevent_destroy refuses a replacement", """
        resource "terraform_data" "a" {
          triggers_replace = 1
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              triggers_replace = 2
              lifecycle {
                prevent_destroy = true
              }
            }
            """], args: plan),
            Step(args: apply),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              triggers_replace = 1
              lifecycle {
                prevent_destroy = true
              }
            }
            """], args: plan),
        ]),
    ]
}
