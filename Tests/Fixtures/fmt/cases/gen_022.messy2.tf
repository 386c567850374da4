 resource "openstack_blockstorage_volume_v3"  "bastion" {
        name="bastion-vol" # changed in v2
size =20

  volume_type="ssd"
enable_online_resize  =true 

 }

    resource "kubernetes_service"  "api_1"{






 metadata {
 name =  "svc"


}
  spec   {   
  selector ={


app =    "web"
}
port {
 port =80
target_port =8080
  } 
    type   = "ClusterIP"
    }
      depends_on   = [terraform_data.mon,   terraform_data.cache]
   }

variable  "mon" {
  type =  any   
    description =  "The mon setting."



        default=    null
 validation   {
   condition  = length(  var.mon) >    0
  error_message  = "Must not be empty."
    } 
      }
