locals {
  queue_0 = "${var.prefix}-queue"
  queue_1 = !var.disabled
  queue_2 = lookup(var.m, "queue", "def")
  queue_3 = [for x in var.l : x if x != ""]
}


resource "openstack_blockstorage_volume_v3" "api" {
  name                 = "api-vol"
  size                 = 500
  volume_type          = "ssd"
  enable_online_resize = true
  depends_on           = [terraform_data.web, terraform_data.worker, terraform_data.auth]
}
