locals {
  a = [for : x]
}
