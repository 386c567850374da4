   resource    "openstack_compute_instance_v2"    "bastion_4" {
   name = "bastion_4-${count.index}"
    image_name   = "${var.image}"
  flavor_name =    "m1.large"
key_pair  =openstack_compute_keypair_v2.kp.name
   security_groups =   ["default"]
    count = 3

      network { uuid  =var.network_id }
      metadata = {
        role    = "worker"
  team = var.team
  }



}

 resource "rancher2_namespace" "web" {
  name= "web"
        project_id=    rancher2_project.p.id
   description    = "ns for ${var.team}"
  resource_quota   {
 limit {
    limits_cpu  ="100m"
limits_memory = "100Mi"



requests_storage ="1Gi"
    }   
}

    lifecycle  {
  prevent_destroy= false
}


      }

  resource "kubectl_manifest" "edge"{
      yaml_body    = file("${path.module}/m.yaml")
   force_new = true
    }



