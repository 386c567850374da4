locals {
  a = 1 2
}
locals {
  b = [
}
