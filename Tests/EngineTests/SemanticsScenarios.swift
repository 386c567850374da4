import Foundation
import Testing

/// Differential scenarios for targeting with -destroy and module instances,
/// `import` blocks with `for_each`, and `moved` blocks inside expanded modules.
@Suite("Differential semantics scenarios against terraform", .serialized)
struct SemanticsDifferentialTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); differential scenarios need the oracle")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: Scenario.semantics)
    func scenario(_ s: Scenario) {
        DifferentialTests.run(s)
    }

    /// terraform names a cycle's members starting anywhere in it (it varies
    /// between runs), so the names are compared as a set.
    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"))
    func cycleIsAnErrorInValidateAndPlan() {
        let main = """
        resource "terraform_data" "a" {
          input = terraform_data.c.output
        }
        resource "terraform_data" "b" {
          input = terraform_data.a.output
        }
        resource "terraform_data" "c" {
          input = terraform_data.b.output
        }
        """
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        Tools.write(["main.tf": main], in: tfDir)
        Tools.write(["main.tf": main], in: tsDir)
        func names(_ err: String) -> Set<String> {
            guard let line = err.split(separator: "\n").first(where: { $0.hasPrefix("Error: Cycle: ") }) else { return [] }
            return Set(line.dropFirst("Error: Cycle: ".count).components(separatedBy: ", "))
        }
        for args in [["validate", "-no-color"], ["plan", "-no-color"]] {
            let tf = Tools.terraform(args, in: tfDir), ts = Tools.terraswift(args, in: tsDir)
            #expect(ts.code == tf.code && tf.code == 1, "\(args): exit codes\nterraform: \(tf)\nterraswift: \(ts)")
            #expect(names(ts.err) == names(tf.err) && names(tf.err).count == 3, "\(args): cycle\nterraform: \(tf.err)\nterraswift: \(ts.err)")
        }
    }
}

extension Scenario {
    static var semantics: [Scenario] { targetDestroyScenarios + importForEachScenarios + movedInModuleScenarios + providerPassingScenarios + errorScenarios }

    static let chain = """
    resource "terraform_data" "a" {
      input = "a"
    }
    resource "terraform_data" "b" {
      count = 2
      input = "${terraform_data.a.output}-${count.index}"
    }
    resource "terraform_data" "c" {
      for_each = { x = 0, y = 1 }
      input    = terraform_data.b[each.value].output
    }
    resource "terraform_data" "d" {
      input = "d"
    }
    output "c" {
      value = { for k, v in terraform_data.c : k => v.output }
    }
    output "d" {
      value = terraform_data.d.output
    }
    """

    static let expandedModules = [
        "main.tf": """
        resource "terraform_data" "root" {
          input = "r"
        }
        module "m" {
          source = "./mod"
          count  = 2
          in     = "${terraform_data.root.output}-${count.index}"
        }
        module "e" {
          source   = "./mod"
          for_each = toset(["p", "q"])
          in       = each.key
        }
        resource "terraform_data" "after" {
          input = module.m[1].out
        }
        """,
        "mod/main.tf": """
        variable "in" {}
        resource "terraform_data" "x" {
          input = var.in
        }
        resource "terraform_data" "y" {
          count = 2
          input = "${terraform_data.x.output}/${count.index}"
        }
        output "out" {
          value = terraform_data.y[1].output
        }
        """,
    ]

