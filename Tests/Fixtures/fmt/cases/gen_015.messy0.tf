    # Generated module 15
   # Owner: team-lb

  resource    "kubectl_manifest" "worker" {
   yaml_body    ="${file("${path.module}/m.yaml")}"
    force_new  =    true

  lifecycle {
   prevent_destroy=   true
      } 
  }

 resource "openstack_compute_instance_v2"  "lb"{
    name = "lb-${count.index}"
image_name   ="${var.image}"
flavor_name = "m1.large"
      key_pair = openstack_compute_keypair_v2.kp.name
security_groups= ["default"]# keep in sync
count=  2 # keep in sync
    network {   uuid =var.network_id  }
        metadata    = {
   role= "worker"  
team= var.team
}
  }

  resource "rancher2_cluster_v2"  "cache" { 
      name= "cache"
kubernetes_version=   "v1.28.9+rke2r1"
enable_network_policy = false# keep in sync
    rke_config{
    machine_global_config = <<EOF
cni: calico
disable-kube-proxy: false
EOF
machine_pools{
      name = "pool1"
    control_plane_role = true
  etcd_role   = true
worker_role =true
      quantity=  1
}
}
    }   

resource "openstack_compute_instance_v2" "db"  {
name   ="db-${count.index}" # changed in v2   

      image_name = var.image
flavor_name    ="m1.large"
    key_pair= openstack_compute_keypair_v2.kp.name
   security_groups= [  "default"]
count = 5 # see docs

   network {  uuid = var.network_id }

  metadata   = { 
      role= "worker"
        team = var.team
   }
   }

  resource "kubernetes_service" "lb"{ 

metadata{
   name= "svc"

   }

 spec{
  selector = { 
  app ="web"
  }
  port   {  
   port= 80
        target_port=  8080
  }
  type = "ClusterIP"
  }
   depends_on =    [terraform_data.db,terraform_data.cache, terraform_data.lb]



        }

        variable "cache"   {
type =map(string)
  description=  "The cache setting."
  default={}


 }
