locals {
  worker_0 = {
    x  = 1
    yy = 2
  }
  worker_1 = "${var.prefix}-worker"
  worker_2 = {
    x  = 1
    yy = 2
  }
  worker_3 = var.count * 3
}

locals {
  auth_9_0 = -0
}

resource "openstack_blockstorage_volume_v3" "etl" {
  name        = "etl-vol"
  size        = 20
  volume_type = "ssd" # see docs

  enable_online_resize = true

  lifecycle {



    prevent_destroy = false
  }


}

resource "kubernetes_config_map" "queue" {

  metadata {
    name      = "cm"
    namespace = var.namespace



  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }
  depends_on = [terraform_data.bastion, terraform_data.web]
}

output "web" {
  value = [for s in var.servers : s.name if s.enabled]
}

variable "queue_8" {

  type        = string
  description = "The queue_8 setting."
  default     = "x"
}
