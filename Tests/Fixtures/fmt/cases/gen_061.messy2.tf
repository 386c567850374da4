resource   "terraform_data"    "auth_8" { 
				input = var.revision# changed in v2
	triggers_replace=[var.a, var.b]

	}

	resource    "openstack_blockstorage_volume_v3" "db_6"    {
	name= "db_6-vol"
			size = 100
	volume_type= "ssd"  
				enable_online_resize    =true
			}
