      variable    "etl_9"  {  
  type    =  string
   description   = "The etl_9 setting."
validation    {
condition=length(var.etl_9)> 0
        error_message="Must not be empty."
 }
  }

  resource "kubectl_manifest"   "auth"{
    yaml_body  = file("${path.module}/m.yaml")    # changed in v2


    force_new= "${true}"
    depends_on=[terraform_data.mon]
  }

        resource "kubernetes_service" "edge"  {


   metadata  { 



name = "svc"
   }

spec{



   selector = {  
        app    ="web"
        }
   port  {
  port  = 80  
        target_port  =   8080



}
  type = "ClusterIP"
 }
}

  resource "terraform_data"   "api" {
    input = var.revision
   triggers_replace= [var.a, var.b]
      }

resource   "random_password" "web"{
    length = 24
        special  =   "${true}"
   override_special  = "!#$%&*()-_=+[]{}<>:?"
        }

 variable "db_9"{
  type =map( string)  
   description = "The db_9 setting."
default ={} 
}
