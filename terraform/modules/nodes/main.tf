data "openstack_images_image_v2" "node" {
  name        = var.image_name
  most_recent = true
}

locals {
  # One entry per machine, e.g. "muses-radiant-worker-2", so adding a node to a
  # pool never renumbers the others.
  nodes = merge([
    for pool_name, pool in var.node_pools : {
      for i in range(pool.count) : "${var.name_prefix}-${pool_name}-${i + 1}" => {
        pool        = pool_name
        role        = pool.role
        flavor      = pool.flavor
        volume_size = pool.volume_size
        labels      = merge(var.node_labels, pool.labels, { "muses.nuclear/pool" = pool_name })
        taints      = pool.taints
      }
    }
  ]...)

  control_plane_nodes = {
    for name, node in local.nodes : name => node if node.role == "controlplane"
  }

  role_flags = {
    controlplane = ["etcd", "controlplane"]
    worker       = ["worker"]
  }
}

resource "openstack_compute_keypair_v2" "cluster" {
  name       = "${var.name_prefix}-key"
  public_key = var.ssh_public_key
}

resource "openstack_networking_port_v2" "node" {
  for_each = local.nodes

  name               = "${each.key}-port"
  network_id         = var.network_id
  admin_state_up     = true
  security_group_ids = var.security_group_ids
  tags               = var.tags

  fixed_ip {
    subnet_id = var.subnet_id
  }
}

resource "openstack_compute_instance_v2" "node" {
  for_each = local.nodes

  name        = each.key
  flavor_name = each.value.flavor
  image_id    = data.openstack_images_image_v2.node.id
  key_pair    = openstack_compute_keypair_v2.cluster.name
  tags        = var.tags

  metadata = {
    pool = each.value.pool
    role = each.value.role
  }

  user_data = templatefile("${path.module}/templates/cloud-init.yaml.tftpl", {
    hostname             = each.key
    packages             = var.packages
    registration_command = var.registration_command
    roles                = local.role_flags[each.value.role]
    labels               = each.value.labels
    taints               = each.value.taints
  })

  network {
    port = openstack_networking_port_v2.node[each.key].id
  }

  # Boot from a volume when the pool asks for one, else from local disk.
  dynamic "block_device" {
    for_each = each.value.volume_size == null ? [] : [each.value.volume_size]
    content {
      uuid                  = data.openstack_images_image_v2.node.id
      source_type           = "image"
      destination_type      = "volume"
      volume_size           = block_device.value
      boot_index            = 0
      delete_on_termination = true
    }
  }

  lifecycle {
    # A newer image or a rotated registration token must not rebuild running
    # nodes; nodes are replaced deliberately, one at a time.
    ignore_changes = [image_id, user_data]
  }
}

resource "openstack_networking_floatingip_v2" "control_plane" {
  for_each = local.control_plane_nodes

  pool        = var.floating_ip_pool
  description = "Kubernetes API on ${each.key}"
  tags        = var.tags
}

resource "openstack_networking_floatingip_associate_v2" "control_plane" {
  for_each = local.control_plane_nodes

  floating_ip = openstack_networking_floatingip_v2.control_plane[each.key].address
  port_id     = openstack_networking_port_v2.node[each.key].id
}
