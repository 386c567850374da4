locals {
  é = "ü" 2
}
