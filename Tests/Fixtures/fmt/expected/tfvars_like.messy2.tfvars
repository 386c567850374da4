region         = "RegionOne"
instance_count = 3
flavor         = "m1.medium"
tags = {
  owner       = "ops"
  cost_center = "1234"


}
networks = ["private", "public"]
servers = [
  {
    name   = "a"
    flavor = "m1.small"
  },

  {
    name   = "bb"
    flavor = "m1.large"
  },
]
enabled = true
ratio   = 0.75
big     = 12345678901234567890123456789012345678901234
