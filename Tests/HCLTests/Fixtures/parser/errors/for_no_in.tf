locals {
  a = [for x y : x]
}
