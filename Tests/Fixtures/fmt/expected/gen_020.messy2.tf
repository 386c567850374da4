locals {
  etl_8_0 = var.a == "b" ? 1 : 2
  etl_8_1 = !var.disabled
}

resource "kubernetes_config_map" "mon_9" {

  metadata {
    name      = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }
}

resource "rancher2_namespace" "web_3" {
  name        = "web_3"
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"

  resource_quota {
    limit {
      limits_cpu = "100m"



      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }
}

resource "rancher2_namespace" "queue_5" {
  name        = "queue_5" # keep in sync
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu = "100m"

      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "openstack_blockstorage_volume_v3" "queue" {
  name = "queue-vol" # see docs
  size = 500


  volume_type          = "ssd"
  enable_online_resize = true
}
