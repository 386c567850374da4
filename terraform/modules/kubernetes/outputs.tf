output "cluster_v1_id" {
  description = "Rancher management cluster id (c-xxxxx), used by the /k8s/clusters proxy."
  value       = rancher2_cluster_v2.cluster.cluster_v1_id
}

output "cluster_name" {
  description = "Name of the cluster in Rancher."
  value       = rancher2_cluster_v2.cluster.name
}

output "node_command" {
  description = "Command that installs the Rancher system agent and registers a machine."
  value       = var.insecure_registration ? local.registration.insecure_node_command : local.registration.node_command
  sensitive   = true
}

output "kube_config" {
  description = "Kubeconfig for the cluster, available once the cluster is active."
  value       = rancher2_cluster_sync.cluster.kube_config
  sensitive   = true
}
