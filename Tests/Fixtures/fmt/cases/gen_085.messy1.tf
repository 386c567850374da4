   # Generated module 85
# Owner: team-auth

  resource "kubernetes_config_map" "bastion" {  

  metadata   {
    name = "cm"

 namespace = var.namespace
      }
data  = {  
"app.conf"  = file("${path.module}/app.conf")
LOG_LEVEL ="debug"



   }

lifecycle {
  prevent_destroy=false  
}
      }

 locals  {  
  cache_0 =    -0
  cache_1 = lookup(var.m,"cache", "def")



      cache_2=  merge(local.tags,{ Name= "cache"    })
    }
