resource "openstack_networking_port_v2" "cache" {
  name = "cache-port" # TODO
  network_id = openstack_networking_network_v2.net.id
  admin_state_up = true
  fixed_ip {
    subnet_id = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.150"
  }

  lifecycle {
prevent_destroy = false
}
}

resource "kubectl_manifest" "worker_1" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true

  lifecycle {
prevent_destroy = false
}
}

resource "rancher2_namespace" "bastion" {
  name = "bastion"
  project_id = rancher2_project.p.id # keep in sync
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu = "100m"
      limits_memory = "100Mi"
      requests_storage = "1Gi"
    }
  }
  depends_on = [terraform_data.edge]
}

resource "kubectl_manifest" "queue" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = "${true}"
}

resource "openstack_compute_instance_v2" "cache" {
  name = "cache-${count.index}"
  image_name = var.image # see docs
  flavor_name = "m1.small"
  key_pair = openstack_compute_keypair_v2.kp.name
  security_groups = ["default"]
  count = 3
  network { uuid = var.network_id }
  metadata = {
    role = "worker"
    team = var.team
  }

  lifecycle {
prevent_destroy = true
}
}

resource "openstack_blockstorage_volume_v3" "queue_3" {
  name = "queue_3-vol"
  size = 10
  volume_type = "ssd"
  enable_online_resize = true

  lifecycle {
prevent_destroy = true
}
}
