locals {
  a = "\u12x"
}
