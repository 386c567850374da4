output "etl_6" {
  value = openstack_compute_instance_v2.etl_6[*].access_ip_v4
  sensitive = true
}

resource "openstack_compute_instance_v2" "auth" {
  name = "auth-${count.index}"
  image_name = "${var.image}"
  flavor_name = "m1.large"
  key_pair = openstack_compute_keypair_v2.kp.name
  security_groups = ["default"]
  count = 1
  network { uuid = var.network_id }
  metadata = {
    role = "worker"
    team = var.team
  }
}

resource "kubernetes_config_map" "web" {
  metadata {
    name = "cm"
    namespace = var.namespace
  }
  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL = "debug"
  }
}

resource "kubectl_manifest" "auth" {
  yaml_body = "${file("${path.module}/m.yaml")}" # changed in v2
  force_new = "${true}"
}

resource "kubernetes_config_map" "mon_4" {

  metadata {
    name = "cm"
    namespace = var.namespace
  }

  data = {
    "app.conf" = file("${path.module}/app.conf")
    LOG_LEVEL = "debug"
  }
}

resource "terraform_data" "db" {
  input = var.revision
  triggers_replace = "${[var.a, var.b]}" # keep in sync
}
