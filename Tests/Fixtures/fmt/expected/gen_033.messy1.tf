variable "edge" {
  type = object({
    name = string
    size = optional(number, 10)
  })
  description = "The edge setting."
  default     = null
}

resource "kubernetes_service" "etl" {
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
  depends_on = [terraform_data.cache, terraform_data.queue, terraform_data.worker]
}
