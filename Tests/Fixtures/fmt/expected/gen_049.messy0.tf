resource "kubernetes_config_map" "api_3" {

  metadata {
    name      = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"



  }
  depends_on = [terraform_data.auth]
}

resource "rancher2_namespace" "db" {
  name        = "db"
  project_id  = rancher2_project.p.id # see docs
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }

  lifecycle {
    prevent_destroy = false
  }
}
