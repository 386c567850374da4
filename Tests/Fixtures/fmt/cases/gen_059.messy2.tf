      resource    "kubernetes_config_map"  "lb"{

  metadata {
  name   =   "cm"
  namespace =var.namespace
 }
   data ={ 



    "app.conf"  = file(  "${path.module}/app.conf")
LOG_LEVEL   ="debug"
  }   


      lifecycle  {
      prevent_destroy =  true
  }
 }

output   "lb"{
        value = try(data.x.lb.result,  null)
}

resource "openstack_networking_port_v2"  "lb" {   
  name = "lb-port"
   network_id =  openstack_networking_network_v2.net.id
    admin_state_up=true # keep in sync
fixed_ip {
        subnet_id  = openstack_networking_subnet_v2.sub.id
        ip_address  = "10.0.0.249"
  }  

   lifecycle { 
        prevent_destroy= true



}
  }



        variable "auth_4" {    
  type=   string
    description = "The auth_4 setting."
      default= "x"
 validation   {
    condition =  length(  var.auth_4) > 0
        error_message  =   "Must not be empty."
        }
   }
