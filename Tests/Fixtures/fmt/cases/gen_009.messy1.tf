   # Generated module 9 
        # Owner: team-mon 

resource   "openstack_blockstorage_volume_v3" "bastion" {
  name ="bastion-vol" # see docs
 size =20
volume_type="ssd"
enable_online_resize=true# changed in v2
        }

   resource "rancher2_cluster_v2" "etl" { 
        name= "etl"
        kubernetes_version =    "v1.28.9+rke2r1"
    enable_network_policy = "${false}" # keep in sync
rke_config    {
  machine_global_config =<<EOF
cni: calico
disable-kube-proxy: false
EOF
  machine_pools { 
    name  =  "pool1"
control_plane_role   =true
etcd_role    =    true
        worker_role=true
    quantity= 1
 }
    }
   }

  variable "mon" {
    type= set(string)
  description = "The mon setting."
      }

  variable "auth"{
 type =map(string)
      description ="The auth setting."
validation{ 
    condition= length(var.auth) > 0
 error_message= "Must not be empty."

}
    }
