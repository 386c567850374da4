locals {
  a = "${ {a = 1 }"
}
