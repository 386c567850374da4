resource "rancher2_cluster_v2" "cluster" {
  name                  = var.cluster_name
  kubernetes_version    = var.kubernetes_version
  enable_network_policy = false
  labels                = var.labels

  rke_config {
    machine_global_config = yamlencode({
      cni                 = var.cni
      disable-kube-proxy  = false
      etcd-expose-metrics = false
    })

    # Kubelet settings for every machine of the cluster.
    machine_selector_config {
      config = yamlencode({
        protect-kernel-defaults = false
        kubelet-arg             = ["max-pods=200"]
      })
    }

    etcd {
      snapshot_schedule_cron = "0 */6 * * *"
      snapshot_retention     = var.etcd_snapshot_retention

      dynamic "s3_config" {
        for_each = var.etcd_s3 == null ? [] : [var.etcd_s3]
        content {
          bucket                = s3_config.value.bucket
          endpoint              = s3_config.value.endpoint
          folder                = s3_config.value.folder
          region                = s3_config.value.region
          cloud_credential_name = s3_config.value.cloud_credential_name
        }
      }
    }

    dynamic "registries" {
      for_each = length(var.registry_mirrors) > 0 ? [1] : []
      content {
        dynamic "mirrors" {
          for_each = var.registry_mirrors
          iterator = mirror
          content {
            hostname  = mirror.key
            endpoints = mirror.value
          }
        }
      }
    }

    upgrade_strategy {
      control_plane_concurrency = "1"
      worker_concurrency        = "10%"
    }
  }

  timeouts {
    create = "45m"
  }
}

locals {
  registration = rancher2_cluster_v2.cluster.cluster_registration_token[0]
}

# Stand-in for "the nodes exist": the sync below must not start waiting for
# an active cluster before any machine could have registered.
resource "terraform_data" "nodes_registered" {
  input = var.node_ids
}

resource "rancher2_cluster_sync" "cluster" {
  cluster_id    = rancher2_cluster_v2.cluster.cluster_v1_id
  state_confirm = 3
  wait_catalogs = false

  timeouts {
    create = "60m"
  }

  depends_on = [terraform_data.nodes_registered]
}

resource "rancher2_cluster_role_template_binding" "admin" {
  for_each = var.cluster_admins

  name              = "${var.cluster_name}-${each.key}"
  cluster_id        = rancher2_cluster_sync.cluster.id
  role_template_id  = each.value.role
  user_principal_id = each.value.principal
}
