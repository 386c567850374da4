locals {
  a = b & c
}
