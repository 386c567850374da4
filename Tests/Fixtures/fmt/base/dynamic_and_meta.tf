resource "openstack_compute_instance_v2" "node" {
  for_each = { for n in var.nodes : n.name => n }
  name = each.key
  flavor_name = each.value.flavor
  dynamic "network" {
    for_each = each.value.networks
    content {
      name = network.value
    }
  }
  dynamic "block_device" {
    for_each = each.value.boot_from_volume ? [1] : []
    content {
      uuid = var.image_id
      source_type = "image"
      destination_type = "volume"
      volume_size = each.value.disk
      boot_index = 0
    }
  }
  provisioner "remote-exec" {
    inline = [
      "sudo apt-get update",
      "sudo apt-get install -y ${var.package}",
    ]
    connection {
      type = "ssh"
      host = self.access_ip_v4
      user = "ubuntu"
      private_key = file(var.private_key_path)
    }
  }
  provisioner "local-exec" {
    command = "echo ${self.name} >> hosts.txt"
    when = destroy
  }
  timeouts {
    create = "30m"
    delete = "10m"
  }
}
