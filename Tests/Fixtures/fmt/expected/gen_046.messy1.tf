variable "bastion_8" {
  type        = map(string)
  description = "The bastion_8 setting."
}

resource "local_file" "edge" {
  filename = "${path.module}/out/edge.txt"
  content  = templatefile("t.tpl", { name = "edge" })



  file_permission = "0644"
  depends_on      = [terraform_data.auth, terraform_data.lb]
}

resource "local_file" "auth" {
  filename = "${path.module}/out/auth.txt" # TODO
  content  = templatefile("t.tpl", { name = "auth" })

  file_permission = "0644" # changed in v2
}




variable "web" {
  type        = list(string)
  description = "The web setting."
  validation {
    condition     = length(var.web) > 0
    error_message = "Must not be empty."
  }
}



resource "openstack_blockstorage_volume_v3" "edge_9" {

  name                 = "edge_9-vol"
  size                 = 10
  volume_type          = "ssd"
  enable_online_resize = true
  depends_on           = [terraform_data.etl, terraform_data.web]
}



locals {
  worker_9_0 = !var.disabled
  worker_9_1 = {
    x  = 1
    yy = 2
  }
  worker_9_2 = "${var.prefix}-worker_9"
  worker_9_3 = "${var.prefix}-worker_9"
  worker_9_4 = [for x in var.l : x if x != ""]
  worker_9_5 = [for x in var.l : x if x != ""]
}
