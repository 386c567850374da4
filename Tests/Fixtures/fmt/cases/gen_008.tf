resource "kubectl_manifest" "edge" {
  yaml_body = "${file("${path.module}/m.yaml")}" # changed in v2
  force_new = true
}

output "lb" {
  value = openstack_compute_instance_v2.lb[*].access_ip_v4
}
