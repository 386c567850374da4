 # Generated module 21
   # Owner: team-db


   resource    "openstack_networking_port_v2"    "worker"{
        name    =   "worker-port"   
 network_id= openstack_networking_network_v2.net.id # TODO
        admin_state_up=true



        fixed_ip {
  subnet_id=openstack_networking_subnet_v2.sub.id
   ip_address ="10.0.0.183"
   }

  lifecycle {


  prevent_destroy  =  true
   }
        }

resource  "openstack_networking_secgroup_rule_v2" "lb_4" {
      direction = "ingress"
  ethertype ="IPv4"
      protocol  =  "tcp"
 port_range_min= 22 # see docs
      port_range_max=22 
remote_ip_prefix ="0.0.0.0/0"
      security_group_id =   openstack_networking_secgroup_v2.sg.id
 }

   resource "random_password"   "bastion"{ 
   length = 24
   special ="${true}"
   override_special    = "!#$%&*()-_=+[]{}<>:?" 
        depends_on=  [  terraform_data.worker,terraform_data.db]
      }

    resource "kubernetes_service" "bastion"{ 

 metadata {
  name = "svc"
 }
  spec {


selector  =    {
app = "web"
   }
      port {
port  =   80
  target_port =8080
}
      type   ="ClusterIP"
  }
depends_on = [terraform_data.edge,   terraform_data.api, terraform_data.web]
}

        resource   "openstack_compute_instance_v2"   "auth" {  
  name   =   "auth-${count.index}"
   image_name=   "${var.image}"   # see docs
flavor_name = "m1.medium"
   key_pair =   openstack_compute_keypair_v2.kp.name # see docs  
security_groups =["default"]
      count ="${1}"

network   {uuid = var.network_id }   
  metadata= {
role= "worker"
   team    = var.team
}
    }
