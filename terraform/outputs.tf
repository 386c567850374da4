output "cluster_id" {
  description = "Rancher v1 cluster id (c-xxxxx)."
  value       = module.kubernetes.cluster_v1_id
}

output "cluster_name" {
  description = "Name of the cluster in Rancher."
  value       = module.kubernetes.cluster_name
}

output "control_plane_ips" {
  description = "Floating IPs of the control-plane nodes, by node name."
  value       = module.nodes.floating_ips
}

output "node_private_ips" {
  description = "Private address of every node, by node name."
  value       = module.nodes.private_ips
}

output "kubeconfig_path" {
  description = "Where the kubeconfig for this cluster was written."
  value       = local_sensitive_file.kubeconfig.filename
}

output "kube_config" {
  description = "Kubeconfig that reaches the cluster through Rancher."
  value       = module.kubernetes.kube_config
  sensitive   = true
}

output "argocd_root_application" {
  description = "Name of ArgoCD's root application."
  value       = module.gitops.root_application
}
