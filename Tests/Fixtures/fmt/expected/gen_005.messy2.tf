resource "terraform_data" "queue" {
  input            = var.revision
  triggers_replace = [var.a, var.b]
}

resource "kubernetes_service" "queue_2" {



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

variable "auth_1" {
  type        = map(string)
  description = "The auth_1 setting."
  default     = {}
}
