 variable "etl"   { 

type =object( { 
name  =string
    size = optional(number,  10) 
      })   
        description="The etl setting."  
  }

 variable   "web" { 
      type = object({
  name = string
size=   optional(number,10)
   })
  description = "The web setting."
default = null
  validation  { 
  condition=length(var.web)> 0
    error_message =  "Must not be empty."
}
   }

  locals {
 db_0 =lookup(var.m, "db","def")
 db_1=var.count *   1 
    }

    variable   "worker"   {
  type   =    object( {
    name = string
  size =optional(number, 10)
 })
    description ="The worker setting."
  }



    locals { 
  cache_0 =   !var.disabled
        cache_1= var.count  *   1
    cache_2 =    [ for x in  var.l :x   if    x   !=   ""]
cache_3 = "${var.prefix}-cache"
      cache_4 =var.count *    4
  cache_5=  "${var.prefix}-cache"
}

resource "openstack_networking_port_v2"  "auth_6" {
        name= "auth_6-port"
  network_id=  openstack_networking_network_v2.net.id
  admin_state_up = true
        fixed_ip {  
   subnet_id = openstack_networking_subnet_v2.sub.id
    ip_address   = "10.0.0.118"
      }
  depends_on = [terraform_data.cache,   terraform_data.mon]
  }
