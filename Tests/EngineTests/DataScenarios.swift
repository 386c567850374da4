import Foundation
import Testing

/// Differential scenarios for data sources, using terraform's built-in
/// `data "terraform_remote_state"` over the local backend: each scenario
/// writes the state files it reads before the first step, so both tools read
/// the same outputs offline.
@Suite("Data source scenarios against terraform", .serialized)
struct DataScenarioTests {
    init() {
        if !Tools.terraformAvailable {
            print("SKIPPED: terraform not found at \(Tools.terraformPath); data source scenarios need the oracle")
        }
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: Scenario.dataScenarios)
    func scenario(_ s: Scenario) {
        DifferentialTests().scenario(s)
    }

    @Test(.enabled(if: Tools.terraformAvailable, "needs terraform at /usr/local/bin/terraform"), arguments: PlanIOScenario.dataScenarios)
    func planIO(_ s: PlanIOScenario) {
        PlanIOTests().scenario(s)
    }
}

extension PlanIOScenario {
    static let readNow = """
    data "terraform_remote_state" "net" {
      backend = "local"
      config = {
        path = "network.tfstate"
      }
    }
    resource "terraform_data" "svc" {
      input = data.terraform_remote_state.net.outputs.tags
    }
    output "name" {
      value = data.terraform_remote_state.net.outputs.name
    }
    """

    static let readLater = """
    resource "terraform_data" "path" {
      input = "network.tfstate"
    }
    data "terraform_remote_state" "net" {
      backend = "local"
      config = {
        path = terraform_data.path.output
      }
      defaults = {
        extra = 1
      }
    }
    output "port" {
      value = data.terraform_remote_state.net.outputs.port
    }
    """

    /// The JSON plan and the `-json` stream of plans that read a data source
    /// while planning, and that defer the read to apply.
    static let dataScenarios: [PlanIOScenario] = [
        PlanIOScenario(name: "data read while planning: JSON plan and stream", steps: [
            Step(files: ["network.tfstate": Scenario.networkState, "main.tf": readNow], args: ["plan", "-no-color", "-out=tfplan"]),
            Step(args: ["show", "-json", "tfplan"], compare: .json),
            Step(args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["apply", "-no-color", "tfplan"]),
            Step(args: ["show", "-json"], compare: .json),
            Step(args: ["plan", "-no-color", "-out=tfplan"]),
            Step(args: ["show", "-json", "tfplan"], compare: .json),
        ]),
        PlanIOScenario(name: "data read deferred to apply: JSON plan and stream", steps: [
            Step(files: ["network.tfstate": Scenario.networkState, "main.tf": readLater], args: ["plan", "-no-color", "-out=tfplan"]),
            Step(args: ["show", "-json", "tfplan"], compare: .json),
            Step(args: ["show", "-no-color", "tfplan"]),
            Step(args: ["plan", "-json"], compare: .jsonLines),
            Step(args: ["apply", "-json", "tfplan"], compare: .jsonLines),
            Step(args: ["show", "-json"], compare: .json),
        ]),
    ]
}

extension Scenario {
    /// A version-4 state file with the given root outputs (JSON text of each
    /// output object: value, type and maybe sensitive) and no resources.
    static func remoteState(serial: Int = 1, _ outputs: [(String, String)]) -> String {
        let body = outputs.map { "    \"\($0.0)\": \($0.1)" }.joined(separator: ",\n")
        return """
        {
          "version": 4,
          "terraform_version": "1.11.4",
          "serial": \(serial),
          "lineage": "0b5c6a2e-7d1f-4e8a-9c3b-2a1d0e9f8c7b",
          "outputs": {
        \(body)
          },
          "resources": [],
          "check_results": null
        }

        """
    }

