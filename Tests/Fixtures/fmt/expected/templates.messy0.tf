locals {
  t1 = "Hello, %{if var.name != ""}${var.name}%{else}stranger%{endif}!"
  t2 = "%{for ip in var.ips~}server ${ip}\n%{endfor~}"
  t3 = "${var.a}-${var.b}-${var.c}"
  t4 = "escaped \"quotes\" and \\ backslash \n newline \t tab"
  t5 = "unicode \u00e9 \U0001F600"
  t6 = "$${literal} %%{literal}"
  t7 = { a = 1 }.a
  t8 = "nested ${"inner ${var.x}"}"
  t9 = "${var.a}${var.b}"
}
