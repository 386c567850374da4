locals {
  a = max(b..., 2)
}
