# Generated module 29
# Owner: team-db

resource "openstack_blockstorage_volume_v3" "queue_7" {
  name = "queue_7-vol"
  size = 500
  volume_type = "ssd"
  enable_online_resize = true

  lifecycle {
prevent_destroy = false
}
}

locals {
  bastion_0 = [for x in var.l : x if x != ""]
  bastion_1 = lookup(var.m, "bastion", "def")
  bastion_2 = var.count * 2
  bastion_3 = var.count * 3
}

resource "kubectl_manifest" "worker" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = "${true}"
}

resource "random_password" "lb" {
  length = "${24}"
  special = true
  override_special = "!#$%&*()-_=+[]{}<>:?"

  lifecycle {
prevent_destroy = false
}
}

resource "local_file" "cache" {
  filename = "${path.module}/out/cache.txt"
  content = templatefile("t.tpl", { name = "cache" })
  file_permission = "0644"
}

variable "queue_4" {
  type = number
  description = "The queue_4 setting."
  validation {
    condition = length(var.queue_4) > 0
    error_message = "Must not be empty."
  }
}
