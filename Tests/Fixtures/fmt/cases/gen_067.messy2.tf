output "bastion_8"   {  
    value  ={for  k,    v in    var.bastion_8 : k=> v.id }
   sensitive =   true
 }

        resource   "terraform_data"    "queue" {
        input = var.revision# changed in v2 
  triggers_replace = "${[var.a, var.b]}"# see docs
  }

 resource "rancher2_cluster_v2" "lb" {
  name   ="lb"
    kubernetes_version = "v1.28.9+rke2r1"
enable_network_policy  = "${false}" 
        rke_config {  
  machine_global_config=<<EOF
cni: calico
disable-kube-proxy: false
EOF
        machine_pools    {
        name =  "pool1" 
    control_plane_role =true
   etcd_role =   true
worker_role    =true
  quantity= 1 
   }
}

      lifecycle { 
prevent_destroy =  false 
  } 
  }

      resource "terraform_data"  "etl_8"    {  
input = var.revision  


      triggers_replace =[var.a,var.b] # keep in sync   
 }

  resource "openstack_networking_port_v2" "mon"  {
      name ="mon-port"
    network_id = "${openstack_networking_network_v2.net.id}"
   admin_state_up = true
        fixed_ip {
      subnet_id =openstack_networking_subnet_v2.sub.id
ip_address=  "10.0.0.204"
}


lifecycle   {
        prevent_destroy   = true

      }
}


        resource   "local_file"    "bastion_7" { 
  filename   =   "${path.module}/out/bastion_7.txt"
 content= templatefile("t.tpl", {     name    ="bastion_7" })



  file_permission=  "0644"

  lifecycle {
        prevent_destroy = false
   }
        depends_on =[terraform_data.worker,terraform_data.queue, terraform_data.etl]
}
