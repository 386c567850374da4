variable "n" {}
resource "terraform_data" "inner" {
  input = var.n
}
data "terraform_remote_state" "x" {
  backend = "local"
  config = { path = "${path.module}/../remote.tfstate" }
  defaults = { a = 1 }
}
module "deep" {
  source = "./deep"
}
output "v" { value = terraform_data.inner.output }
