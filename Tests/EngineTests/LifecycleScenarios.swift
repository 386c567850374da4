/// Differential scenarios for lifecycle rules and planning options.
extension Scenario {
    static let lifecycleScenarios: [Scenario] = [
        basic("-replace forces a replacement", """
        resource "terraform_data" "a" {
          input = "x"
        }
        resource "terraform_data" "b" {
          count = 2
          input = terraform_data.a.output
        }
        """, then: [
            Step(args: ["plan", "-no-color", "-replace=terraform_data.b[1]"]),
            Step(args: ["apply", "-auto-approve", "-no-color", "-replace=terraform_data.a"]),
            Step(args: plan),
        ]),
        basic("ignore_changes on one attribute", """
        resource "terraform_data" "a" {
          input            = "one"
          triggers_replace = "t"
          lifecycle {
            ignore_changes = [input]
          }
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = "two"
              triggers_replace = "t"
              lifecycle {
                ignore_changes = [input]
              }
            }
            """], args: plan),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input            = "two"
              triggers_replace = "u"
              lifecycle {
                ignore_changes = [input]
              }
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("create_before_destroy replacement", """
        resource "terraform_data" "a" {
          triggers_replace = 1
          lifecycle {
            create_before_destroy = true
          }
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.id
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              triggers_replace = 2
              lifecycle {
                create_before_destroy = true
              }
            }
            resource "terraform_data" "b" {
              input = terraform_data.a.id
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("replace_triggered_by", """
        resource "terraform_data" "src" {
          input = "1"
        }
        resource "terraform_data" "dep" {
          count = 2
          input = "x"
          lifecycle {
            replace_triggered_by = [terraform_data.src.output]
          }
        }
        resource "terraform_data" "other" {
          lifecycle {
            replace_triggered_by = [terraform_data.dep[1]]
          }
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "src" {
              input = "2"
            }
            resource "terraform_data" "dep" {
              count = 2
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.src.output]
              }
            }
            resource "terraform_data" "other" {
              lifecycle {
                replace_triggered_by = [terraform_data.dep[1]]
              }
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("ignore_changes all", """
        resource "terraform_data" "a" {
          input = { k = "v" }
          lifecycle {
            ignore_changes = all
          }
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = { k = "w" }
              lifecycle {
                ignore_changes = all
              }
            }
            """], args: plan),
            Step(args: apply),
        ]),
    ]
}

extension Scenario {
    static let targetingScenarios: [Scenario] = [
        basic("-refresh-only", """
        resource "terraform_data" "a" {
          input = "x"
        }
        output "o" {
          value = terraform_data.a.output
        }
        """, then: [
            Step(args: ["plan", "-refresh-only", "-no-color"]),
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "y"
            }
            output "o" {
              value = terraform_data.a.output
            }
            output "p" {
              value = 1
            }
            """], args: ["plan", "-refresh-only", "-no-color"]),
            Step(args: ["apply", "-refresh-only", "-auto-approve", "-no-color"]),
            Step(args: ["plan", "-refresh-only", "-no-color"]),
            Step(args: apply),
        ]),
        Scenario(name: "-target a resource and its dependencies", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "a"
            }
            resource "terraform_data" "b" {
              input = terraform_data.a.output
            }
            resource "terraform_data" "c" {
              count = 2
              input = "c"
            }
            output "b" {
              value = terraform_data.b.output
            }
            output "c" {
              value = terraform_data.c[*].output
            }
            """], args: ["plan", "-no-color", "-target=terraform_data.b"]),
            Step(args: ["apply", "-auto-approve", "-no-color", "-target=terraform_data.b", "-target=terraform_data.c[1]"]),
            Step(args: plan),
            Step(args: apply),
        ]),
        Scenario(name: "-target a module", steps: [
            initStep([
                "main.tf": """
                module "m" {
                  source = "./m"
                }
                module "n" {
                  source = "./m"
                }
                """,
                "m/main.tf": """
                resource "terraform_data" "x" {}
                """,
            ]),
            Step(args: ["apply", "-auto-approve", "-no-color", "-target=module.m"]),
            Step(args: plan),
            Step(args: apply),
        ]),
    ]
}

extension Scenario {
    static let conditionScenarios: [Scenario] = [
        basic("conditions that hold", """
        variable "n" {
          default = 3
        }
        resource "terraform_data" "a" {
          input = var.n
          lifecycle {
            precondition {
              condition     = var.n > 1
              error_message = "n must be above 1."
            }
            postcondition {
              condition     = self.output == var.n
              error_message = "output must echo input."
            }
          }
        }
        output "n" {
          value = terraform_data.a.output
          precondition {
            condition     = var.n < 10
            error_message = "n must be below 10."
          }
        }
        check "small" {
          assert {
            condition     = var.n < 5
            error_message = "n is large."
          }
        }
        """),
        Scenario(name: "failing precondition, output precondition and check", steps: [
            Step(files: ["main.tf": """
            variable "n" {
              default = 1
            }
            locals {
              items = ["a", "b"]
            }
            resource "terraform_data" "a" {
              input = var.n
              lifecycle {
                precondition {
                  condition     = var.n > length(local.items)
                  error_message = "n must exceed ${length(local.items)}."
                }
              }
            }
            """], args: plan),
            Step(files: ["main.tf": """
            variable "n" {
              default = 1
            }
            resource "terraform_data" "a" {
              input = var.n
            }
            output "o" {
              value = var.n
              precondition {
                condition     = var.n == 2
                error_message = "n must be 2."
              }
            }
            """], args: plan),
            Step(files: ["main.tf": """
            variable "n" {
              default = "one"
            }
            resource "terraform_data" "a" {
              input = var.n
            }
            check "named" {
              assert {
                condition     = var.n == "two"
                error_message = "n is not two."
              }
              assert {
                condition     = terraform_data.a.output != null
                error_message = "no output."
              }
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("failing postcondition after apply", """
        resource "terraform_data" "a" {
          input = "x"
          lifecycle {
            postcondition {
              condition     = self.output == "y"
              error_message = "Output is ${self.output}."
            }
          }
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                postcondition {
                  condition     = self.output == "x"
                  error_message = "Output is ${self.output}."
                }
              }
            }
            """], args: apply),
        ]),
    ]
}
