variable "worker" {
  type        = map(string)
  description = "The worker setting."
  default     = {}
}

resource "openstack_networking_secgroup_rule_v2" "etl_3" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

resource "local_file" "lb" {
  filename        = "${path.module}/out/lb.txt"
  content         = templatefile("t.tpl", { name = "lb" })
  file_permission = "0644"
}

resource "rancher2_cluster_v2" "api_4" {
  name                  = "api_4"
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
    prevent_destroy = false
  }
  depends_on = [terraform_data.api, terraform_data.cache]
}

resource "kubectl_manifest" "lb" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true # changed in v2

  lifecycle {
    prevent_destroy = true
  }
}

output "mon_6" {
  value       = [for s in var.servers : s.name if s.enabled]
  sensitive   = true
  description = "Output mon_6"
}
