locals {
  a = @@@@@
}
