locals {
  a = (
}
locals {
  b = 1 1
}
