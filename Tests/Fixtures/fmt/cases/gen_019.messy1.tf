    resource    "openstack_compute_instance_v2" "mon"  {  
   name   = "mon-${count.index}"# keep in sync
      image_name = var.image
    flavor_name =    "m1.small"
   key_pair = openstack_compute_keypair_v2.kp.name
 security_groups  = ["default"]
   count = 2
network { uuid = var.network_id }
      metadata = {
    role ="worker"
  team=var.team



}

lifecycle    { 
   prevent_destroy= true


      }
  }


variable "etl"    {  
 type= number
 description ="The etl setting."
validation {
    condition =length(  var.etl) > 0
 error_message="Must not be empty."
      }
  }

  output "etl" {
   value=try(data.x.etl.result,null)
  } 

        resource  "openstack_networking_secgroup_rule_v2"  "cache"{
        direction =   "ingress"   
 ethertype = "IPv4"
  protocol ="tcp"
  port_range_min=22
port_range_max=  22
        remote_ip_prefix =    "0.0.0.0/0"
        security_group_id= openstack_networking_secgroup_v2.sg.id   
}
