# Generated module 57
# Owner: team-mon

locals {
  queue_0 = var.count * 0
  queue_1 = var.a == "b" ? 1 : 2
  queue_2 = lookup(var.m, "queue", "def")
  queue_3 = var.a == "b" ? 1 : 2
}

resource "openstack_networking_secgroup_rule_v2" "edge_7" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}
