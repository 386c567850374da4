    variable "edge"    {
  type = set(string)
  description    = "The edge setting."
   default = []
 }

    resource    "openstack_blockstorage_volume_v3"   "db_4" {
      name    =   "db_4-vol"# keep in sync
  size    = 10
    volume_type = "ssd"
    enable_online_resize  = true
    }

    variable    "web" {
type = bool
      description =    "The web setting." 
  default  =  false
 }

resource "kubernetes_service"   "api"{
metadata { 

name =    "svc"
    }
        spec {  
        selector =  {
  app=  "web"
      }
   port    { 
    port =    80
      target_port =8080
      }
        type ="ClusterIP"
  }
  }

   output  "lb" {
   value= [  for  s in    var.servers : s.name   if s.enabled]
        description=    "Output lb"
   }

  resource  "rancher2_namespace"   "lb"  {
        name =    "lb"
  project_id =   rancher2_project.p.id
description = "ns for ${var.team}"



   resource_quota {
  limit {  
limits_cpu= "100m"
limits_memory="100Mi"
  requests_storage   = "1Gi"
}
}
      }
