resource "openstack_networking_secgroup_v2" "web" {
  name        = "web"
  description = "web traffic"
  dynamic "rule" {
    for_each = var.ports
    iterator = port
    content {
      direction      = "ingress"
      ethertype      = "IPv4"
      protocol       = "tcp"
      port_range_min = port.value
      port_range_max = port.value
      dynamic "inner" {
        for_each = port.value > 1024 ? [1] : []
        content {
          deep = true
          deeper {
            deepest {
              value = "x"
            }
          }
        }
      }
    }
  }
}
