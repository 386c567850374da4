terraform {
  required_version = ">= 1.5.0"
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 1.54"
    }
  }
}

provider "openstack" {
  auth_url    = var.auth_url
  region      = "RegionOne"
  tenant_name = var.tenant
  insecure    = true
}

resource "openstack_compute_keypair_v2" "deployer" {
  name       = "${var.prefix}-deployer"
  public_key = file("${path.module}/keys/id_rsa.pub")
}

resource "openstack_networking_network_v2" "net" {
  name           = "${var.prefix}-net"
  admin_state_up = "true"
}

resource "openstack_networking_subnet_v2" "subnet" {
  name            = "${var.prefix}-subnet"
  network_id      = openstack_networking_network_v2.net.id
  cidr            = "10.0.0.0/24"
  ip_version      = 4
  dns_nameservers = ["8.8.8.8", "8.8.4.4"]
  allocation_pool {
    start = "10.0.0.10"
    end   = "10.0.0.200"
  }

}

resource "openstack_compute_instance_v2" "web" {
  count       = var.instance_count
  name        = format("%s-web-%02d", var.prefix, count.index + 1)
  image_name  = var.image
  flavor_name = var.flavor


  key_pair        = openstack_compute_keypair_v2.deployer.name
  security_groups = ["default", openstack_networking_secgroup_v2.web.name]

  metadata = {
    role          = "web"
    environment   = var.environment
    "owner.email" = "ops@example.com"
  }

  network {
    uuid = openstack_networking_network_v2.net.id
  }

  block_device {
    uuid = data.openstack_images_image_v2.ubuntu.id

    source_type           = "image"
    volume_size           = 40
    boot_index            = 0
    destination_type      = "volume"
    delete_on_termination = true


  }

  user_data = <<-EOT
    #cloud-config
    hostname: ${var.prefix}-web-${count.index}
    packages:
      - nginx
  EOT

  lifecycle {
    ignore_changes        = [user_data, image_name]
    create_before_destroy = true
  }
}

resource "openstack_networking_floatingip_v2" "fip" {
  count = var.instance_count
  pool  = "public"
}

resource "openstack_compute_floatingip_associate_v2" "fip" {
  count       = var.instance_count
  floating_ip = openstack_networking_floatingip_v2.fip[count.index].address
  instance_id = openstack_compute_instance_v2.web[count.index].id
}

output "web_ips" {
  value = openstack_networking_floatingip_v2.fip[*].address
}
