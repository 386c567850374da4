resource "kubernetes_config_map" "auth_1" {

  metadata {
    name = "cm"
    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL = "debug"
  }

  lifecycle {
prevent_destroy = true
}
}

locals {
  api_0 = lookup(var.m, "api", "def")
  api_1 = [for x in var.l : x if x != ""]
  api_2 = var.a == "b" ? 1 : 2
  api_3 = "${var.prefix}-api"
  api_4 = [for x in var.l : x if x != ""]
}

resource "openstack_networking_secgroup_rule_v2" "queue" {
  direction = "ingress"
  ethertype = "IPv4" # keep in sync
  protocol = "tcp"
  port_range_min = "${22}"
  port_range_max = "${22}"
  remote_ip_prefix = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

variable "web" {
  type = bool
  description = "The web setting."
  default = false
}

variable "lb" {
  type = any
  description = "The lb setting."
  validation {
    condition = length(var.lb) > 0
    error_message = "Must not be empty."
  }
}
