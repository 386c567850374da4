locals {
  a = 1 ~}
}
