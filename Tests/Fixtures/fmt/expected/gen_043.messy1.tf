resource "rancher2_cluster_v2" "mon_7" {


  name                  = "mon_7"
  kubernetes_version    = "v1.28.9+rke2r1" # see docs
  enable_network_policy = false            # keep in sync

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
  depends_on = [terraform_data.lb, terraform_data.mon, terraform_data.edge]
}

output "mon" {
  value       = [for s in var.servers : s.name if s.enabled]
  description = "Output mon"
}




resource "openstack_networking_port_v2" "mon" {
  name           = "mon-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true
  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.227"
  }
}



