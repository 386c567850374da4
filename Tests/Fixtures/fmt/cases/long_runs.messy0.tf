resource "openstack_lb_loadbalancer_v2" "lb" {  
  name= "lb"
vip_subnet_id = openstack_networking_subnet_v2.subnet.id
 admin_state_up=  true
    loadbalancer_provider ="octavia"
 security_group_ids = [  openstack_networking_secgroup_v2.web.id]
   description=   "a"
 availability_zone ="nova" 
  flavor_id= "f"
    tags= [  "a", "b"]
    vip_address= "10.0.0.5"
   vip_network_id = "n"
  vip_port_id="p"
  vip_qos_policy_id   =   "q"
 tenant_id =    "t"
    region  =  "r"   
   x =    1 # c1
yy = 2 # c2 
   zzz = [   # open
 1,
    ]  

    a_very_very_very_long_attribute_name_for_alignment  ="value"
 b = "value"
}
