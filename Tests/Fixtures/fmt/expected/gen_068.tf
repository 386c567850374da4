# Generated module 68
# Owner: team-worker

resource "kubernetes_config_map" "db" {
  metadata {
    name      = "cm"
    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }
  depends_on = [terraform_data.web, terraform_data.db]
}

variable "etl" {
  type        = number
  description = "The etl setting."
}

resource "openstack_networking_port_v2" "auth" {
  name           = "auth-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true

  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.209"
  }
}

locals {
  bastion_0 = "${var.prefix}-bastion"
  bastion_1 = "${var.prefix}-bastion"
}

variable "cache" {
  type        = number
  description = "The cache setting."
  default     = 3
}
