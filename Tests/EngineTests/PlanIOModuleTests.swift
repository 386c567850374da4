import Foundation
import JSON
import Testing

/// Saved plans (`show -json PLANFILE`), `plan -json`, coloured plan text and
/// `graph` on configurations with child modules, against terraform in twin
/// directories. Reuses PlanIOTests' scenario type and normalisers; an `init`
/// step only installs modules and its output is not compared.
@Suite("Plan I/O with child modules against terraform", .serialized)
struct PlanIOModuleTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); plan I/O module scenarios need the oracle")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: PlanIOScenario.modules)
    func scenario(_ s: PlanIOScenario) {
        let tfDir = Tools.tempDirectory("tf"), tsDir = Tools.tempDirectory("ts")
        defer {
            try? FileManager.default.removeItem(atPath: tfDir)
            try? FileManager.default.removeItem(atPath: tsDir)
        }
        for (i, step) in s.steps.enumerated() {
            Tools.write(step.files, in: tfDir)
            Tools.write(step.files, in: tsDir)
            for name in step.remove {
                try? FileManager.default.removeItem(atPath: tfDir + "/" + name)
                try? FileManager.default.removeItem(atPath: tsDir + "/" + name)
            }
            let tf = Tools.terraform(step.args, in: tfDir)
            let ts = Tools.terraswift(step.args, in: tsDir)
            let label = "\(s.name) step \(i + 1): \(step.args.joined(separator: " "))"
            #expect(ts.code == tf.code, "\(label): exit code\nterraform: \(tf)\nterraswift: \(ts)")
            if step.args.first == "init" { continue }
            switch step.compare {
            case .text:
                var a = Normalise.split(tf.out), b = Normalise.split(ts.out)
                a.progress = a.progress.map(PlanIONormalise.elapsed)
                b.progress = b.progress.map(PlanIONormalise.elapsed)
                #expect(b.body == a.body, "\(label): output\n--- terraform\n\(a.body)\n--- terraswift\n\(b.body)")
                #expect(b.progress == a.progress, "\(label): progress lines\n--- terraform\n\(a.progress.joined(separator: "\n"))\n--- terraswift\n\(b.progress.joined(separator: "\n"))")
            case .json:
                let a = Self.sortedChildModules(PlanIONormalise.json(tf.out)), b = Self.sortedChildModules(PlanIONormalise.json(ts.out))
                #expect(b == a, "\(label): JSON\n--- terraform\n\(a)\n--- terraswift\n\(b)")
            case .jsonLines:
                let a = PlanIONormalise.lines(tf.out), b = PlanIONormalise.lines(ts.out)
                #expect(PlanIONormalise.wellFormed(ts.out), "\(label): stream lines\n\(ts.out)")
                #expect(b.ordered == a.ordered, "\(label): stream\n--- terraform\n\(a.ordered.joined(separator: "\n"))\n--- terraswift\n\(b.ordered.joined(separator: "\n"))")
                #expect(b.progress == a.progress, "\(label): progress\n--- terraform\n\(a.progress.joined(separator: "\n"))\n--- terraswift\n\(b.progress.joined(separator: "\n"))")
            }
            #expect(Normalise.ids(ts.err) == Normalise.ids(tf.err), "\(label): stderr")
            if tf.code == 1 { continue }
            let tfList = Tools.terraform(["state", "list"], in: tfDir)
            let tsList = Tools.terraswift(["state", "list"], in: tsDir)
            #expect(tsList.out == tfList.out, "\(label): state list")
        }
    }
}

extension PlanIOModuleTests {
    /// terraform sorts only the root's `child_modules`; deeper ones follow the
    /// order its concurrent walk recorded the changes in (it varies from run to
    /// run), so nested lists are compared sorted by address.
    static func sortedChildModules(_ text: String) -> String {
        func walk(_ v: JSONValue, depth: Int) -> JSONValue {
            switch v {
            case .object(let members):
                return .object(members.map { m in
                    guard m.key == "child_modules", let items = m.value.arrayValue else {
                        return JSONMember(key: m.key, value: walk(m.value, depth: depth + 1))
                    }
                    var inner = items.map { walk($0, depth: depth + 1) }
                    if depth > 2 {
                        func address(_ x: JSONValue) -> String {
                            x.objectValue?.first { $0.key == "address" }?.value.stringValue ?? ""
                        }
                        inner.sort { address($0) < address($1) }
                    }
                    return JSONMember(key: m.key, value: .array(inner))
                })
            case .array(let items): return .array(items.map { walk($0, depth: depth + 1) })
            default: return v
            }
        }
        guard let doc = try? JSON.parse(text) else { return text }
        return walk(doc, depth: 0).compactString + "\n"
    }
}

