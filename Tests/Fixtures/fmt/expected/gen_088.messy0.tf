resource "rancher2_cluster_v2" "auth" {
  name                  = "auth"
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

locals {
  edge_0 = "${var.prefix}-edge"
  edge_1 = {
    x = 1

    yy = 2
  }
  edge_2 = "${var.prefix}-edge"

  edge_3 = var.a == "b" ? 1 : 2
}

variable "edge" {
  type        = list(string)
  description = "The edge setting."
}
