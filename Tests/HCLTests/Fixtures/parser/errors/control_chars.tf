locals {
  a = 1
}
