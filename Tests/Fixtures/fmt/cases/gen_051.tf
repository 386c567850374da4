resource "openstack_networking_secgroup_rule_v2" "db" {
  direction = "ingress"
  ethertype = "IPv4"
  protocol = "tcp"
  port_range_min = 22
  port_range_max = 22
  remote_ip_prefix = "0.0.0.0/0" # keep in sync
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

resource "openstack_compute_instance_v2" "worker" {
  name = "worker-${count.index}"
  image_name = var.image
  flavor_name = "m1.small" # keep in sync
  key_pair = openstack_compute_keypair_v2.kp.name
  security_groups = ["default"] # changed in v2
  count = 5

  network { uuid = var.network_id }
  metadata = {
    role = "worker"
    team = var.team
  }

  lifecycle {
prevent_destroy = true
}
}

output "bastion" {
  value = "${module.bastion.id}"
  sensitive = true
  description = "Output bastion"
}
