locals {
  h1 = <<EOT
plain
  indented
EOT
  h2 = <<-EOT
    flush
      more
	tabbed
    EOT
  h3 = <<-EOT

      blank first

    second
  EOT
  h4 = <<-EOT
    a ${"x"} b
  c
  EOT
  h5 = <<EOT
$${lit} %%{lit} \n not escape
EOT
  s1 = "tab\t quote\" back\\ uni\u00e9 big\U0001F600 $${x} %%{y} $ %"
  s2 = "a ${~ "b" ~} c"
  s3 = "x %{~ if true ~}  y  %{~ endif ~} z"
  s4 = <<-EOT
  	mixed
  	  tabs
  EOT
  h6 = <<-EOT
    x
   EOT
}
