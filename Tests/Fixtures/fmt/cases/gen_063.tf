# Generated module 63
# Owner: team-worker

output "api" {
  value = openstack_compute_instance_v2.api[*].access_ip_v4
  description = "Output api"
}

variable "edge" {
  type = any
  description = "The edge setting."
}
