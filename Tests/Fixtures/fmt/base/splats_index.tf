locals {
  a = var.list[*].id
  b = var.list.*.id
  c = var.list[0]
  d = var.map["key"]
  e = var.nested[0][1]["x"]
  f = var.list [ 0 ]
  g = var.obj . attr
  h = [ for x in var.list : x . id ]
  i = var.list[*]
  j = var.tuple.0.name
  k = var.list[length(var.list) - 1]
  l = var.list[count.index % 2]
  m = try(var.obj.a.b, null)
}
