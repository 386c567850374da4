locals {
  a = "%{ else x }"
}
