data "openstack_networking_network_v2" "external" {
  name     = var.external_network_name
  external = true
}

resource "openstack_networking_network_v2" "cluster" {
  name           = "${var.name_prefix}-net"
  admin_state_up = true
  tags           = var.tags
}

resource "openstack_networking_subnet_v2" "cluster" {
  name            = "${var.name_prefix}-subnet"
  network_id      = openstack_networking_network_v2.cluster.id
  cidr            = var.cidr
  ip_version      = 4
  dns_nameservers = var.dns_nameservers
  tags            = var.tags

  # Leave the top of the range for addresses assigned by hand (VIPs, bastion).
  allocation_pool {
    start = cidrhost(var.cidr, 10)
    end   = cidrhost(var.cidr, -20)
  }
}

resource "openstack_networking_router_v2" "cluster" {
  name                = "${var.name_prefix}-router"
  admin_state_up      = true
  external_network_id = data.openstack_networking_network_v2.external.id
  tags                = var.tags
}

resource "openstack_networking_router_interface_v2" "cluster" {
  router_id = openstack_networking_router_v2.cluster.id
  subnet_id = openstack_networking_subnet_v2.cluster.id
}

resource "openstack_networking_secgroup_v2" "cluster" {
  name                 = "${var.name_prefix}-nodes"
  description          = "Traffic between cluster nodes and from the operators' networks"
  delete_default_rules = false
  tags                 = var.tags
}

locals {
  # Ports opened to the world; node-to-node traffic is allowed by group
  # membership below and SSH only from the operators' networks.
  base_rules = {
    kube_api = {
      protocol = "tcp", port_min = 6443, port_max = 6443, remote = "0.0.0.0/0", enabled = true, ethertype = "IPv4"
    }
    http = {
      protocol = "tcp", port_min = 80, port_max = 80, remote = "0.0.0.0/0", enabled = true, ethertype = "IPv4"
    }
    https = {
      protocol = "tcp", port_min = 443, port_max = 443, remote = "0.0.0.0/0", enabled = true, ethertype = "IPv4"
    }
    nodeports = {
      protocol = "tcp", port_min = 30000, port_max = 32767, remote = "0.0.0.0/0", enabled = false, ethertype = "IPv4"
    }
  }

  extra_rules = {
    for name, rule in var.extra_rules : name => {
      protocol  = rule.protocol
      port_min  = rule.port_min
      port_max  = coalesce(rule.port_max, rule.port_min)
      remote    = rule.remote
      enabled   = rule.enabled
      ethertype = rule.ethertype
    }
  }

  # Disabled rules stay in the map so they can be switched on without editing code.
  ingress_rules = {
    for name, rule in merge(local.base_rules, local.extra_rules) : name => rule
    if rule.enabled
  }

  # SSH gets one rule per allowed network.
  ssh_rules = {
    for cidr in var.ssh_allowed_cidrs : "ssh-${replace(cidr, "/", "_")}" => cidr
  }
}

resource "openstack_networking_secgroup_rule_v2" "ingress" {
  for_each = local.ingress_rules

  security_group_id = openstack_networking_secgroup_v2.cluster.id
  description       = "${each.key} (${each.value.protocol}/${each.value.port_min})"
  direction         = "ingress"
  ethertype         = each.value.ethertype
  protocol          = each.value.protocol
  port_range_min    = each.value.port_min
  port_range_max    = each.value.port_max
  remote_ip_prefix  = each.value.remote
}

resource "openstack_networking_secgroup_rule_v2" "ssh" {
  for_each = local.ssh_rules

  security_group_id = openstack_networking_secgroup_v2.cluster.id
  description       = "ssh from ${each.value}"
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = each.value
}

# Nodes talk to each other on every port (etcd, kubelet, VXLAN, BGP, ...).
resource "openstack_networking_secgroup_rule_v2" "internal" {
  for_each = toset(["tcp", "udp", "icmp"])

  security_group_id = openstack_networking_secgroup_v2.cluster.id
  description       = "node to node (${each.key})"
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = each.key
  remote_group_id   = openstack_networking_secgroup_v2.cluster.id
}
