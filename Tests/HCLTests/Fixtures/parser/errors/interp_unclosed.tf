locals {
  a = "${b"
}
