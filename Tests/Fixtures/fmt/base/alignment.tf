resource "kubernetes_deployment" "app" {
  metadata {
    name = "app"
    namespace = "default"
    labels = {
      app = "app"
      "app.kubernetes.io/name" = "app"
      tier = "backend"
    }
  }
  spec {
    replicas = 3
    selector {
      match_labels = {
        app = "app"
      }
    }
    template {
      metadata {
        labels = { app = "app" }
      }
      spec {
        container {
          image = "nginx:1.25"
          name = "nginx"
          image_pull_policy = "IfNotPresent"
          port {
            container_port = 80
          }
          resources {
            limits = {
              cpu = "500m"
              memory = "512Mi"
            }
            requests = {
              cpu    = "250m"
              memory = "50Mi"
            }
          }
          env {
            name = "FOO"
            value = "bar"
          }
        }
      }
    }
  }
}

locals {
  short = 1
  a_much_longer_name = 2

  after_blank = 3
  x = 4
  list_in_middle = [
    1,
    2,
  ]
  y = 5
  zz = 6
  obj_colon = {
    a: 1,
    bbb: 2,
  }
  mixed = {
    "quoted key" = 1
    (var.dynamic_key) = 2
    bare = 3
  }
}
