resource "local_file" "script" {
  filename = "${path.module}/out.sh"
  content  = <<EOT
#!/bin/bash
   echo "indented   text"
	tab indented
echo ${var.name}   trailing spaces   
EOT
  mode = "0755"
}

resource "local_file" "indented" {
  filename = "x.yaml"
  content = <<-YAML
    key: value
    list:
      - a
      - ${var.b}
    %{ for x in var.items ~}
    item: ${x}
    %{ endfor ~}
  YAML
}

locals {
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": []
}
POLICY
  two = [<<A
first
A
  , <<B
second
B
  ]
  after = 1
}

output "h" {
  value = <<-EOT
      ${join(",", var.list)}
  EOT
}
