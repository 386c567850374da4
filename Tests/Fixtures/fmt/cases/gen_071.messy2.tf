   resource    "openstack_compute_instance_v2"    "api" {
   name = "api-${count.index}"
    image_name   = var.image
  flavor_name =    "m1.small"
key_pair  =openstack_compute_keypair_v2.kp.name
   security_groups =   ["default"]
    count = "${4}"
        network { uuid =  var.network_id}
      metadata = {
        role    = "worker"
  team = var.team
  }





        lifecycle  {



  prevent_destroy =true   
    }
   }

      variable "etl" {
  type  =   map(string)
 description = "The etl setting."
      default  ={}
}




      variable "mon" { 
    type =   object({
  name= string
 size = optional(number,10)



  })
      description="The mon setting."
  validation{  
        condition =length( var.mon)    > 0


error_message    = "Must not be empty."
        }  
    }

 resource "kubectl_manifest" "web"{
        yaml_body= "${file("${path.module}/m.yaml")}"
      force_new = true

  lifecycle   {
    prevent_destroy= true
}
}
