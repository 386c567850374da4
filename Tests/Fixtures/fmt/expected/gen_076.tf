# Generated module 76
# Owner: team-lb

resource "rancher2_namespace" "bastion" {
  name        = "bastion"
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }
}

resource "openstack_networking_secgroup_rule_v2" "mon_7" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id

  lifecycle {
    prevent_destroy = true
  }
  depends_on = [terraform_data.lb, terraform_data.worker]
}

variable "bastion" {
  type        = bool
  description = "The bastion setting."
  validation {
    condition     = length(var.bastion) > 0
    error_message = "Must not be empty."
  }
}

variable "bastion" {
  type        = bool
  description = "The bastion setting."
}

output "bastion" {
  value       = [for s in var.servers : s.name if s.enabled]
  description = "Output bastion"
}

resource "openstack_compute_instance_v2" "api_8" {
  name            = "api_8-${count.index}"
  image_name      = var.image
  flavor_name     = "m1.large"
  key_pair        = openstack_compute_keypair_v2.kp.name # keep in sync
  security_groups = ["default"]                          # see docs
  count           = 3

  network { uuid = var.network_id }
  metadata = {
    role = "worker"
    team = var.team
  }

  lifecycle {
    prevent_destroy = true
  }
  depends_on = [terraform_data.auth, terraform_data.worker]
}
