/// Differential scenarios with child modules: inputs, outputs, expansion,
/// nesting, removal and destroy across module boundaries.
extension Scenario {
    static let child = """
    variable "name" {
      type = string
    }
    variable "size" {
      type    = number
      default = 2
    }
    resource "terraform_data" "r" {
      input = "${var.name}-${var.size}"
    }
    output "value" {
      value = terraform_data.r.output
    }
    """

    static let moduleScenarios: [Scenario] = [
        modules("module with inputs and outputs", [
            "main.tf": """
            module "child" {
              source = "./modules/child"
              name   = "web"
            }
            resource "terraform_data" "top" {
              input = module.child.value
            }
            output "from_child" {
              value = module.child.value
            }
            """,
            "modules/child/main.tf": child,
        ]),
        modules("module count and for_each", [
            "main.tf": """
            module "c" {
              source = "./modules/child"
              count  = 2
              name   = "c${count.index}"
            }
            module "f" {
              source   = "./modules/child"
              for_each = { x = 1, "y y" = 3 }
              name     = each.key
              size     = each.value
            }
            output "all" {
              value = [for m in module.c : m.value]
            }
            output "f" {
              value = { for k, m in module.f : k => m.value }
            }
            """,
            "modules/child/main.tf": child,
        ]),
        modules("nested modules", [
            "main.tf": """
            module "mid" {
              source = "./modules/mid"
              prefix = "p"
            }
            output "leaf" {
              value = module.mid.leaf_values
            }
            """,
            "modules/mid/main.tf": """
            variable "prefix" {}
            module "leaf" {
              source   = "../leaf"
              for_each = toset(["a", "b"])
              name     = "${var.prefix}-${each.key}"
            }
            resource "terraform_data" "m" {
              input = [for k, l in module.leaf : l.value]
            }
            output "leaf_values" {
              value = terraform_data.m.output
            }
            """,
            "modules/leaf/main.tf": child,
        ]),
        modules("optional attributes in a module variable", [
            "main.tf": """
            module "o" {
              source = "./modules/opt"
              settings = {
                name = "n"
              }
            }
            output "s" {
              value = module.o.s
            }
            """,
            "modules/opt/main.tf": """
            variable "settings" {
              type = object({
                name  = string
                size  = optional(number, 5)
                tags  = optional(map(string), {})
                extra = optional(string)
              })
            }
            resource "terraform_data" "x" {
              input = var.settings
            }
            output "s" {
              value = terraform_data.x.output
            }
            """,
        ]),
        modules("module count reduced", [
            "main.tf": """
            module "c" {
              source = "./modules/child"
              count  = 2
              name   = "c${count.index}"
            }
            """,
            "modules/child/main.tf": child,
        ], then: [
            Step(files: ["main.tf": """
            module "c" {
              source = "./modules/child"
              count  = 1
              name   = "c${count.index}"
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        modules("module call removed", [
            "main.tf": """
            module "gone" {
              source = "./modules/child"
              name   = "g"
            }
            resource "terraform_data" "stay" {}
            """,
            "modules/child/main.tf": child,
        ], then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "stay" {}
            """], args: plan),
            Step(args: apply),
        ]),
        modules("resource removed inside a module", [
            "main.tf": """
            module "m" {
              source = "./modules/two"
            }
            """,
            "modules/two/main.tf": """
            resource "terraform_data" "a" {}
            resource "terraform_data" "b" {}
            """,
        ], then: [
            Step(files: ["modules/two/main.tf": """
            resource "terraform_data" "a" {}
            """], args: plan),
            Step(args: apply),
        ]),
        modules("destroy across modules", [
            "main.tf": """
            module "a" {
              source = "./modules/child"
              name   = "a"
            }
            module "b" {
              source = "./modules/child"
              name   = module.a.value
            }
            output "b" {
              value = module.b.value
            }
            """,
            "modules/child/main.tf": child,
        ], then: [
            Step(args: ["plan", "-destroy", "-no-color"]),
            Step(args: destroy),
        ]),
        modules("depends_on a module", [
            "main.tf": """
            module "first" {
              source = "./modules/child"
              name   = "first"
            }
            module "second" {
              source     = "./modules/child"
              name       = "second"
              depends_on = [module.first]
            }
            resource "terraform_data" "after" {
              depends_on = [module.second]
            }
            """,
            "modules/child/main.tf": child,
        ]),
        modules("sensitive module output and input change", [
            "main.tf": """
            variable "n" {
              default = "one"
            }
            module "s" {
              source = "./modules/secret"
              name   = var.n
            }
            output "plain" {
              value = module.s.length
            }
            output "secret" {
              value     = module.s.secret
              sensitive = true
            }
            """,
            "modules/secret/main.tf": """
            variable "name" {
              type = string
            }
            resource "terraform_data" "r" {
              input = var.name
            }
            output "secret" {
              value     = terraform_data.r.output
              sensitive = true
            }
            output "length" {
              value = length(var.name)
            }
            """,
        ], then: [
            Step(args: ["apply", "-auto-approve", "-no-color", "-var", "n=three"]),
            Step(args: ["plan", "-no-color", "-var", "n=three"]),
        ]),
        modules("module with path and terraform values", [
            "main.tf": """
            module "p" {
              source = "./modules/paths"
            }
            output "p" {
              value = module.p.where
            }
            """,
            "modules/paths/main.tf": """
            resource "terraform_data" "w" {
              input = "${path.module} ${path.root} ${terraform.workspace}"
            }
            output "where" {
              value = terraform_data.w.output
            }
            """,
        ]),
    ]
}

