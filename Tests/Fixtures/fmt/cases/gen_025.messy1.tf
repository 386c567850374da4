	resource "kubectl_manifest"  "etl"{


yaml_body = "${file("${path.module}/m.yaml")}"
	force_new =    true
			}

	resource "terraform_data" "auth_3" {
input    =var.revision
	triggers_replace =  [var.a, var.b]
	}

	resource "kubernetes_service"   "bastion_8" {  



	metadata {
	name   = "svc" 
}
		spec{  
selector ={  
	app  =    "web"
				}
		port    {
port = 80


	target_port = 8080
		}
	type = "ClusterIP"
			}
			}


