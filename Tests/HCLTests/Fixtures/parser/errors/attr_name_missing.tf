locals {
  a = b.
}
