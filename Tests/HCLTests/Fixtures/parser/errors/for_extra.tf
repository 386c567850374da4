locals {
  a = [for v in y : v if v x]
}
