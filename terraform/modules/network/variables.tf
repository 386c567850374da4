variable "name_prefix" {
  description = "Prefix of every object's name."
  type        = string
}

variable "cidr" {
  description = "CIDR of the cluster subnet."
  type        = string
}

variable "dns_nameservers" {
  description = "DNS servers handed out by DHCP."
  type        = list(string)
  default     = []
}

variable "external_network_name" {
  description = "Name of the provider network that carries floating IPs."
  type        = string
}

variable "ssh_allowed_cidrs" {
  description = "Networks allowed to reach SSH on the nodes."
  type        = list(string)
  default     = []
}

variable "extra_rules" {
  description = "Further ingress rules, keyed by a short name."
  type = map(object({
    protocol  = optional(string, "tcp")
    port_min  = number
    port_max  = optional(number)
    remote    = optional(string, "0.0.0.0/0")
    enabled   = optional(bool, true)
    ethertype = optional(string, "IPv4")
  }))
  default = {}
}

variable "tags" {
  description = "Tags put on every object."
  type        = list(string)
  default     = []
}