extension PlanIOScenario {
    static let moduleInner = """
    variable "v" {
      type = string
    }
    resource "terraform_data" "i" {
      input = var.v
    }
    output "o" {
      value = terraform_data.i.output
    }
    """

    static let moduleChild = """
    variable "n" {
      type = string
    }
    resource "terraform_data" "r" {
      input = var.n
    }
    module "inner" {
      source = "../inner"
      v      = "${var.n}-inner"
    }
    output "id" {
      value = terraform_data.r.id
    }
    output "o" {
      value = module.inner.o
    }
    """

    static func moduleRoot(count: Int, keys: String, withGone: Bool) -> String {
        """
        module "c" {
          source = "./modules/child"
          count  = \(count)
          n      = "c-${count.index}"
        }
        module "f" {
          source   = "./modules/child"
          for_each = toset([\(keys)])
          n        = each.key
        }
        resource "terraform_data" "root" {
          input = module.c[0].o
        }
        output "inner" {
          value = module.c[0].o
        }
        output "keys" {
          value = keys(module.f)
        }
        """ + (withGone ? """

        module "gone" {
          source = "./modules/inner"
          v      = "g"
        }
        """ : "")
    }

    static let moduleFiles: [String: String] = [
        "main.tf": moduleRoot(count: 2, keys: "\"a\", \"b\"", withGone: true),
        "modules/child/main.tf": moduleChild,
        "modules/inner/main.tf": moduleInner,
    ]

    static let moduleSecond = moduleRoot(count: 1, keys: "\"a\", \"c\"", withGone: false)

    static let moduleLocalsFiles: [String: String] = [
        "main.tf": """
        variable "secret" {
          default   = "s3cr3t"
          sensitive = true
        }
        module "outer" {
          source   = "./modules/outer"
          for_each = { x = 1, y = 2 }
          n        = each.value
          secret   = var.secret
        }
        module "none" {
          source = "./modules/leaf"
          count  = 0
          tag    = "never"
        }
        module "after" {
          source     = "./modules/leaf"
          tag        = "after"
          depends_on = [module.outer]
        }
        output "tags" {
          value = { for k, m in module.outer : k => m.tags }
        }
        output "hidden" {
          value     = module.outer["x"].hidden
          sensitive = true
        }
        """,
        "modules/outer/main.tf": """
        variable "n" {
          type = number
        }
        variable "secret" {
          type      = string
          sensitive = true
        }
        locals {
          tags = [for i in range(var.n) : "t${i}"]
        }
        module "leaf" {
          source = "../leaf"
          count  = var.n
          tag    = local.tags[count.index]
        }
        resource "terraform_data" "lonely" {
          input = var.secret
        }
        output "tags" {
          value = module.leaf[*].tag
        }
        output "hidden" {
          value     = terraform_data.lonely.output
          sensitive = true
        }
        """,
        "modules/leaf/main.tf": """
        variable "tag" {
          type = string
        }
        resource "terraform_data" "t" {
          input = var.tag
        }
        output "tag" {
          value = terraform_data.t.output
        }
        """,
    ]

