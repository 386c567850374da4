locals {
  # Site settings that change rarely and are shared with other tooling live in
  # cluster.json rather than in variables.
  settings = jsondecode(file("${path.module}/cluster.json"))

  name_prefix = "${var.openstack_project}-${var.cluster_name}"

  # Every node pool, the fixed ones and the extra ones, in one shape.
  node_pools = merge(
    {
      controlplane = {
        count       = var.control_plane_count
        flavor      = var.flavors.control_plane
        role        = "controlplane"
        volume_size = var.boot_volume_size
        labels      = {}
        taints      = []
      }
      worker = {
        count       = var.worker_count
        flavor      = var.flavors.worker
        role        = "worker"
        volume_size = var.boot_volume_size
        labels      = {}
        taints      = []
      }
    },
    {
      for name, pool in var.extra_node_pools : name => {
        count       = pool.count
        flavor      = pool.flavor
        role        = "worker"
        volume_size = coalesce(pool.volume_size, var.boot_volume_size)
        labels      = pool.labels
        taints      = pool.taints
      } if pool.count > 0
    }
  )

  common_tags = [
    "project=${var.openstack_project}",
    "cluster=${var.cluster_name}",
    "managed-by=terraform",
  ]
}

resource "random_string" "suffix" {
  length  = 5
  upper   = false
  special = false
}

module "network" {
  source = "./modules/network"

  name_prefix           = local.name_prefix
  cidr                  = local.settings.network.cidr
  dns_nameservers       = local.settings.network.dns_nameservers
  external_network_name = local.settings.network.external_network
  ssh_allowed_cidrs     = local.settings.ssh_allowed_cidrs
  tags                  = local.common_tags
}

module "kubernetes" {
  source = "./modules/kubernetes"

  cluster_name            = "${var.cluster_name}-${random_string.suffix.result}"
  kubernetes_version      = var.kubernetes_version
  insecure_registration   = var.rancher_insecure
  cni                     = local.settings.cni
  etcd_snapshot_retention = local.settings.etcd_snapshot_retention
  cluster_admins          = var.cluster_admins
  labels                  = local.settings.node_labels

  # The cluster is only "active" once nodes have registered.
  node_ids = module.nodes.instance_ids
}

module "nodes" {
  source = "./modules/nodes"

  name_prefix          = local.name_prefix
  node_pools           = local.node_pools
  image_name           = var.image_name
  ssh_public_key       = var.ssh_public_key
  network_id           = module.network.network_id
  subnet_id            = module.network.subnet_id
  security_group_ids   = module.network.security_group_ids
  floating_ip_pool     = local.settings.network.external_network
  registration_command = module.kubernetes.node_command
  node_labels          = local.settings.node_labels
  tags                 = local.common_tags
}

module "gitops" {
  source = "./modules/gitops"

  namespace     = local.settings.argocd.namespace
  chart_version = local.settings.argocd.chart_version
  repo_url      = var.argocd_repo_url
  repo_path     = local.settings.argocd.path
  revision      = var.argocd_revision
  repo_token    = var.argocd_repo_token
  cluster_name  = module.kubernetes.cluster_name

  depends_on = [module.kubernetes]
}

# A kubeconfig for operators, written next to the state; it goes through
# Rancher, so it stops working when the Rancher token is revoked.
resource "local_sensitive_file" "kubeconfig" {
  filename        = "${path.root}/kubeconfig-${var.cluster_name}.yaml"
  content         = module.kubernetes.kube_config
  file_permission = "0600"
}
