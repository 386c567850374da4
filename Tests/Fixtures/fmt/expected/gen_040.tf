output "queue_6" {
  value = { for k, v in var.queue_6 : k => v.id }
}

resource "terraform_data" "api" {
  input            = var.revision
  triggers_replace = [var.a, var.b]

  lifecycle {
    prevent_destroy = false
  }
}