    static let networkState = remoteState([
        ("name", #"{ "value": "web", "type": "string" }"#),
        ("port", #"{ "value": 8080, "type": "number" }"#),
        ("tags", #"{ "value": { "env": "prod", "team": "a b" }, "type": ["map", "string"] }"#),
        ("zones", #"{ "value": ["a", "b"], "type": ["list", "string"] }"#),
        ("db", #"{ "value": { "host": "h", "size": 2 }, "type": ["object", { "host": "string", "size": "number" }] }"#),
        ("token", #"{ "value": "s3cr3t", "type": "string", "sensitive": true }"#),
    ])

    static let dataScenarios: [Scenario] = [
        Scenario(name: "remote state: outputs of several types", steps: [
            Step(files: ["network.tfstate": networkState, "main.tf": """
            data "terraform_remote_state" "net" {
              backend = "local"
              config = {
                path = "network.tfstate"
              }
            }
            resource "terraform_data" "svc" {
              input = "${data.terraform_remote_state.net.outputs.name}:${data.terraform_remote_state.net.outputs.port + 1}"
            }
            output "name" {
              value = data.terraform_remote_state.net.outputs.name
            }
            output "tags" {
              value = data.terraform_remote_state.net.outputs.tags
            }
            output "zones" {
              value = data.terraform_remote_state.net.outputs.zones
            }
            output "db_host" {
              value = data.terraform_remote_state.net.outputs.db.host
            }
            output "token" {
              value     = data.terraform_remote_state.net.outputs.token
              sensitive = true
            }
            output "svc" {
              value = terraform_data.svc.output
            }
            """], args: plan),
            Step(args: apply),
            Step(args: plan),
            Step(args: ["output", "-no-color", "token"]),
        ]),
        basic("remote state: defaults", """
        data "terraform_remote_state" "net" {
          backend = "local"
          config = {
            path = "network.tfstate"
          }
          defaults = {
            name    = "ignored"
            missing = "fallback"
            count   = 3
          }
        }
        output "name" {
          value = data.terraform_remote_state.net.outputs.name
        }
        output "missing" {
          value = data.terraform_remote_state.net.outputs.missing
        }
        output "defaults" {
          value = data.terraform_remote_state.net.defaults
        }
        """, files: ["network.tfstate": networkState]),
        basic("remote state: read only, outputs of the whole object", """
        data "terraform_remote_state" "net" {
          backend = "local"
          config = {
            path = "network.tfstate"
          }
        }
        output "all" {
          value     = data.terraform_remote_state.net.outputs
          sensitive = true
        }
        output "backend" {
          value = data.terraform_remote_state.net.backend
        }
        """, files: ["network.tfstate": networkState]),
        Scenario(name: "remote state: in a child module with count", steps: [
            initStep([
                "network.tfstate": networkState,
                "main.tf": """
                module "reader" {
                  source = "./modules/reader"
                  n      = 2
                }
                output "names" {
                  value = module.reader.names
                }
                """,
                "modules/reader/main.tf": """
                variable "n" {
                  type = number
                }
                data "terraform_remote_state" "s" {
                  count   = var.n
                  backend = "local"
                  config = {
                    path = "network.tfstate"
                  }
                }
                resource "terraform_data" "r" {
                  count = var.n
                  input = "${data.terraform_remote_state.s[count.index].outputs.name}-${count.index}"
                }
                output "names" {
                  value = terraform_data.r[*].output
                }
                """,
            ]),
            Step(args: plan),
            Step(args: apply),
            Step(args: plan),
            Step(args: ["plan", "-no-color", "-destroy"]),
            Step(args: destroy),
        ]),
        basic("remote state: read deferred to apply when config is unknown", """
        resource "terraform_data" "path" {
          input = "network.tfstate"
        }
        data "terraform_remote_state" "net" {
          backend = "local"
          config = {
            path = terraform_data.path.output
          }
        }
        resource "terraform_data" "use" {
          input = data.terraform_remote_state.net.outputs.name
        }
        output "name" {
          value = data.terraform_remote_state.net.outputs.name
        }
        """, files: ["network.tfstate": networkState]),
        basic("remote state: for_each over state files", """
        data "terraform_remote_state" "env" {
          for_each = toset(["blue", "green"])
          backend  = "local"
          config = {
            path = "${each.key}.tfstate"
          }
        }
        resource "terraform_data" "per_env" {
          for_each = data.terraform_remote_state.env
          input    = each.value.outputs.name
        }
        output "names" {
          value = { for k, d in data.terraform_remote_state.env : k => d.outputs.name }
        }
        """, files: [
            "blue.tfstate": remoteState([("name", #"{ "value": "b", "type": "string" }"#)]),
            "green.tfstate": remoteState([("name", #"{ "value": "g", "type": "string" }"#)]),
        ]),
        Scenario(name: "remote state: the state read changes between runs", steps: [
            Step(files: ["network.tfstate": networkState, "main.tf": """
            data "terraform_remote_state" "net" {
              backend = "local"
              config = {
                path = "network.tfstate"
              }
            }
            resource "terraform_data" "svc" {
              input = data.terraform_remote_state.net.outputs.name
            }
            output "port" {
              value = data.terraform_remote_state.net.outputs.port
            }
            """], args: apply),
            Step(files: ["network.tfstate": remoteState(serial: 2, [
                ("name", #"{ "value": "api", "type": "string" }"#),
                ("port", #"{ "value": 9090, "type": "number" }"#),
            ])], args: plan),
            Step(args: ["plan", "-no-color", "-refresh=false"]),
            Step(args: apply),
            Step(args: plan),
        ]),
        basic("remote state: depends_on a resource with changes pending", """
        resource "terraform_data" "first" {
          input = "x"
        }
        data "terraform_remote_state" "net" {
          backend = "local"
          config = {
            path = "network.tfstate"
          }
          depends_on = [terraform_data.first]
        }
        output "name" {
          value = data.terraform_remote_state.net.outputs.name
        }
        """, files: ["network.tfstate": networkState]),
        basic("remote state: workspace and workspace_dir", """
        data "terraform_remote_state" "blue" {
          backend   = "local"
          workspace = "blue"
          config = {
            workspace_dir = "envs"
          }
        }
        output "name" {
          value = data.terraform_remote_state.blue.outputs.name
        }
        output "workspace" {
          value = data.terraform_remote_state.blue.workspace
        }
        """, files: ["envs/blue/terraform.tfstate": remoteState([("name", #"{ "value": "blue-net", "type": "string" }"#)])]),
        basic("remote state: data block removed, refresh-only, a postcondition", """
        data "terraform_remote_state" "net" {
          backend = "local"
          config = {
            path = "network.tfstate"
          }
          lifecycle {
            postcondition {
              condition     = self.outputs.port > 1000
              error_message = "The port is too low."
            }
          }
        }
        data "terraform_remote_state" "other" {
          backend = "local"
          config = {
            path = "network.tfstate"
          }
        }
        resource "terraform_data" "a" {
          input = data.terraform_remote_state.net.outputs.port
        }
        """, files: ["network.tfstate": networkState], then: [
            Step(files: ["main.tf": """
            data "terraform_remote_state" "net" {
              backend = "local"
              config = {
                path = "network.tfstate"
              }
            }
            resource "terraform_data" "a" {
              input = data.terraform_remote_state.net.outputs.port
            }
            """], args: plan),
            Step(args: ["apply", "-refresh-only", "-auto-approve", "-no-color"]),
        ]),
        Scenario(name: "remote state: a failing postcondition", steps: [
            Step(files: ["network.tfstate": remoteState([("port", #"{ "value": 80, "type": "number" }"#)]), "main.tf": """
            data "terraform_remote_state" "net" {
              backend = "local"
              config = {
                path = "network.tfstate"
              }
              lifecycle {
                postcondition {
                  condition     = self.outputs.port > 1000
                  error_message = "The port is too low."
                }
              }
            }
            resource "terraform_data" "a" {
              input = data.terraform_remote_state.net.outputs.port
            }
            """], args: plan),
            Step(files: ["network.tfstate": networkState], args: apply),
            Step(files: ["network.tfstate": remoteState(serial: 2, [("port", #"{ "value": 80, "type": "number" }"#)]), "main.tf": """
            data "terraform_remote_state" "net" {
              backend = "local"
              config = {
                path = "network.tfstate"
              }
              lifecycle {
                postcondition {
                  condition     = self.outputs.port > 1000
                  error_message = "The port is too low."
                }
              }
            }
            """], args: plan),
            Step(args: destroy),
        ]),
        Scenario(name: "remote state: missing state file and bad backend", steps: [
            Step(files: ["main.tf": """
            data "terraform_remote_state" "gone" {
              backend = "local"
              config = {
                path = "nowhere.tfstate"
              }
            }
            output "n" {
              value = data.terraform_remote_state.gone.outputs
            }
            """], args: plan),
            Step(files: ["main.tf": """
            data "terraform_remote_state" "bad" {
              backend = "local"
              config = {
                bucket = "b"
              }
            }
            """], args: plan),
        ]),
    ]

    static func basic(_ name: String, _ main: String, files: [String: String], then extra: [Step] = []) -> Scenario {
        var all = files
        all["main.tf"] = main
        return Scenario(name: name, steps: [Step(files: all, args: plan), Step(args: apply), Step(args: plan)] + extra)
    }
}
