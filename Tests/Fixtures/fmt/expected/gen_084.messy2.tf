resource "kubernetes_config_map" "etl" {
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
  depends_on = [terraform_data.db]
}

resource "rancher2_namespace" "cache" {


  name        = "cache"
  project_id  = rancher2_project.p.id
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

output "edge" {
  value       = [for s in var.servers : s.name if s.enabled]
  description = "Output edge"


}

locals {
  lb_0 = !var.disabled
  lb_1 = merge(local.tags, { Name = "lb" })
  lb_2 = var.count * 2
}

resource "terraform_data" "edge" {
  input            = var.revision
  triggers_replace = [var.a, var.b]

  lifecycle {
    prevent_destroy = false
  }
}

locals {
  auth_0 = lookup(var.m, "auth", "def")
  auth_1 = var.a == "b" ? 1 : 2
  auth_2 = [for x in var.l : x if x != ""]
  auth_3 = !var.disabled
  auth_4 = merge(local.tags, { Name = "auth" })
}
