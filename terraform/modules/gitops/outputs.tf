output "namespace" {
  description = "Namespace ArgoCD runs in."
  value       = kubectl_manifest.namespace.name
}

output "root_application" {
  description = "Name of the root Application."
  value       = kubectl_manifest.root_application.name
}
