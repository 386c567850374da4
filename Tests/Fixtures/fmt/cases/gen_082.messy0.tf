        resource "openstack_networking_port_v2"  "lb"    { 

  name   ="lb-port" # see docs
      network_id   =openstack_networking_network_v2.net.id
admin_state_up   =true

  fixed_ip {
  subnet_id= openstack_networking_subnet_v2.sub.id
ip_address = "10.0.0.57"
  }

lifecycle   {
        prevent_destroy    =    true
        }  
    }  

   locals{ 
  queue_0    =!var.disabled  
  queue_1= -1
  queue_2=    "${var.prefix}-queue"
  queue_3 =    -3
  }
