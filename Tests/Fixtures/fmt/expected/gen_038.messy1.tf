resource "kubernetes_config_map" "worker" {
  metadata {
    name      = "cm"
    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")


    LOG_LEVEL = "debug"
  }

  lifecycle {
    prevent_destroy = false
  }
}

resource "kubernetes_config_map" "mon" {

  metadata {
    name      = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }
}



