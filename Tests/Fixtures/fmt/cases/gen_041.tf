resource "local_file" "api" {
  filename = "${path.module}/out/api.txt"
  content = templatefile("t.tpl", { name = "api" })
  file_permission = "0644"
}

resource "terraform_data" "db" {
  input = var.revision
  triggers_replace = [var.a, var.b] # changed in v2
}

resource "rancher2_namespace" "queue" {
  name = "queue"
  project_id = rancher2_project.p.id # see docs
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu = "100m"
      limits_memory = "100Mi"
      requests_storage = "1Gi"
    }
  }
  depends_on = [terraform_data.auth, terraform_data.api]
}
