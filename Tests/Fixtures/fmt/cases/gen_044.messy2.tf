   # Generated module 44
      # Owner: team-bastion

   variable "edge_3"    {
  type   = object({
      name=string
 size = optional(number,10)
  })
 description =   "The edge_3 setting."
}

 resource "rancher2_namespace"   "auth_5" {
   name    ="auth_5"
    project_id    =rancher2_project.p.id
        description = "ns for ${var.team}"

  resource_quota {
  limit{
  limits_cpu = "100m"
  limits_memory ="100Mi"   
        requests_storage  = "1Gi"
   }
      }
      }

  variable   "queue_8" {
 type=bool
  description = "The queue_8 setting."



}




    resource "openstack_networking_port_v2"   "etl" {
  name= "etl-port"
network_id = "${openstack_networking_network_v2.net.id}"
admin_state_up =  true

    fixed_ip{
        subnet_id =openstack_networking_subnet_v2.sub.id
  ip_address=    "10.0.0.168"

        }



        lifecycle    {    
  prevent_destroy = false
}   
  }
