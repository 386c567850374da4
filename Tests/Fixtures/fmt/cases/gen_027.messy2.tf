   # Generated module 27
    # Owner: team-queue  



resource   "openstack_networking_secgroup_rule_v2"   "web" {
   direction = "ingress"
      ethertype = "IPv4"
 protocol = "tcp"
  port_range_min    =    22
   port_range_max   = "${22}"
      remote_ip_prefix = "0.0.0.0/0"
 security_group_id= "${openstack_networking_secgroup_v2.sg.id}" # see docs
}



        variable "queue_4"    {  
  type =    bool

 description = "The queue_4 setting."
  default    = false
    }

locals {
   auth_2_0 =var.count *   0
      auth_2_1 =var.a   ==  "b"  ?1: 2
  auth_2_2  = {
   x =1
        yy   = 2
      }
  auth_2_3= var.count   *  3
   }

  resource "kubectl_manifest"    "etl_8" {  
    yaml_body =file("${path.module}/m.yaml")
  force_new =    true # changed in v2
depends_on=[terraform_data.edge, terraform_data.edge]


    }

resource    "kubernetes_config_map"  "edge" {
  metadata {
      name ="cm"
        namespace =var.namespace
   }
data = {  
    "app.conf"=  file("${path.module}/app.conf")
  LOG_LEVEL =  "debug"
    }

lifecycle {  
    prevent_destroy = false
    }
   }



