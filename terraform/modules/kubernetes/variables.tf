variable "cluster_name" {
  description = "Name of the cluster in Rancher."
  type        = string
}

variable "kubernetes_version" {
  description = "RKE2 version, e.g. v1.31.5+rke2r1."
  type        = string
}

variable "insecure_registration" {
  description = "Have nodes skip TLS verification of Rancher when they register (self-signed Rancher only)."
  type        = bool
  default     = false
}

variable "cni" {
  description = "CNI plugin RKE2 installs."
  type        = string
  default     = "calico"
}

variable "etcd_snapshot_retention" {
  description = "How many etcd snapshots RKE2 keeps on each control-plane node."
  type        = number
  default     = 5
}

variable "etcd_s3" {
  description = "Off-cluster etcd snapshot target; null keeps snapshots on the nodes only."
  type = object({
    bucket                = string
    endpoint              = string
    folder                = optional(string)
    region                = optional(string)
    cloud_credential_name = optional(string)
  })
  default = null
}

variable "registry_mirrors" {
  description = "Registry mirrors, keyed by registry hostname (e.g. docker.io)."
  type        = map(list(string))
  default     = {}
}

variable "cluster_admins" {
  description = "Principals bound to a cluster role, keyed by a short name."
  type = map(object({
    principal = string
    role      = optional(string, "cluster-owner")
  }))
  default = {}
}

variable "labels" {
  description = "Labels on the Rancher cluster object."
  type        = map(string)
  default     = {}
}

variable "node_ids" {
  description = "Ids of the machines that register with the cluster; the sync waits for them."
  type        = map(string)
  default     = {}
}
