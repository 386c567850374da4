locals {
  a = {
    b
  }
}
