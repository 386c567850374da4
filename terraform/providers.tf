provider "openstack" {
  auth_url                      = var.openstack_auth_url
  region                        = var.openstack_region
  application_credential_id     = var.openstack_application_credential_id
  application_credential_secret = var.openstack_application_credential_secret
}

provider "rancher2" {
  api_url   = var.rancher_url
  token_key = var.rancher_token
  insecure  = var.rancher_insecure
}

# Talks to the new cluster through Rancher's authenticating proxy, so no
# kubeconfig has to leave Rancher.
provider "kubectl" {
  host              = "${var.rancher_url}/k8s/clusters/${module.kubernetes.cluster_v1_id}"
  token             = var.rancher_token
  insecure          = var.rancher_insecure
  load_config_file  = false
  apply_retry_count = 3
}
