 resource "openstack_compute_instance_v2" "etl" {
name= "etl-${count.index}" # keep in sync
        image_name=var.image
      flavor_name  = "m1.medium"
key_pair =   openstack_compute_keypair_v2.kp.name
        security_groups =["default"] # changed in v2
    count =1

        network{  uuid=   var.network_id }
  metadata = {
role="worker"
team= var.team  
 }
      }

  variable   "queue"   {
 type = set(string)
  description= "The queue setting."
    default    =[  ]
    validation {     
  condition =   length(var.queue) > 0
  error_message= "Must not be empty."
  }


    }


  output "queue_3" {  
value= { for   k,    v in   var.queue_3 :k => v.id}   
sensitive    =true
}   

