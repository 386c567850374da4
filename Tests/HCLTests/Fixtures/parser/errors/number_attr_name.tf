locals {
  a = { b1.2_c = 1 }
}
