 variable    "cache" {
type   =object({
  name=string
size = optional(number,    10)
   })
        description  = "The cache setting."
        default= null
      validation {  
  condition = length(var.cache)> 0
error_message =   "Must not be empty."
} 
 }

        resource "terraform_data" "bastion" {  
 input=var.revision
  triggers_replace= [var.a,var.b]

 }

variable "auth"{
  type= list(string) 
description = "The auth setting."
    default =["a", "b"]
  }

    resource   "rancher2_cluster_v2" "etl_5" {
      name =   "etl_5"
kubernetes_version ="v1.28.9+rke2r1"
   enable_network_policy=false   
  rke_config { 
  machine_global_config=  <<EOF
cni: calico
disable-kube-proxy: false
EOF
  machine_pools{
  name = "pool1"
  control_plane_role =true
etcd_role=true
  worker_role= true
quantity=  1
  }
        }   
      }

  variable   "bastion_9"{
type  = bool
  description="The bastion_9 setting."
    validation {
condition= length(var.bastion_9)    > 0 
 error_message = "Must not be empty."   
  }
      }
