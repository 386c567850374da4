output "mon" {

  value = module.mon.id

}

resource "rancher2_namespace" "api" {
  name        = "api"
  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"

  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }

  lifecycle {
    prevent_destroy = false
  }
}


variable "etl" {
  type = object({
    name = string
    size = optional(number, 10)



  })
  description = "The etl setting."
  default     = null
  validation {
    condition     = length(var.etl) > 0
    error_message = "Must not be empty."
  }
}

resource "rancher2_namespace" "worker_8" {
  name = "worker_8"

  project_id  = rancher2_project.p.id
  description = "ns for ${var.team}"
  resource_quota {
    limit {
      limits_cpu       = "100m"
      limits_memory    = "100Mi"
      requests_storage = "1Gi"
    }
  }
}

variable "web" {
  type        = set(string)
  description = "The web setting."


  default = []
}

resource "terraform_data" "etl_3" {
  input            = var.revision # see docs
  triggers_replace = [var.a, var.b]
}