    static let targetDestroyScenarios: [Scenario] = [
        Scenario(name: "plan -destroy -target takes what depends on the target", steps: [
            Step(files: ["main.tf": chain], args: apply),
            Step(args: ["plan", "-destroy", "-no-color", "-target=terraform_data.a"]),
            Step(args: ["plan", "-destroy", "-no-color", "-target=terraform_data.b[1]"]),
            Step(args: ["plan", "-destroy", "-no-color", "-target=terraform_data.c[\"x\"]"]),
            Step(args: ["plan", "-no-color", "-target=terraform_data.c[\"x\"]"]),
        ]),
        Scenario(name: "destroy -target an instance, then its dependency; outputs stay", steps: [
            Step(files: ["main.tf": chain], args: apply),
            Step(args: ["destroy", "-auto-approve", "-no-color", "-target=terraform_data.b[0]"]),
            Step(args: ["destroy", "-auto-approve", "-no-color", "-target=terraform_data.a"]),
            Step(args: ["plan", "-no-color", "-target=terraform_data.d"]),
            Step(args: ["destroy", "-auto-approve", "-no-color"]),
        ]),
        Scenario(name: "-target with an index that is not a literal", steps: [
            Step(files: ["main.tf": chain], args: ["plan", "-no-color", "-target=terraform_data.c[x]"]),
        ]),
        Scenario(name: "-target module instances and instances inside them", steps: [
            initStep(expandedModules),
            Step(args: ["plan", "-no-color", "-target=module.m[1]"]),
            Step(args: ["plan", "-no-color", "-target=module.e[\"q\"].terraform_data.y[0]"]),
            Step(args: ["apply", "-auto-approve", "-no-color", "-target=module.e[\"p\"]"]),
            Step(args: ["plan", "-no-color", "-target=module.m[0].terraform_data.y", "-target=module.e[\"q\"].terraform_data.x"]),
            Step(args: apply),
            Step(args: plan),
        ]),
        Scenario(name: "destroy -target module instances keeps other instances of the module", steps: [
            initStep(expandedModules),
            Step(args: apply),
            Step(args: ["plan", "-destroy", "-no-color", "-target=module.m[1]"]),
            Step(args: ["destroy", "-auto-approve", "-no-color", "-target=module.e[\"p\"].terraform_data.x"]),
            Step(args: ["destroy", "-auto-approve", "-no-color", "-target=terraform_data.root"]),
            Step(args: plan),
        ]),
    ]

