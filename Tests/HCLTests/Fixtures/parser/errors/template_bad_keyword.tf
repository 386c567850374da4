locals {
  a = "%{ fi b }x%{ endif }"
}
