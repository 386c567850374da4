  resource "local_file"    "queue" {
   filename    = "${path.module}/out/queue.txt"
 content=  templatefile("t.tpl", { name  ="queue"    })
  file_permission  = "0644" # see docs
        depends_on= [terraform_data.db]
}

        resource "kubectl_manifest"  "web"  { 
  yaml_body = file("${path.module}/m.yaml")
   force_new=true

lifecycle {
      prevent_destroy = false
}
  }
