resource "x" "y" {
  a = 1
  bbb = 2
  c = <<EOT
  body
EOT
}
