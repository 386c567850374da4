a = <<EOT
line
  EOTX
