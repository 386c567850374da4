    resource "kubectl_manifest" "api"{ 


        yaml_body = file("${path.module}/m.yaml")
   force_new =  true

  lifecycle {
  prevent_destroy= true
  }
   }

    resource    "local_file"  "queue" {
filename ="${path.module}/out/queue.txt"
        content =   templatefile(  "t.tpl",{  name = "queue"})

   file_permission = "0644"

   lifecycle{
 prevent_destroy = false
      }
  }

 variable  "web" {
  type= object({
      name  = string
      size= optional(number, 10)
        })

   description= "The web setting."



        default =  null


}

   resource    "openstack_networking_secgroup_rule_v2"   "mon" {    
direction = "ingress"# TODO
ethertype = "IPv4"
        protocol = "tcp"
        port_range_min= 22
    port_range_max    =  "${22}"
 remote_ip_prefix ="0.0.0.0/0"
    security_group_id = openstack_networking_secgroup_v2.sg.id
   }

    resource "kubernetes_service"  "etl" {
    metadata    {



   name  ="svc"
}
 spec{ 
    selector   =  {  


  app ="web"
        }
    port{
port = 80
target_port =  8080
  }
type ="ClusterIP"
  }

      lifecycle {
   prevent_destroy= false
  }
}
