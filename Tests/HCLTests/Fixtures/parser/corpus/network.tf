terraform {
  required_version = ">= 1.5"
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 1.54"
    }
  }
}

variable "networks" {
  type = map(object({
    cidr    = string
    dns     = optional(list(string), ["1.1.1.1"])
    enabled = optional(bool, true)
  }))
  default = {}
}

locals {
  enabled  = { for k, v in var.networks : k => v if v.enabled }
  cidrs    = [for n in local.enabled : n.cidr]
  first    = try(local.cidrs[0], null)
  names    = keys(local.enabled)[*]
  legacy   = openstack_networking_network_v2.net.*.id
  grouped  = { for k, v in var.networks : v.cidr => k... }
  ratio    = (length(local.cidrs) + 1) * 2 / 3 % 5 - -1
  is_big   = length(local.cidrs) > 10 && !local.first == null || false
  ns_call  = provider::terraform::encode_tfvars({ a = 1 })
  expanded = max(local.cidrs...)
}

resource "openstack_networking_network_v2" "net" {
  for_each       = local.enabled
  name           = "net-${each.key}"
  admin_state_up = true
  tags           = ["env:${terraform.workspace}", "managed"]

  lifecycle {
    ignore_changes = [tags]
  }
}

output "subnets" {
  value = {
    for k, n in openstack_networking_network_v2.net :
    k => {
      id   = n.id
      name = upper(n.name)
    }
  }
  description = <<-EOT
    Networks created by this module.
      Indented line stays indented.
    Escapes: $${literal} and %%{literal}.
  EOT
}
