locals {
  a = provider::(1)
}
