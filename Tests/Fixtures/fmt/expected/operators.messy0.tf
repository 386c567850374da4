locals {


  a = 1 + 2
  b = 3 - 4
  c = 5 * 6
  d = 7 / 8
  e = 9 % 10


  f = -1
  g = -1
  h = [-1, -2, 3 - -4]
  i = (-5)
  j = 1 == 2
  k = 1 != 2


  l = 1 < 2
  m = 1 <= 2
  n = 1 > 2
  o = 1 >= 2
  p = true && false
  q = true || false
  r = !true
  s = !(true)
  t = var.a ? var.b : var.c
  u = var.x-1
  v = max(1) - 2
  w = { a = -1 }
  x = foo(-1, -var.y)
  y = 1 * -2
  z = var.a == -1 ? -2 : -3
}
