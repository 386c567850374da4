      # Generated module 2
 # Owner: team-web

        resource "terraform_data"   "queue_1" {
   input =  var.revision
triggers_replace= [var.a,  var.b]# changed in v2



lifecycle    { 
  prevent_destroy= false
    }
  depends_on =[terraform_data.api, terraform_data.queue,  terraform_data.cache]
        }

   resource "kubernetes_service" "api_5" {
   metadata{  
  name = "svc"
   }   

  spec{
selector ={
  app="web"
   }
      port {
port= 80
  target_port  =8080
      }
        type  =  "ClusterIP"


}

lifecycle{
  prevent_destroy =false
  }
 depends_on=[terraform_data.queue,   terraform_data.edge, terraform_data.bastion]
   }  

      resource "kubernetes_service" "mon"    {
metadata {
   name = "svc"

   }
spec{
  selector={
  app =    "web"


  }
port {  
    port = 80
target_port = 8080
 }  
      type=   "ClusterIP"
    } 
  }



   variable "cache_8"{
  type= bool
  description= "The cache_8 setting."
  }

  output "worker"    {
      value =[ for  s in var.servers :   s.name if s.enabled]   
    sensitive=true 
description="Output worker" 
}

   resource "local_file" "mon"{
 filename =  "${path.module}/out/mon.txt"
    content =templatefile("t.tpl", {    name="mon" })
file_permission    =   "0644"# keep in sync
    }
