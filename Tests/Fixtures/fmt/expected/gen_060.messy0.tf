variable "worker_2" {
  type        = set(string)
  description = "The worker_2 setting."
}

output "bastion" {
  value     = { for k, v in var.bastion : k => v.id }
  sensitive = true
}
