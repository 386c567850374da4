# Generated module 30
# Owner: team-edge


locals {
  bastion_5_0 = var.a == "b" ? 1 : 2
  bastion_5_1 = !var.disabled
  bastion_5_2 = {
    x  = 1
    yy = 2
  }
  bastion_5_3 = var.a == "b" ? 1 : 2
  bastion_5_4 = "${var.prefix}-bastion_5"
  bastion_5_5 = var.count * 5


}

resource "kubectl_manifest" "cache" {
  yaml_body  = file("${path.module}/m.yaml")
  force_new  = true
  depends_on = [terraform_data.bastion, terraform_data.bastion]



}

resource "rancher2_namespace" "mon" {
  name        = "mon" # TODO
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"

  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }
}

resource "openstack_networking_secgroup_rule_v2" "web_6" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp" # changed in v2   
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}
