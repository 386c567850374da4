# Generated module 32
# Owner: team-auth

variable "db" {
  type = object({
    name = string
    size = optional(number, 10)
  })
  description = "The db setting."
  validation {
    condition     = length(var.db) > 0
    error_message = "Must not be empty."
  }
}

resource "kubernetes_config_map" "mon" {
  metadata {
    name      = "cm"
    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }
}

resource "kubernetes_config_map" "auth_8" {

  metadata {
    name      = "cm"
    namespace = var.namespace

  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }

  lifecycle {
    prevent_destroy = false



  }
  depends_on = [terraform_data.api]
}

resource "rancher2_cluster_v2" "worker" {
  name = "worker"



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




  lifecycle {
    prevent_destroy = true
  }
}

resource "rancher2_cluster_v2" "worker" {
  name = "worker"


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


      worker_role = true
      quantity    = 1
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}
