# --- OpenStack (Radiant) -----------------------------------------------------

variable "openstack_auth_url" {
  description = "Keystone endpoint of the Radiant cloud."
  type        = string
  default     = "https://radiant.ncsa.illinois.edu:5000/v3"
}

variable "openstack_region" {
  description = "OpenStack region to build in."
  type        = string
  default     = "RegionOne"
}

variable "openstack_project" {
  description = "OpenStack project (tenant) that owns the cluster; used in names and tags."
  type        = string
}

variable "openstack_application_credential_id" {
  description = "Application credential for the project, created in Horizon under Identity > Application Credentials."
  type        = string
}

variable "openstack_application_credential_secret" {
  description = "Secret of the application credential."
  type        = string
  sensitive   = true
}

# --- Cluster -----------------------------------------------------------------

variable "cluster_name" {
  description = "Name of the Kubernetes cluster; prefixes every OpenStack object."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.cluster_name))
    error_message = "The cluster name must be 3-32 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "kubernetes_version" {
  description = "RKE2 release Rancher installs, e.g. v1.31.5+rke2r1."
  type        = string
  default     = "v1.31.5+rke2r1"

  validation {
    condition     = can(regex("\\+rke2r[0-9]+$", var.kubernetes_version))
    error_message = "Only RKE2 versions (ending in +rke2rN) are supported by this configuration."
  }
}

variable "control_plane_count" {
  description = "Number of control-plane (etcd + control plane) nodes; use an odd number."
  type        = number
  default     = 3

  validation {
    condition     = var.control_plane_count % 2 == 1
    error_message = "The control plane needs an odd number of nodes to keep etcd quorum."
  }
}

variable "worker_count" {
  description = "Number of worker nodes in the default pool."
  type        = number
  default     = 3
}

variable "extra_node_pools" {
  description = "Additional worker pools, e.g. GPU nodes, keyed by pool name."
  type = map(object({
    count       = number
    flavor      = string
    volume_size = optional(number)
    labels      = optional(map(string), {})
    taints      = optional(list(string), [])
  }))
  default = {}
}

variable "flavors" {
  description = "OpenStack flavors for each node role."
  type = object({
    control_plane = optional(string, "m1.large")
    worker        = optional(string, "m1.xlarge")
  })
  default = {}
}

variable "image_name" {
  description = "Glance image the nodes boot from; the newest image with this name is used."
  type        = string
  default     = "Ubuntu Jammy (22.04) latest"
}

variable "boot_volume_size" {
  description = "Size in GB of the boot volume of each node; null boots from the image on local disk."
  type        = number
  default     = 60
}

variable "ssh_public_key" {
  description = "Public key installed for the ubuntu user on every node."
  type        = string
}

# --- Rancher -----------------------------------------------------------------

variable "rancher_url" {
  description = "URL of the Rancher server that manages the cluster."
  type        = string
  default     = "https://gonzo-rancher.ncsa.illinois.edu"
}

variable "rancher_token" {
  description = "Rancher API token (token-xxxxx:yyyy) with permission to create clusters."
  type        = string
  sensitive   = true
}

variable "rancher_insecure" {
  description = "Skip TLS verification when talking to Rancher (test servers only)."
  type        = bool
  default     = false
}

variable "cluster_admins" {
  description = "Rancher principals (e.g. github_user://123) granted cluster-owner or another role."
  type = map(object({
    principal = string
    role      = optional(string, "cluster-owner")
  }))
  default = {}
}

# --- GitOps ------------------------------------------------------------------

variable "argocd_repo_url" {
  description = "Git repository ArgoCD syncs the applications from."
  type        = string
  default     = "https://github.com/MUSES-collaboration/radiant-apps.git"
}

variable "argocd_revision" {
  description = "Branch, tag or commit of the applications repository."
  type        = string
  default     = "main"
}

variable "argocd_repo_token" {
  description = "Read token for a private applications repository; null when it is public."
  type        = string
  default     = null
  sensitive   = true
}
