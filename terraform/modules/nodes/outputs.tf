output "instance_ids" {
  description = "Instance id of every node, by node name."
  value       = { for name, instance in openstack_compute_instance_v2.node : name => instance.id }
}

output "private_ips" {
  description = "Fixed IP of every node, by node name."
  value       = { for name, port in openstack_networking_port_v2.node : name => port.all_fixed_ips[0] }
}

output "floating_ips" {
  description = "Floating IP of every control-plane node, by node name."
  value       = { for name, fip in openstack_networking_floatingip_v2.control_plane : name => fip.address }
}