    static let modules: [PlanIOScenario] = [
        PlanIOScenario(name: "modules: saved plan create, then shrink count, change keys, drop a module call", steps: [
            Step(files: moduleFiles, args: ["init", "-no-color"]),
        ] + savedPlanSteps([:]) + [
            Step(files: ["main.tf": moduleSecond], args: planOut),
            Step(args: show),
            Step(args: showJSON, compare: .json),
            Step(args: applyFile),
        ]),
        PlanIOScenario(name: "modules: -json streams", steps: [
            Step(files: moduleFiles, args: ["init", "-no-color"]),
            Step(args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["apply", "-json", "-auto-approve"], compare: .jsonLines),
            Step(files: ["main.tf": moduleSecond], args: ["plan", "-json"], compare: .jsonLines),
        ]),
        PlanIOScenario(name: "modules: colour plan text", steps: [
            Step(files: moduleFiles, args: ["init", "-no-color"]),
            Step(args: ["plan"]),
            Step(args: ["apply", "-auto-approve"]),
            Step(files: ["main.tf": moduleSecond], args: ["plan"]),
        ]),
        PlanIOScenario(name: "modules: colour apply, saved plan over -json, destroy", steps: [
            Step(files: moduleLocalsFiles, args: ["init", "-no-color"]),
            Step(args: ["apply", "-auto-approve"]),
            Step(files: ["main.tf": moduleSecond, "modules/child/main.tf": moduleChild, "modules/inner/main.tf": moduleInner],
                 remove: ["modules/outer/main.tf"], args: ["init", "-no-color"]),
            Step(args: ["plan", "-json", "-out=tfplan"], compare: .jsonLines),
            Step(args: ["apply", "-json", "tfplan"], compare: .jsonLines),
            Step(args: ["plan", "-destroy"]),
            Step(args: ["destroy", "-auto-approve"]),
        ]),
        PlanIOScenario(name: "modules: graph with module-to-module inputs and a count from a resource", steps: [
            Step(files: [
                "main.tf": """
                resource "terraform_data" "n" {
                  input = 2
                }
                module "a" {
                  source = "./modules/inner"
                  count  = terraform_data.n.input
                  v      = "a${count.index}"
                }
                module "b" {
                  source = "./modules/inner"
                  v      = module.a[0].o
                }
                locals {
                  all = concat(module.a[*].o, [module.b.o])
                }
                output "all" {
                  value = local.all
                }
                """,
                "modules/inner/main.tf": moduleInner,
            ], args: ["init", "-no-color"]),
            Step(args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: ["graph", "-type=apply"]),
            Step(args: ["graph", "-type=plan-refresh-only"]),
            Step(args: ["plan", "-no-color", "-out=tfplan"]),
            Step(args: showJSON, compare: .json),
            Step(args: applyFile),
            Step(args: ["graph", "-type=plan-destroy"]),
            Step(args: ["graph", "-type=plan-refresh-only"]),
        ]),
        PlanIOScenario(name: "modules: graph default and -type=plan", steps: [
            Step(files: moduleFiles, args: ["init", "-no-color"]),
            Step(args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
        ]),
        PlanIOScenario(name: "modules: graph with state, whole-module references, removed call", steps: [
            Step(files: moduleFiles.merging(["extra.tf": """
            module "one" {
              source = "./modules/inner"
              v      = terraform_data.root.id
            }
            resource "terraform_data" "whole" {
              input      = module.one
              depends_on = [module.f]
            }
            """]) { _, b in b }, args: ["init", "-no-color"]),
            Step(args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: ["apply", "-auto-approve", "-no-color"]),
            Step(files: ["main.tf": moduleSecond], args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: ["graph", "-type=apply"]),
            Step(args: ["graph", "-type=plan-destroy"]),
            Step(files: ["modules/child/main.tf": moduleChild.replacingOccurrences(of: "terraform_data.r.id", with: "var.n")
                .replacingOccurrences(of: "resource \"terraform_data\" \"r\"", with: "resource \"terraform_data\" \"r2\"")],
                 args: ["graph", "-type=plan"]),
            Step(args: ["graph"]),
        ]),
        PlanIOScenario(name: "modules: locals, sensitive values, count = 0, depends_on, nested count in for_each", steps: [
            Step(files: moduleLocalsFiles, args: ["init", "-no-color"]),
            Step(args: ["plan"]),
            Step(args: planOut),
            Step(args: show),
            Step(args: showJSON, compare: .json),
            Step(args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: ["apply", "tfplan"]),
            Step(args: ["plan", "-no-color", "-out=tfplan", "-var", "secret=other"]),
            Step(args: showJSON, compare: .json),
            Step(args: ["graph", "-type=plan-destroy"]),
        ]),
        PlanIOScenario(name: "modules: moved into a module, resource dropped inside a kept module", steps: [
            Step(files: [
                "main.tf": """
                resource "terraform_data" "top" {
                  input = "top"
                }
                module "m" {
                  source = "./modules/m"
                }
                """,
                "modules/m/main.tf": """
                resource "terraform_data" "keep" {
                  input = "k"
                }
                resource "terraform_data" "drop" {
                  input = "d"
                }
                """,
            ], args: ["init", "-no-color"]),
            Step(args: ["apply", "-auto-approve", "-no-color"]),
            Step(files: [
                "main.tf": """
                module "m" {
                  source = "./modules/m"
                }
                moved {
                  from = terraform_data.top
                  to   = module.m.terraform_data.top
                }
                """,
                "modules/m/main.tf": """
                resource "terraform_data" "keep" {
                  input = "k"
                }
                resource "terraform_data" "top" {
                  input = "top"
                }
                """,
            ], args: planOut),
            Step(args: show),
            Step(args: showJSON, compare: .json),
            Step(args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["graph"]),
            Step(args: ["graph", "-type=plan"]),
            Step(args: applyFile),
        ]),
        PlanIOScenario(name: "modules: -json apply and destroy streams, saved destroy plan", steps: [
            Step(files: moduleFiles, args: ["init", "-no-color"]),
            Step(args: ["apply", "-json", "-auto-approve"], compare: .jsonLines),
            Step(args: ["plan", "-destroy", "-no-color", "-out=tfplan"]),
            Step(args: showJSON, compare: .json),
            Step(args: ["destroy", "-json", "-auto-approve"], compare: .jsonLines),
        ]),
    ]
}
