locals {
  a = "%{ for x y }%{ endfor }"
}
