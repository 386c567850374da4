resource "kubernetes_service" "db_8" {
  metadata {
    name = "svc"
  }

  spec {
    selector = {
      app = "web"
    }
    port {
      port        = 80
      target_port = 8080
    }
    type = "ClusterIP"
  }
}

resource "rancher2_namespace" "worker" {
  name        = "worker"
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"



  resource_quota {
    limit {
      limits_cpu    = "100m"
      limits_memory = "100Mi"



      requests_storage = "1Gi"
    }
  }
}




resource "terraform_data" "mon" {
  input            = var.revision
  triggers_replace = [var.a, var.b]

  lifecycle {
    prevent_destroy = true
  }
}




variable "edge" {
  type        = number
  description = "The edge setting."
  default     = 3
  validation {
    condition     = length(var.edge) > 0
    error_message = "Must not be empty."


  }
}

