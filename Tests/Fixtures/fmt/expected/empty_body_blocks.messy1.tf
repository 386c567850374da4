terraform {
}

provider "null" {}

resource "null_resource" "r" {


  lifecycle {
  }
}