    static let importForEachScenarios: [Scenario] = [
        Scenario(name: "import blocks with for_each, into module instances", steps: [
            initStep([
                "main.tf": """
                variable "prefix" {
                  default = "id"
                }
                locals {
                  ids = { a = "${var.prefix}-a", b = "${var.prefix}-b" }
                }
                import {
                  for_each = local.ids
                  to       = terraform_data.x[each.key]
                  id       = each.value
                }
                resource "terraform_data" "x" {
                  for_each = local.ids
                }
                import {
                  for_each = local.ids
                  to       = module.m[each.key].terraform_data.y
                  id       = "${each.value}-y"
                }
                import {
                  for_each = [1, 0]
                  to       = terraform_data.c[each.value]
                  id       = "c${each.key}"
                }
                resource "terraform_data" "c" {
                  count = 2
                }
                module "m" {
                  source   = "./mod"
                  for_each = local.ids
                }
                """,
                "mod/main.tf": """
                resource "terraform_data" "y" {}
                """,
            ]),
            Step(args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        Scenario(name: "import for_each over a set, id from a variable", steps: [
            Step(files: ["main.tf": """
            variable "names" {
              type    = set(string)
              default = ["p", "q"]
            }
            import {
              for_each = var.names
              to       = terraform_data.s[each.key]
              id       = "set-${each.value}"
            }
            resource "terraform_data" "s" {
              for_each = var.names
              input    = each.key
            }
            """], args: plan),
            Step(args: apply + ["-var", "names=[\"p\",\"q\"]"]),
            Step(args: plan),
        ]),
        Scenario(name: "import for_each naming one address twice: the last wins", steps: [
            Step(files: ["main.tf": """
            import {
              for_each = toset(["a", "b"])
              to       = terraform_data.x
              id       = each.key
            }
            resource "terraform_data" "x" {}
            """], args: plan),
            Step(args: apply),
        ]),
        Scenario(name: "import to a key the resource's expansion does not use", steps: [
            Step(files: ["main.tf": """
            import {
              to = terraform_data.y["k"]
              id = "q"
            }
            resource "terraform_data" "y" {}
            """], args: plan),
            Step(files: ["main.tf": """
            import {
              to = terraform_data.y
              id = "q"
            }
            resource "terraform_data" "y" {
              count = 1
            }
            """], args: plan),
        ]),
    ]

    static let movedChild = """
    module "m" {
      source = "./mod"
      count  = 2
    }
    module "e" {
      source   = "./mod"
      for_each = toset(["p"])
    }
    """

    static let movedChildCountOnly = """
    module "m" {
      source = "./mod"
      count  = 2
    }
    """

    static let movedInModuleScenarios: [Scenario] = [
        Scenario(name: "moved blocks inside modules called with count and for_each", steps: [
            initStep(["main.tf": movedChild, "mod/main.tf": """
            resource "terraform_data" "old" {
              input = "v"
            }
            """]),
            Step(args: apply),
            Step(files: ["mod/main.tf": """
            resource "terraform_data" "new" {
              input = "v"
            }
            moved {
              from = terraform_data.old
              to   = terraform_data.new
            }
            """], args: plan),
            Step(args: apply),
            Step(files: ["mod/main.tf": """
            resource "terraform_data" "c" {
              count = 1
              input = "v"
            }
            moved {
              from = terraform_data.new
              to   = terraform_data.c[0]
            }
            moved {
              from = terraform_data.old
              to   = terraform_data.new
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        // One module call only: terraform collects the statements of sibling module calls
        // in Go map order, so errors of two calls come out in either order.
        Scenario(name: "moved statement errors in expanded modules", steps: [
            initStep(["main.tf": movedChildCountOnly, "mod/main.tf": """
            resource "terraform_data" "new" {
              input = "v"
            }
            """]),
            Step(args: apply),
            Step(files: ["mod/main.tf": """
            resource "terraform_data" "c" {
              input = "v"
            }
            moved {
              from = terraform_data.c
              to   = terraform_data.d
            }
            moved {
              from = terraform_data.d
              to   = terraform_data.c
            }
            """], args: plan),
            Step(files: ["mod/main.tf": """
            resource "terraform_data" "c" {
              input = "v"
            }
            moved {
              from = terraform_data.new
              to   = terraform_data.c
            }
            moved {
              from = terraform_data.old
              to   = terraform_data.c
            }
            """], args: plan),
            Step(files: ["mod/main.tf": """
            resource "terraform_data" "c" {
              input = "v"
            }
            moved {
              from = terraform_data.new
              to   = terraform_data.c
            }
            """], args: apply),
        ]),
    ]

    static let providerPassingScenarios: [Scenario] = [
        Scenario(name: "provider configuration passed under a name the child does not declare", steps: [
            initStep([
                "main.tf": """
                provider "terraform" {
                  alias = "x"
                }
                module "m" {
                  source = "./mod"
                  providers = {
                    terraform = terraform.x
                  }
                }
                """,
                "mod/main.tf": """
                resource "terraform_data" "a" {}
                """,
            ]),
            Step(args: ["validate", "-no-color"]),
            Step(args: plan),
            Step(args: apply),
            Step(args: plan),
        ]),
        Scenario(name: "resource naming an aliased provider configuration nobody declares", steps: [
            Step(files: ["main.tf": """
            provider "terraform" {}
            resource "terraform_data" "a" {
              provider = terraform.other
            }
            """], args: plan),
        ]),
        Scenario(name: "configuration alias of another provider type passed to a module", steps: [
            initStep([
                "main.tf": """
                provider "terraform" {
                  alias = "x"
                }
                module "m" {
                  source = "./mod"
                  providers = {
                    terraform.y = terraform.x
                  }
                }
                """,
                "mod/main.tf": """
                terraform {
                  required_providers {
                    terraform = {
                      source                = "terraform.io/builtin/terraform"
                      configuration_aliases = [terraform.y]
                    }
                  }
                }
                resource "terraform_data" "a" {
                  provider = terraform.y
                }
                """,
            ]),
            Step(args: plan),
        ]),
    ]

    static let errorScenarios: [Scenario] = [
        Scenario(name: "prevent_destroy stops plan -destroy, destroy and -replace", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "p" {
              input = "v"
              lifecycle {
                prevent_destroy = true
              }
            }
            resource "terraform_data" "free" {
              input = "f"
            }
            """], args: apply),
            Step(args: ["plan", "-destroy", "-no-color"]),
            Step(args: destroy),
            Step(args: ["plan", "-no-color", "-replace=terraform_data.p"]),
            Step(args: ["destroy", "-auto-approve", "-no-color", "-target=terraform_data.free"]),
            Step(args: apply),
        ]),
        Scenario(name: "for_each over a set with a value known only after apply", steps: [
            Step(files: ["main.tf": """
            resource "terraform_data" "a" {
              input = "x"
            }
            resource "terraform_data" "b" {
              for_each = toset([terraform_data.a.id, "k"])
            }
            """], args: plan),
            Step(args: ["plan", "-no-color", "-refresh=false"]),
        ]),
    ]
}
