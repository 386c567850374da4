locals {
  a = "${b c}"
}
