locals {
  a = provider::a::b
}
