variable "name_prefix" {
  description = "Prefix of every object's name."
  type        = string
}

variable "node_pools" {
  description = "Node pools keyed by pool name."
  type = map(object({
    count       = number
    flavor      = string
    role        = string
    volume_size = optional(number)
    labels      = optional(map(string), {})
    taints      = optional(list(string), [])
  }))

  validation {
    condition     = alltrue([for pool in values(var.node_pools) : contains(["controlplane", "worker"], pool.role)])
    error_message = "Each pool's role must be \"controlplane\" or \"worker\"."
  }
}

variable "image_name" {
  description = "Glance image name; the most recent image with this name is used."
  type        = string
}

variable "ssh_public_key" {
  description = "Public key for the default user."
  type        = string
}

variable "network_id" {
  description = "Network the node ports are created on."
  type        = string
}

variable "subnet_id" {
  description = "Subnet the node ports take their address from."
  type        = string
}

variable "security_group_ids" {
  description = "Security groups of every node port."
  type        = list(string)
}

variable "floating_ip_pool" {
  description = "External network floating IPs are allocated from."
  type        = string
}

variable "registration_command" {
  description = "Rancher system-agent registration command for the cluster."
  type        = string
  sensitive   = true
}

variable "node_labels" {
  description = "Kubernetes labels every node registers with."
  type        = map(string)
  default     = {}
}

variable "packages" {
  description = "Extra Ubuntu packages installed at first boot."
  type        = list(string)
  default     = ["curl", "open-iscsi", "nfs-common", "jq"]
}

variable "tags" {
  description = "Tags put on every object."
  type        = list(string)
  default     = []
}
