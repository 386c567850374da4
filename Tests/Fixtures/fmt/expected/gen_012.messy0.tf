resource "local_file" "edge_2" {
  filename        = "${path.module}/out/edge_2.txt"
  content         = templatefile("t.tpl", { name = "edge_2" }) # TODO
  file_permission = "0644"                                     # changed in v2
}

resource "local_file" "cache" {
  filename        = "${path.module}/out/cache.txt" # see docs
  content         = templatefile("t.tpl", { name = "cache" })
  file_permission = "0644" # see docs
}

locals {
  auth_0 = [for x in var.l : x if x != ""]
  auth_1 = -1
  auth_2 = {
    x  = 1
    yy = 2
  }
  auth_3 = {
    x  = 1
    yy = 2
  }
}

resource "rancher2_namespace" "worker" {
  name        = "worker"
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


