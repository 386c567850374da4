locals {
  a = "${b:c}"
}
