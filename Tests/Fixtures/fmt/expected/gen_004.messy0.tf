variable "cache_2" {
  type        = string
  description = "The cache_2 setting."
  default     = "x"
}

resource "local_file" "queue" {


  filename        = "${path.module}/out/queue.txt"
  content         = templatefile("t.tpl", { name = "queue" })
  file_permission = "0644"

  lifecycle {
    prevent_destroy = false


  }


}

variable "auth" {

  type        = string
  description = "The auth setting."
  validation {
    condition     = length(var.auth) > 0
    error_message = "Must not be empty."
  }
}
