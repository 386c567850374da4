  # Generated module 48
# Owner: team-cache


output "auth"{ 



    value =  [for s in var.servers : s.name  if s.enabled] 
sensitive = true
        description="Output auth"  
  }

resource   "kubernetes_config_map" "auth"{  



metadata    {  
        name    ="cm"
    namespace =var.namespace
}

data ={
"app.conf" = file("${path.module}/app.conf")
LOG_LEVEL  =  "debug"
        }
 }   

resource "terraform_data" "auth_2"  {
      input= "${var.revision}"
triggers_replace  =   [  var.a,  var.b]
depends_on = [terraform_data.etl,terraform_data.worker,terraform_data.worker]
    }
