# Templates for the templatestring cases: it only accepts a direct reference.
locals {
  greet    = "Hello, $${name}!"
  backends = "%%{ for a in addrs ~}\nbackend $${a}:$${port}\n%%{ endfor ~}\n"
  badref   = "$${nope}"
  badsyn   = "$${"
  notstr   = 5
}
