a = 1


locals {
  ok = true
  bad = [for x in : x]
}
