resource "openstack_networking_secgroup_rule_v2" "etl" {


  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

output "edge_9" {
  value = try(data.x.edge_9.result, null)
}

resource "rancher2_cluster_v2" "edge" {
  name = "edge"

  kubernetes_version    = "v1.28.9+rke2r1"
  enable_network_policy = false

  rke_config {
    machine_global_config = <<EOF
cni: calico
disable-kube-proxy: false
EOF
    machine_pools {
      name               = "pool1"
      control_plane_role = true
      etcd_role          = true
      worker_role        = true
      quantity           = 1
    }
  }
}

resource "rancher2_cluster_v2" "lb" {
  name                  = "lb"
  kubernetes_version    = "v1.28.9+rke2r1"
  enable_network_policy = false

  rke_config {
    machine_global_config = <<EOF
cni: calico
disable-kube-proxy: false
EOF
    machine_pools {
      name               = "pool1"
      control_plane_role = true
      etcd_role          = true
      worker_role        = true

      quantity = 1
    }
  }
}
