locals {
  a = "%{ 1 }"
}
