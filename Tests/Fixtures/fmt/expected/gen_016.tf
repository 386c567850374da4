output "edge" {
  value = module.edge.id
}

locals {
  api_9_0 = [for x in var.l : x if x != ""]
  api_9_1 = !var.disabled
  api_9_2 = "${var.prefix}-api_9"
}

locals {
  web_0 = merge(local.tags, { Name = "web" })
  web_1 = [for x in var.l : x if x != ""]
}

locals {
  cache_0 = {
    x  = 1
    yy = 2
  }
  cache_1 = lookup(var.m, "cache", "def")
  cache_2 = "${var.prefix}-cache"
  cache_3 = var.count * 3
  cache_4 = {
    x  = 1
    yy = 2
  }
  cache_5 = [for x in var.l : x if x != ""]
}

resource "kubectl_manifest" "mon" {
  yaml_body = file("${path.module}/m.yaml")
  force_new = true
}
