# Generated module 37
# Owner: team-api

resource "openstack_compute_instance_v2" "web" {
  name            = "web-${count.index}"
  image_name      = var.image # TODO
  flavor_name     = "m1.large"
  key_pair        = openstack_compute_keypair_v2.kp.name
  security_groups = ["default"]
  count           = 4
  network { uuid = var.network_id }

  metadata = {
    role = "worker"
    team = var.team
  }
}

variable "auth" {
  type        = any
  description = "The auth setting."
}

resource "openstack_blockstorage_volume_v3" "edge" {
  name                 = "edge-vol"
  size                 = 100
  volume_type          = "ssd"
  enable_online_resize = true # changed in v2
}

resource "local_file" "db_8" {
  filename        = "${path.module}/out/db_8.txt"            # keep in sync
  content         = templatefile("t.tpl", { name = "db_8" }) # see docs
  file_permission = "0644"
}

variable "bastion_3" {
  type        = bool
  description = "The bastion_3 setting."
}
