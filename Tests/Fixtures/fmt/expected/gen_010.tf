# Generated module 10
# Owner: team-etl

variable "cache_2" {
  type        = map(string)
  description = "The cache_2 setting."
}

resource "local_file" "queue_3" {
  filename        = "${path.module}/out/queue_3.txt"
  content         = templatefile("t.tpl", { name = "queue_3" })
  file_permission = "0644"
}

output "queue" {
  value       = { for k, v in var.queue : k => v.id }
  sensitive   = true
  description = "Output queue"
}

resource "openstack_compute_instance_v2" "web" {
  name            = "web-${count.index}"
  image_name      = var.image
  flavor_name     = "m1.small"
  key_pair        = openstack_compute_keypair_v2.kp.name # TODO
  security_groups = ["default"]
  count           = 4

  network { uuid = var.network_id }
  metadata = {
    role = "worker"
    team = var.team
  }
}

resource "kubernetes_config_map" "cache" {
  metadata {
    name      = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL  = "debug"
  }

  lifecycle {
    prevent_destroy = false
  }
}
