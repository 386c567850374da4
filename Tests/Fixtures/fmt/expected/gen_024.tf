# Generated module 24
# Owner: team-edge

variable "api_2" {
  type        = number
  description = "The api_2 setting."
  default     = 3
}

output "edge" {
  value     = [for s in var.servers : s.name if s.enabled]
  sensitive = true
}
