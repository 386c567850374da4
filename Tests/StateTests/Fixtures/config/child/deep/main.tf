resource "terraform_data" "d" {
  input = sensitive("hidden")
}
