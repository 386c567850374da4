output "auth"{
  value= try(data.x.auth.result,    null)
      }



   output   "worker_8"  {
   value =  [for  s   in   var.servers : s.name if s.enabled]
  sensitive = true
  description = "Output worker_8"
  }




  resource "kubernetes_service" "api" {
    metadata{
  name  = "svc"
 }
   spec { 
 selector = {
app="web"
      }
port {  
  port =    80
  target_port=  8080
   }
 type =    "ClusterIP"
}
  }

  resource "kubernetes_config_map"   "mon"{

metadata{
name = "cm"
namespace =var.namespace
}

data  = {
  "app.conf"= file("${path.module}/app.conf")
  LOG_LEVEL    ="debug" 
}  
  depends_on =[terraform_data.bastion, terraform_data.cache,    terraform_data.bastion]
}

  resource "local_file" "auth" {
    filename =    "${path.module}/out/auth.txt"
content  = templatefile(  "t.tpl",{   name=   "auth" })
        file_permission ="0644"



   }   

   output "auth_3"{ 
  value="${module.auth_3.id}"
        description=   "Output auth_3" 

   }
