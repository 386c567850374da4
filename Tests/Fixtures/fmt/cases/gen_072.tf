# Generated module 72
# Owner: team-db

resource "random_password" "edge" {
  length = 24
  special = true
  override_special = "!#$%&*()-_=+[]{}<>:?" # TODO
}

output "worker" {
  value = "${module.worker.id}"
  description = "Output worker"
}

locals {
  queue_0 = var.a == "b" ? 1 : 2
  queue_1 = lookup(var.m, "queue", "def")
  queue_2 = !var.disabled
  queue_3 = -3
  queue_4 = merge(local.tags, { Name = "queue" })
}
