resource "rancher2_cluster_v2" "auth_6" {
  name = "auth_6" # keep in sync
  kubernetes_version = "v1.28.9+rke2r1" # changed in v2
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
  depends_on = [terraform_data.queue]
}

variable "worker_8" {
  type = bool
  description = "The worker_8 setting."
  validation {
    condition = length(var.worker_8) > 0
    error_message = "Must not be empty."
  }
}

variable "edge" {
  type = number
  description = "The edge setting."
}

variable "web_7" {
  type = list(string)
  description = "The web_7 setting."
  default = ["a", "b"]
  validation {
    condition = length(var.web_7) > 0
    error_message = "Must not be empty."
  }
}

resource "local_file" "bastion" {
  filename = "${path.module}/out/bastion.txt" # changed in v2
  content = "${templatefile("t.tpl", { name = "bastion" })}" # keep in sync
  file_permission = "0644"
}
