terraform {
  required_version = ">= 1.5.0"

  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = ">= 1.54.0"
    }
    rancher2 = {
      source  = "rancher/rancher2"
      version = ">= 1.21.0"
    }
    kubectl = {
      source  = "gavinbunney/kubectl"
      version = ">= 1.11.3"
    }
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # State lives in the GitLab project's Terraform state API. Address, lock
  # endpoints and credentials are passed at init time, for example:
  #   terraswift init -backend-config=backend.hcl
  backend "http" {}
}
