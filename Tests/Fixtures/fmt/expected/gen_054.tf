variable "edge_5" {
  type        = list(string)
  description = "The edge_5 setting."
}

locals {
  etl_2_0 = lookup(var.m, "etl_2", "def")
}

resource "kubectl_manifest" "mon_2" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "rancher2_cluster_v2" "auth_6" {
  name                  = "auth_6" # see docs
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
  edge_0 = {
    x  = 1
    yy = 2
  }
  edge_1 = merge(local.tags, { Name = "edge" })
  edge_2 = {
    x  = 1
    yy = 2
  }
}
