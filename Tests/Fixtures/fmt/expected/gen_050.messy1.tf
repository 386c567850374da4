output "api" {
  value       = try(data.x.api.result, null)
  description = "Output api"
}

resource "random_password" "etl_4" {
  length           = 24
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

output "lb" {



  value = try(data.x.lb.result, null)
}

resource "openstack_networking_port_v2" "api" {
  name           = "api-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true # keep in sync

  fixed_ip {
    subnet_id = openstack_networking_subnet_v2.sub.id



    ip_address = "10.0.0.215"
  }
  depends_on = [terraform_data.api, terraform_data.lb, terraform_data.mon]
}

resource "openstack_networking_port_v2" "mon" {
  name           = "mon-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true
  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.67"
  }
  depends_on = [terraform_data.auth, terraform_data.api, terraform_data.worker]



}

locals {
  bastion_8_0 = [for x in var.l : x if x != ""]
}
