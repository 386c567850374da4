   variable "auth_4"    {
  type    =   set(string)
   description    ="The auth_4 setting."
   }

  resource  "kubernetes_service"    "edge" {
  metadata{
  name ="svc"
   }
spec{
    selector    = {
    app  = "web"
        }
port{
      port = 80
  target_port= 8080
   }
   type = "ClusterIP"
}

    lifecycle {
prevent_destroy = true


}
}


  resource "kubernetes_config_map" "mon" {

 metadata {

    name =  "cm"
namespace = var.namespace 
}
data = {
    "app.conf"= file("${path.module}/app.conf")
LOG_LEVEL= "debug"
  }

  lifecycle {
   prevent_destroy =true
}
 }



resource "openstack_blockstorage_volume_v3"   "etl_5" {  



 name="etl_5-vol"
    size= 20
volume_type =  "ssd"
  enable_online_resize   =true   


      lifecycle{
prevent_destroy    =true
}
    }

   locals {  
      db_0 = merge(local.tags, {Name= "db" })
  }

   locals{
        cache_0=lookup(  var.m, "cache","def")
 }
