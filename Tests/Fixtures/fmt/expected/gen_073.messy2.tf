resource "kubernetes_service" "db" {
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
  depends_on = [terraform_data.auth, terraform_data.db, terraform_data.auth]
}



locals {
  web_0 = merge(local.tags, { Name = "web" })
  web_1 = "${var.prefix}-web"
}
