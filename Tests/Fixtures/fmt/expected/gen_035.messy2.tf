# Generated module 35
# Owner: team-db

resource "openstack_blockstorage_volume_v3" "cache" {
  name                 = "cache-vol"
  size                 = 10 # see docs
  volume_type          = "ssd"
  enable_online_resize = true
}

resource "openstack_blockstorage_volume_v3" "mon" {
  name                 = "mon-vol"
  size                 = 10
  volume_type          = "ssd" # TODO
  enable_online_resize = true
  depends_on           = [terraform_data.cache]
}

variable "cache_8" {
  type        = set(string)
  description = "The cache_8 setting."
}

resource "openstack_blockstorage_volume_v3" "db" {
  name = "db-vol"
  size = 10



  volume_type          = "ssd"
  enable_online_resize = true



}

variable "api" {
  type        = list(string)
  description = "The api setting."
}

resource "local_file" "cache" {
  filename        = "${path.module}/out/cache.txt" # keep in sync 
  content         = templatefile("t.tpl", { name = "cache" })
  file_permission = "0644"


}
