# Generated module 34
# Owner: team-worker

locals {
  api_0 = merge(local.tags, { Name = "api" })
  api_1 = {
    x  = 1
    yy = 2
  }
  api_2 = merge(local.tags, { Name = "api" })
  api_3 = merge(local.tags, { Name = "api" })
  api_4 = -4
  api_5 = {
    x  = 1
    yy = 2
  }
}

output "lb" {
  value     = module.lb.id
  sensitive = true
}

variable "cache" {
  type        = list(string)
  description = "The cache setting."
  default     = ["a", "b"]
}
