locals {
  labels = {
    "app.kubernetes.io/part-of"    = "muses"
    "app.kubernetes.io/managed-by" = "terraform"
    "muses.nuclear/cluster"        = var.cluster_name
  }

  argocd_values = {
    configs = {
      params = {
        "server.insecure" = true
      }
      cm = {
        "timeout.reconciliation" = "180s"
      }
    }
    server = {
      ingress = {
        enabled          = true
        ingressClassName = "nginx"
      }
    }
  }
}

resource "kubectl_manifest" "namespace" {
  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "Namespace"
    metadata = {
      name   = var.namespace
      labels = local.labels
    }
  })
}

# RKE2 ships a Helm controller, so ArgoCD is installed by handing it a
# HelmChart object instead of running Helm from Terraform.
resource "kubectl_manifest" "argocd" {
  yaml_body = <<-YAML
    apiVersion: helm.cattle.io/v1
    kind: HelmChart
    metadata:
      name: argocd
      namespace: kube-system
    spec:
      repo: https://argoproj.github.io/argo-helm
      chart: argo-cd
      version: "${var.chart_version}"
      targetNamespace: ${kubectl_manifest.namespace.name}
      valuesContent: |-
        ${indent(4, trimspace(yamlencode(local.argocd_values)))}
  YAML

  wait = true
}

resource "kubectl_manifest" "repository" {
  count = var.repo_token == null ? 0 : 1

  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "Secret"
    metadata = {
      name      = "root-repository"
      namespace = var.namespace
      labels    = merge(local.labels, { "argocd.argoproj.io/secret-type" = "repository" })
    }
    stringData = {
      type     = "git"
      url      = var.repo_url
      username = "oauth2"
      password = var.repo_token
    }
  })

  sensitive_fields = ["stringData"]
  depends_on       = [kubectl_manifest.argocd]
}

resource "kubectl_manifest" "root_application" {
  yaml_body = <<-YAML
    apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata:
      name: ${var.cluster_name}-root
      namespace: ${var.namespace}
      finalizers:
        - resources-finalizer.argocd.argoproj.io
    spec:
      project: default
      source:
        repoURL: ${var.repo_url}
        targetRevision: ${var.revision}
        path: ${var.repo_path}
        directory:
          recurse: true
      destination:
        server: https://kubernetes.default.svc
        namespace: ${var.namespace}
      syncPolicy:
    %{if var.sync_policy.automated}
        automated:
          prune: ${var.sync_policy.prune}
          selfHeal: ${var.sync_policy.self_heal}
    %{endif}
        syncOptions:
          - CreateNamespace=true
  YAML

  depends_on = [kubectl_manifest.argocd, kubectl_manifest.repository]
}
