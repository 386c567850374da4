locals {
  a = b[*.c
}
