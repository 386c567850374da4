	terraform {


	required_providers   {
				local= {
			source = "hashicorp/local"
			}
		}
		}

locals{
	direct = provider::local::direxists("${path.module}/x")
		spaced= provider:: local   ::direxists ( "y")
		expanded  = concat(var.a,  var.b...)
	call_expand= max(var.nums ...)
nested=    jsonencode({ a = [1,    2,   3],    b ={ c = "d"}  })
tmpl=templatefile("${path.module}/t.tpl",{ name = var.name,     items  =  var.items })
	}

