import Foundation
import Testing

/// A repository in the shape of the target workload: the root module calls a
/// module from a GitLab-style registry on 127.0.0.1 (token auth, tar.gz
/// download), which calls local submodules with openstack_*, rancher2_* and
/// kubectl_manifest resources, dynamic blocks, optional() attributes and
/// heredoc templates.
@Suite(.serialized) struct RealisticRepoTests {
    static let clusterModule: [String: String] = [
        "main.tf": """
        terraform {
          required_providers {
            openstack = {
              source = "terraform-provider-openstack/openstack"
            }
            rancher2 = {
              source = "rancher/rancher2"
            }
          }
        }

        variable "name" {
          type = string
        }

        variable "nodes" {
          type = map(object({
            flavor = string
            role   = optional(string, "worker")
            fip    = optional(bool, false)
          }))
        }

        variable "rules" {
          type    = list(object({ port = number, cidr = optional(string, "0.0.0.0/0") }))
          default = [{ port = 22 }, { port = 443 }]
        }

        module "net" {
          source = "./modules/net"
          name   = var.name
          rules  = var.rules
        }

        resource "rancher2_cluster_v2" "this" {
          name               = var.name
          kubernetes_version = "v1.30.4+rke2r1"
        }

        resource "openstack_compute_instance_v2" "node" {
          for_each    = { for k, v in var.nodes : k => v if v.role != "disabled" }
          name        = "${var.name}-${each.key}"
          flavor_name = each.value.flavor
          user_data = <<-EOT
            #!/bin/sh
            ${rancher2_cluster_v2.this.cluster_registration_token[0].node_command} --${each.value.role}
          EOT
          network {
            uuid = module.net.network_id
          }
          lifecycle {
            ignore_changes = [user_data]
          }
        }

        output "nodes" {
          value = { for k, v in openstack_compute_instance_v2.node : k => v.id }
        }

        """,
        "modules/net/main.tf": """
        terraform {
          required_providers {
            openstack = {
              source = "terraform-provider-openstack/openstack"
            }
          }
        }

        variable "name" {
          type = string
        }

        variable "rules" {
          type = list(object({ port = number, cidr = string }))
        }

        resource "openstack_networking_network_v2" "this" {
          name = var.name
        }

        resource "openstack_networking_secgroup_v2" "this" {
          name = "${var.name}-sg"
        }

        resource "openstack_networking_secgroup_rule_v2" "rule" {
          for_each          = { for r in var.rules : tostring(r.port) => r }
          direction         = "ingress"
          ethertype         = "IPv4"
          protocol          = "tcp"
          port_range_min    = each.value.port
          port_range_max    = each.value.port
          remote_ip_prefix  = each.value.cidr
          security_group_id = openstack_networking_secgroup_v2.this.id
        }

        output "network_id" {
          value = openstack_networking_network_v2.this.id
        }

        """,
    ]

    static let root = """
    terraform {
      required_providers {
        kubectl = {
          source = "gavinbunney/kubectl"
        }
      }
    }

    module "cluster" {
      source  = "HOST/muses/cluster/openstack"
      version = "~> 1.0"
      name    = "muses"
      nodes = {
        cp1 = { flavor = "m1.large", role = "control-plane", fip = true }
        w1  = { flavor = "m1.xlarge" }
      }
    }

    resource "kubectl_manifest" "argocd_ns" {
      yaml_body = yamlencode({
        apiVersion = "v1"
        kind       = "Namespace"
        metadata   = { name = "argocd" }
      })
    }

    output "nodes" {
      value = module.cluster.nodes
    }

    """

    func makeRegistry() throws -> TestRegistry {
        try TestRegistry(token: "glpat-secret", versions: ["1.0.0", "1.1.0"], files: Self.clusterModule)
    }

    @Test func initAndValidateThroughATokenProtectedRegistry() throws {
        let registry = try makeRegistry()
        defer { registry.stop() }
        let dir = tempDir("realistic")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(Self.root.replacingOccurrences(of: "HOST", with: registry.host), to: dir + "/main.tf")
        let env = ["TERRASWIFT_PLAIN_HTTP_REGISTRIES": registry.host, "TF_TOKEN_127_0_0_1:\(registry.server.port)": "glpat-secret"]
        let (initCode, initOut, initErr) = runTerraswift(["init", "-no-color", "-backend=false"], in: dir, env: env)
        #expect(initCode == 0, "\(initErr)")
        #expect(initOut.contains("Downloading \(registry.host)/muses/cluster/openstack 1.1.0 for cluster..."))
        #expect(initOut.contains("- cluster.net in .terraform/modules/cluster/modules/net"))
        #expect(!initOut.contains("glpat-secret") && !initErr.contains("glpat-secret"))
        let (code, out, err) = runTerraswift(["validate", "-no-color"], in: dir)
        #expect(code == 0, "\(err)")
        #expect(out == "Success! The configuration is valid.\n\n")

        // Seeded mistakes, each caught at its file and line.
        let main = dir + "/main.tf"
        let good = try String(contentsOfFile: main, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("yaml_body = yamlencode", "yaml_bdy = yamlencode", "An argument named \"yaml_bdy\" is not expected here. Did you mean \"yaml_body\"?"),
            ("  name    = \"muses\"\n", "", "The argument \"name\" is required, but no definition was found."),
            ("value = module.cluster.nodes", "value = module.cluster.node", "This object does not have an attribute named \"node\"."),
        ]
        for (from, to, expected) in cases {
            try good.replacingOccurrences(of: from, with: to).write(toFile: main, atomically: true, encoding: .utf8)
            let (badCode, _, badErr) = runTerraswift(["validate", "-no-color", "-json"], in: dir)
            let (_, _, text) = runTerraswift(["validate", "-no-color"], in: dir)
            #expect(badCode == 1)
            #expect(text.replacingOccurrences(of: "\n", with: " ").contains(expected.replacingOccurrences(of: "\n", with: " ")) || text.contains(expected), "\(text)")
            #expect(text.contains("on main.tf line "), "\(text)")
            _ = badErr
        }
        // A mistake inside the downloaded module's submodule names that file.
        try good.write(toFile: main, atomically: true, encoding: .utf8)
        let sub = dir + "/.terraform/modules/cluster/modules/net/main.tf"
        let subText = try String(contentsOfFile: sub, encoding: .utf8)
        try subText.replacingOccurrences(of: "direction ", with: "directon ").write(toFile: sub, atomically: true, encoding: .utf8)
        let (_, _, subErr) = runTerraswift(["validate", "-no-color"], in: dir)
        #expect(subErr.contains("on .terraform/modules/cluster/modules/net/main.tf line 27"), "\(subErr)")
    }
}
