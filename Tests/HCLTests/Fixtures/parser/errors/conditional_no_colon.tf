locals {
  a = b ? c
}
