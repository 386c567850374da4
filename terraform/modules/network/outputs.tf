output "network_id" {
  description = "Id of the cluster network."
  value       = openstack_networking_network_v2.cluster.id
}

output "subnet_id" {
  description = "Id of the cluster subnet, available once it is routed to the outside."
  value       = openstack_networking_subnet_v2.cluster.id

  # Floating IPs can only be associated with ports on a routed subnet.
  depends_on = [openstack_networking_router_interface_v2.cluster]
}

output "security_group_ids" {
  description = "Security groups every node port gets."
  value       = [openstack_networking_secgroup_v2.cluster.id]
}

output "external_network_id" {
  description = "Id of the external network."
  value       = data.openstack_networking_network_v2.external.id
}
