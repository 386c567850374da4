variable "api" {
  type        = set(string)
  description = "The api setting."
}




locals {
  mon_0 = !var.disabled
  mon_1 = !var.disabled
  mon_2 = [for x in var.l : x if x != ""]
  mon_3 = {
    x  = 1
    yy = 2

  }
  mon_4 = !var.disabled
}

resource "openstack_networking_port_v2" "mon" {
  name           = "mon-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true
  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.92"
  }
}

locals {
  queue_0 = var.count * 0
}



resource "openstack_blockstorage_volume_v3" "db" {
  name                 = "db-vol"
  size                 = 500
  volume_type          = "ssd"
  enable_online_resize = true
}

resource "openstack_networking_port_v2" "api_3" {
  name           = "api_3-port" # keep in sync
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true # see docs



  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.206"
  }
}



