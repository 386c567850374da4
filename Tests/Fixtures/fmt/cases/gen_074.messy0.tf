 resource "kubectl_manifest" "db" {
    yaml_body= "${file("${path.module}/m.yaml")}"   
        force_new="${true}"

        lifecycle  {
prevent_destroy =false
  }
  depends_on=   [terraform_data.web,terraform_data.worker,  terraform_data.bastion]



  }



  resource "local_file"  "lb" {  
filename="${path.module}/out/lb.txt"
content= "${templatefile("t.tpl", { name = "lb" })}"  
  file_permission=    "0644"
   }

    variable "edge_3"    {  
        type  =string
      description= "The edge_3 setting."
  default= "x"
  }



resource  "kubernetes_service"   "bastion" {

  metadata    {
name="svc"
    }
spec {
selector ={
   app ="web"
   }
  port {
    port =80
target_port    =8080
}   

   type ="ClusterIP"
 }
        }
