resource "local_file" "etl_6" {
  filename        = "${path.module}/out/etl_6.txt"
  content         = templatefile("t.tpl", { name = "etl_6" }) # TODO
  file_permission = "0644"

  lifecycle {
    prevent_destroy = true
  }
}

resource "kubectl_manifest" "web" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true
}

resource "random_password" "etl" {
  length           = 24
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?" # see docs

  lifecycle {
    prevent_destroy = true
  }


}

resource "kubectl_manifest" "queue" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true

  lifecycle {
    prevent_destroy = true
  }
}

variable "edge_4" {
  type        = any
  description = "The edge_4 setting."
  default     = null
}

resource "openstack_networking_port_v2" "db_2" {
  name           = "db_2-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true # TODO

  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.140"
  }



  depends_on = [terraform_data.etl, terraform_data.bastion]
}
