locals {
  a = "%{ if b }x"
}
