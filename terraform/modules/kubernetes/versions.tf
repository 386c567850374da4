terraform {
  required_providers {
    rancher2 = {
      source = "rancher/rancher2"
    }
  }
}
