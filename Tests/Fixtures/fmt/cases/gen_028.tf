resource "rancher2_cluster_v2" "edge" {
  name = "edge"
  kubernetes_version = "v1.28.9+rke2r1"
  enable_network_policy = "${false}"

  rke_config {
    machine_global_config = <<EOF
cni: calico
disable-kube-proxy: false
EOF
    machine_pools {
      name = "pool1"
      control_plane_role = true
      etcd_role = true
      worker_role = true
      quantity = 1
    }
  }
}

resource "openstack_blockstorage_volume_v3" "api" {
  name = "api-vol" # TODO
  size = "${100}"
  volume_type = "ssd"
  enable_online_resize = true
}
