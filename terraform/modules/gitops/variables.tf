variable "cluster_name" {
  description = "Cluster name, shown in ArgoCD and used in labels."
  type        = string
}

variable "namespace" {
  description = "Namespace ArgoCD runs in."
  type        = string
  default     = "argocd"
}

variable "chart_version" {
  description = "Version of the argo-cd Helm chart."
  type        = string
}

variable "repo_url" {
  description = "Git repository holding the applications."
  type        = string
}

variable "repo_path" {
  description = "Directory in the repository with the root application's manifests."
  type        = string
}

variable "revision" {
  description = "Branch, tag or commit to follow."
  type        = string
  default     = "HEAD"
}

variable "repo_token" {
  description = "Read token for a private repository; null for a public one."
  type        = string
  default     = null
  sensitive   = true
}

variable "sync_policy" {
  description = "How the root application syncs."
  type = object({
    automated = optional(bool, true)
    prune     = optional(bool, true)
    self_heal = optional(bool, true)
  })
  default = {}
}
