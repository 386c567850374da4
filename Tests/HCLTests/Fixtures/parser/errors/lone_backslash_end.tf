locals {
  a = "abc\"
}
