locals {
  by_flavor    = { for s in var.servers : s.flavor => s.name... }
  by_flavor_if = { for s in var.servers : s.flavor => s... if s.enabled }
  tuple_if     = [for i, v in var.list : "${i}=${v}" if v != null]
  obj_multi = {
    for key, value in var.map :
    key => value
    if value != ""
  }
  in_literal   = [for x in [1, 2, 3] : x * 2]
  in_ident_lit = [for x in [var.a, var.b] : x]
  nested_for   = [for a in var.as : [for b in var.bs : "${a}-${b}"]]
}
