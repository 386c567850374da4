# Generated module 45



# Owner: team-worker

resource "terraform_data" "lb" {
  input            = var.revision
  triggers_replace = [var.a, var.b]




  lifecycle {

    prevent_destroy = false
  }
}

resource "openstack_networking_secgroup_rule_v2" "auth_6" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}




resource "rancher2_cluster_v2" "db" {
  name                  = "db"
  kubernetes_version    = "v1.28.9+rke2r1"
  enable_network_policy = false

  rke_config {


    machine_global_config = <<EOF
cni: calico
disable-kube-proxy: false
EOF
    machine_pools {
      name               = "pool1"
      control_plane_role = true
      etcd_role          = true
      worker_role        = true
      quantity           = 1
    }
  }
}

resource "openstack_networking_port_v2" "edge" {
  name           = "edge-port"
  network_id     = openstack_networking_network_v2.net.id
  admin_state_up = true

  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.sub.id
    ip_address = "10.0.0.217"
  }

  lifecycle {
    prevent_destroy = false
  }
}

variable "api" {



  type        = string
  description = "The api setting."
}



resource "kubernetes_service" "etl" {

  metadata {
    name = "svc"


  }
  spec {
    selector = {
      app = "web"
    }
    port {
      port        = 80
      target_port = 8080
    }



    type = "ClusterIP"
  }
}
