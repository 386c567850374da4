resource "terraform_data" "edge" {

  input            = var.revision # see docs
  triggers_replace = [var.a, var.b]

  lifecycle {
    prevent_destroy = true
  }


}




resource "kubectl_manifest" "mon" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true
}
