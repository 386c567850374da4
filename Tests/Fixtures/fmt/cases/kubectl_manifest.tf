terraform {
  required_providers {
    kubectl = {
      source = "gavinbunney/kubectl"
      version = ">= 1.14.0"
    }
  }
}

resource "kubectl_manifest" "namespace" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: Namespace
    metadata:
      name: ${var.namespace}
  YAML
}

data "kubectl_path_documents" "docs" {
  pattern = "${path.module}/manifests/*.yaml"
  vars = {
    namespace = var.namespace
    replicas = var.replicas
  }
}

resource "kubectl_manifest" "docs" {
  for_each  = toset(data.kubectl_path_documents.docs.documents)
  yaml_body = each.value
  wait = true
  server_side_apply = true
  depends_on = [kubectl_manifest.namespace]
}

resource "kubectl_manifest" "crd" {
  yaml_body = yamlencode({
    apiVersion = "apiextensions.k8s.io/v1"
    kind = "CustomResourceDefinition"
    metadata = {
      name = "widgets.example.com"
    }
    spec = {
      group = "example.com"
      names = { kind = "Widget", plural = "widgets" }
      scope = "Namespaced"
      versions = [{
        name = "v1"
        served = true
        storage = true
      }]
    }
  })
}
