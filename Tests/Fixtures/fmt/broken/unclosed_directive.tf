variable "v" {
  type = string
  default = "%{if true}x"
}
