resource "kubernetes_config_map" "api" {
  metadata {
    name      = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }



  lifecycle {
    prevent_destroy = false
  }
}

resource "rancher2_namespace" "mon_5" {
  name        = "mon_5"
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}" # changed in v2
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

output "lb_2" {
  value       = { for k, v in var.lb_2 : k => v.id }
  description = "Output lb_2"
}
