resource "a" "b" {
  x = 1
}

resource "a" "c" /* after */ {
  y = 2
}

variable "t1" {
  type = map(any) # a comment after

}

variable "t2" {
  type = list(string) /* inline */
}

variable "t3" {
  type = list(string)



  validation {
    type          = "string"
    condition     = true
    error_message = "x"
  }


}

variable "t4" {
  type = "number"
}

variable "t5" {
  type = "${string}"


}

locals {
  eq_in_value = var.a == var.b
  arrow       = { for k, v in var.m : k => v }
  call_heredoc = trimspace(<<EOT
hello
EOT
  )
  chain = (
    var.x
    .y
  )
  comment_lines = [
    # first
    1,
    // second
    2,


    /* third */ 3,
  ]
  block_comment_lead          = 1
  /* multi
     line */ after = 2
  unary                       = [!var.a, !(var.b), -var.c, -(-1)]
  ternary_neg                 = var.c ? -1 : -2



  in_bracket     = [for x in [1, 2] : x]
  ellipsis_for   = { for s in var.s : s.k => s.v... if s.ok }
  provider_fn    = provider::terraform::encode_tfvars({ a = 1 })
  tmpl_heredoc   = <<-EOT
    %{~for x in var.xs~}
    ${x}
    %{~endfor~}
  EOT
  nested_interp  = "${var.a}"
  interp_comment = var.a # explain

  numbers = [1.50, 0.0, 1e3, 1E-3, 007]


  obj_align = {
    a = 1
    bbbb = {
      c = 2
    }
    dd  = 3
    "e" = 4
    (f) = 5
  }
  colon_obj = { a : 1, bb : 2 }
  mixed_sep = {
    a  = 1,
    bb = 2
  }
  long_line = concat(var.a, var.b, var.c, var.d, var.e, var.f, var.g, var.h, var.i, var.j, var.k, var.l, var.m)
  parens_multi = (var.a +
  var.b)
  splat_chain       = var.list[*].a.b[0]
  index_space       = var.m["k"]
  neg_after_bracket = var.l[-1 + 2]
  mod               = 5 % -2
  bang_paren        = !(var.a && var.b)
}

output "x" { value = var.a }




resource "null_resource" "many_blank_lines_in_list" {
  triggers = {

    a = "1"





    b = "2"

  }
}



