terraform {}
resource "terraform_data" "single" {
  input = "hello <&> \"quoted\" \u2028 é"
}
resource "terraform_data" "counted" {
  count = 3
  input = { n = count.index, f = 0.1, big = 12345678901234567890, list = [1, "two", true, null] }
}
resource "terraform_data" "each" {
  for_each = toset(["b", "a", "c d", "10", "9"])
  input = each.key
  triggers_replace = [each.value]
}
module "child" {
  source = "./child"
  for_each = { x = 1, "y.z" = 2 }
  n = each.value
}
module "num" {
  source = "./child"
  count = 2
  n = count.index
}
output "s" {
  value = "str"
}
output "n" { value = 42.5 }
output "b" { value = true }
output "l" { value = [1, 2] }
output "t" { value = ["a", 1, true] }
output "m" { value = { a = 1, b = "x" } }
output "o" { value = { a = 1, b = "x" , c = [1]} }
output "sec" {
  value = "secret"
  sensitive = true
}
output "nul" { value = null }
output "set" { value = toset(["q", "p"]) }
output "mapstr" { value = tomap({ z = "1", a = "2" }) }
output "obj_sens" {
  value = terraform_data.single.output
  sensitive = true
}
output "res" { value = terraform_data.counted[0].output }

resource "terraform_data" "dependent" {
  input = terraform_data.single.id
  depends_on = [module.num]
  lifecycle {
    create_before_destroy = true
    postcondition {
      condition     = self.output != ""
      error_message = "must not be empty"
    }
  }
}

check "health" {
  assert {
    condition     = length(terraform_data.counted) == 3
    error_message = "three expected"
  }
}

output "checked" {
  value = 1
  precondition {
    condition     = terraform_data.single.id != ""
    error_message = "never"
  }
}
