module "network" {
  source  = "terraform-openstack-modules/network/openstack"
  version = "1.2.3"

  name = var.prefix
  cidr = "10.10.0.0/16"
  subnets = [
    { name = "a", cidr = "10.10.1.0/24" },
    { name = "b", cidr = "10.10.2.0/24" },
  ]
  providers = {
    openstack = openstack.region1
  }
  depends_on = [module.base]
}

module "cluster" {
  source = "./modules/cluster"
  count = var.enabled ? 1 : 0
  network_id = module.network.id
  node_count = var.node_count
}

moved {
  from = module.old
  to = module.cluster
}

import {
  to = openstack_compute_instance_v2.imported
  id = "a1b2c3"
}

removed {
  from = null_resource.gone
  lifecycle {
    destroy = false
  }
}

check "health" {
  data "http" "h" {
    url = "https://example.com"
  }
  assert {
    condition = data.http.h.status_code == 200
    error_message = "down"
  }
}
