resource "rancher2_cluster_v2" "bastion" {
  name = "bastion"
  kubernetes_version = "v1.28.9+rke2r1"
  enable_network_policy = false
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

variable "worker_1" {
  type = any
  description = "The worker_1 setting."
}

variable "worker_1" {
  type = string
  description = "The worker_1 setting."
  default = "x"
}
