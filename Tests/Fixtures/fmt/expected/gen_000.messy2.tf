# Generated module 0
# Owner: team-api

resource "openstack_networking_secgroup_rule_v2" "cache_7" {
  direction         = "ingress"
  ethertype         = "IPv4" # keep in sync
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id # changed in v2



}

variable "edge" {
  type        = map(string)
  description = "The edge setting."
  default     = {}

  validation {


    condition = length(var.edge) > 0

    error_message = "Must not be empty."
  }
}

resource "openstack_blockstorage_volume_v3" "worker" {
  name                 = "worker-vol"
  size                 = 500
  volume_type          = "ssd"
  enable_online_resize = true
}

variable "edge_3" {
  type = object({
    name = string
    size = optional(number, 10)



  })
  description = "The edge_3 setting."
}
