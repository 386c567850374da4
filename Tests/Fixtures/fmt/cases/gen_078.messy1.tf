  resource "openstack_networking_port_v2"    "edge"{   
 name    = "edge-port"
network_id    =openstack_networking_network_v2.net.id  



admin_state_up ="${true}"
   fixed_ip   {
        subnet_id=   openstack_networking_subnet_v2.sub.id
 ip_address =   "10.0.0.165"
  }

  lifecycle {
  prevent_destroy    = false
  } 
  }

 resource    "rancher2_cluster_v2" "lb_7"{
 name   = "lb_7"
        kubernetes_version ="v1.28.9+rke2r1"
   enable_network_policy = "${false}"

   rke_config{


  machine_global_config    = <<EOF
cni: calico
disable-kube-proxy: false
EOF
 machine_pools {  


name="pool1" 
        control_plane_role=true 
    etcd_role    =true
   worker_role   = true
  quantity =1
  }
 }






lifecycle {
prevent_destroy =false
}
  }

  variable "edge"{  
type = string
description = "The edge setting."
  } 

 resource    "local_file"  "etl"{
  filename = "${path.module}/out/etl.txt"
 content = "${templatefile("t.tpl", { name = "etl" })}" 
        file_permission = "0644"
}



