locals {
  a = "x%{ endif }"
}
