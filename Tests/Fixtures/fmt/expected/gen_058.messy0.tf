locals {
  auth_0 = var.a == "b" ? 1 : 2
  auth_1 = !var.disabled
  auth_2 = var.a == "b" ? 1 : 2
  auth_3 = [for x in var.l : x if x != ""]
  auth_4 = !var.disabled
}

variable "mon" {
  type        = bool
  description = "The mon setting."


  default = false
  validation {
    condition     = length(var.mon) > 0
    error_message = "Must not be empty."
  }
}

resource "kubectl_manifest" "queue" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true
}

resource "kubernetes_config_map" "queue" {
  metadata {
    name = "cm"


    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "openstack_blockstorage_volume_v3" "etl_9" {
  name                 = "etl_9-vol" # keep in sync
  size                 = 100
  volume_type          = "ssd"
  enable_online_resize = true
}
