        resource "kubernetes_service" "db" {

  metadata{
  name= "svc"
        }

        spec {
      selector  = {  
    app   ="web"
    }
port{   
        port =80
      target_port   = 8080
  }
  type =   "ClusterIP"
    }
    }

    variable "api"    {
 type=list(string)
description= "The api setting."

  default = [  "a",  "b"]
validation {
 condition  =length(  var.api) >  0
  error_message = "Must not be empty."
  }
  }

   resource  "rancher2_cluster_v2"    "web"{  
      name= "web"
  kubernetes_version= "v1.28.9+rke2r1"
      enable_network_policy   = false
 rke_config{
        machine_global_config    = <<EOF
cni: calico
disable-kube-proxy: false
EOF
        machine_pools{  
  name =    "pool1" 
 control_plane_role =    true
  etcd_role = true
        worker_role = true
   quantity = 1 
    }
 }
        }