extension Scenario {
    static let moduleErrorScenarios: [Scenario] = [
        Scenario(name: "module input errors", steps: [
            initStep([
                "main.tf": """
                module "child" {
                  source = "./modules/child"
                  name   = "n"
                  size   = "big"
                }
                """,
                "modules/child/main.tf": child,
            ]),
            Step(args: plan),
            Step(files: ["main.tf": """
            module "child" {
              source = "./modules/child"
            }
            """], args: plan),
        ]),
    ]

    static let movedScenarios: [Scenario] = [
        basic("moved: rename a resource", """
        resource "terraform_data" "a" {
          input = "x"
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "b" {
              input = "x"
            }
            moved {
              from = terraform_data.a
              to   = terraform_data.b
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("moved: count to for_each", """
        resource "terraform_data" "a" {
          count = 2
          input = count.index
        }
        """, then: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              for_each = { zero = 0, one = 1 }
              input    = each.value
            }
            moved {
              from = terraform_data.a[0]
              to   = terraform_data.a["zero"]
            }
            moved {
              from = terraform_data.a[1]
              to   = terraform_data.a["one"]
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        modules("moved: into a module and between modules", [
            "main.tf": """
            resource "terraform_data" "x" {
              input = "x"
            }
            module "old" {
              source = "./m"
            }
            """,
            "m/main.tf": """
            resource "terraform_data" "x" {
              input = "x"
            }
            """,
        ], then: [
            initStep(["main.tf": """
            module "inner" {
              source = "./m"
            }
            module "new" {
              source = "./m"
            }
            moved {
              from = terraform_data.x
              to   = module.inner.terraform_data.x
            }
            moved {
              from = module.old
              to   = module.new
            }
            """]),
            Step(args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
    ]
}

extension Scenario {
    static let removedScenarios: [Scenario] = [
        Scenario(name: "import command", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {}
            """], args: ["import", "-no-color", "terraform_data.a", "abc"]),
            Step(args: plan),
            Step(args: ["import", "-no-color", "terraform_data.a", "abc"]),
            Step(args: ["import", "-no-color", "terraform_data.zz", "abc"]),
            Step(args: apply),
        ]),
        basic("import block", """
        import {
          to = terraform_data.a
          id = "abc"
        }
        resource "terraform_data" "a" {}
        import {
          to = terraform_data.b
          id = "def"
        }
        resource "terraform_data" "b" {
          input = "changed"
        }
        """),
        basic("removed with destroy = false", """
        resource "terraform_data" "a" {
          count = 1
          input = "x"
        }
        resource "terraform_data" "b" {}
        """, then: [
            Step(files: ["main.tf": """
            removed {
              from = terraform_data.a
              lifecycle {
                destroy = false
              }
            }
            removed {
              from = terraform_data.b
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
    ]
}
