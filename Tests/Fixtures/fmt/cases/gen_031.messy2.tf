    # Generated module 31   
# Owner: team-edge 

 resource   "openstack_compute_instance_v2" "db"  {
name = "db-${count.index}"

  image_name=var.image
flavor_name  ="m1.small" 

key_pair= openstack_compute_keypair_v2.kp.name
security_groups = [ "default"]
count ="${4}"

network { uuid  =  var.network_id }


  metadata =   {   
      role ="worker"   
 team =var.team
}
}

    variable "api_5" {
 type =number
  description="The api_5 setting."
        }
