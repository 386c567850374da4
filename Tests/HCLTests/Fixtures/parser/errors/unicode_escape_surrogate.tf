locals {
  a = "\uD800"
}
