locals {
  greeting = "Hello, ${var.name}!"
  wrapped  = "${var.name}"
  escapes  = "tab\there\nnewline \"quoted\" back\\slash \u00e9 \U0001F600"
  strip    = "a ${~ var.x ~} b"
  cond     = "%{ if var.enabled }on%{ else }off%{ endif }"
  loop     = <<EOT
%{ for i, v in var.list ~}
${i}: ${v}
%{ endfor ~}
EOT
  nested   = "outer ${"inner ${var.x}"} done"
  number   = 1.5e10
  big      = 1234567890123456789012345678901234567890
  ternary  = var.a ? var.b : var.c ? 1 : 2
  splat    = var.list[*].name
  splat2   = var.list.*.tags[0]
  idx      = var.map["key"].value[0].0
  obj      = { "quoted key" = 1, bare = 2, (var.k) = 3, colon: 4 }
  tuple    = [
    1,
    "two",
    [3, 4],
  ]
}

/* a block comment
   spanning lines */
data "terraform_remote_state" "x" { backend = "local" }

# comment
// another
resource "terraform_data" "one" {
  input = { a = 1 } # trailing
  triggers_replace = [
    for s in var.list : s.id
    if s.id != null
  ]
}
