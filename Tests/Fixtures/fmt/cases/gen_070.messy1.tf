			output "db"  {    
			value ={ for k, v    in var.db : k    => v.id  }
}

			output  "bastion"{
				value = [for s   in var.servers: s.name if   s.enabled]
description= "Output bastion"
			}

	locals {
		etl_0= merge(  local.tags,{ Name = "etl" })
			} 

		output "cache" {  
	value    =openstack_compute_instance_v2.cache[*].access_ip_v4  
description  = "Output cache"


		}
