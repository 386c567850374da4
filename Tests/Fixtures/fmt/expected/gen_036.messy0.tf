# Generated module 36



# Owner: team-db

resource "kubernetes_service" "queue" {
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

  lifecycle {
    prevent_destroy = true


  }
  depends_on = [terraform_data.lb, terraform_data.api]
}

resource "openstack_networking_secgroup_rule_v2" "auth_3" {
  direction = "ingress" # TODO
  ethertype = "IPv4"
  protocol  = "tcp" # keep in sync


  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

resource "rancher2_namespace" "api_1" {


  name        = "api_1"
  project_id  = rancher2_project.p.id # changed in v2
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }
  depends_on = [terraform_data.worker, terraform_data.web, terraform_data.lb]
}

resource "terraform_data" "mon" {
  input            = var.revision # keep in sync   
  triggers_replace = [var.a, var.b]
}
