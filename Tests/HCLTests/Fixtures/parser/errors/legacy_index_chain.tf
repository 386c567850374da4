locals {
  a = b.0.1
}
