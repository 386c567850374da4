variable "lb" {
  type        = set(string)
  description = "The lb setting."
  default     = []
}


resource "kubectl_manifest" "db" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true
}

output "queue_1" {
  value = [for s in var.servers : s.name if s.enabled]

}

variable "cache" {
  type        = any
  description = "The cache setting."
  default     = null
}
