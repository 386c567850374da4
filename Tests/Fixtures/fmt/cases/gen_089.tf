resource "openstack_networking_port_v2" "etl" {
  name = "etl-port"
  network_id = openstack_networking_network_v2.net.id
  admin_state_up = true

  fixed_ip {
    subnet_id = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.39"
  }

  lifecycle {
prevent_destroy = true
}
}

locals {
  web_0 = var.a == "b" ? 1 : 2
  web_1 = {
    x = 1
    yy = 2
  }
  web_2 = "${var.prefix}-web"
  web_3 = var.count * 3
}
