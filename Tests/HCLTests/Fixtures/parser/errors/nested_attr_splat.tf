locals {
  a = b.*.*
}
