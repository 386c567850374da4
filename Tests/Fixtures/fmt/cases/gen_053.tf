# Generated module 53
# Owner: team-bastion

locals {
  worker_0 = {
    x = 1
    yy = 2
  }
}

resource "openstack_networking_port_v2" "auth" {
  name = "auth-port"
  network_id = openstack_networking_network_v2.net.id # see docs
  admin_state_up = true # see docs

  fixed_ip {
    subnet_id = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.21"
  }
}

resource "rancher2_namespace" "mon_4" {
  name = "mon_4" # keep in sync
  project_id = rancher2_project.p.id
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu = "100m"
      limits_memory = "100Mi"
      requests_storage = "1Gi"
    }
  }
}

resource "kubernetes_config_map" "mon" {

  metadata {
    name = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL = "debug"
  }
}

locals {
  db_7_0 = -0
  db_7_1 = -1
  db_7_2 = var.count * 2
  db_7_3 = [for x in var.l : x if x != ""]
}

resource "openstack_networking_secgroup_rule_v2" "web_9" {
  direction = "ingress"
  ethertype = "IPv4" # TODO
  protocol = "tcp"
  port_range_min = 22
  port_range_max = 22
  remote_ip_prefix = "0.0.0.0/0" # TODO
  security_group_id = openstack_networking_secgroup_v2.sg.id
}
