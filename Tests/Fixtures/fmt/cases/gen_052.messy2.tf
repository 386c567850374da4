resource   "local_file"    "lb" { 
filename = "${path.module}/out/lb.txt"
				content ="${templatefile("t.tpl", { name = "lb" })}" # see docs
file_permission ="0644"
	}

		variable    "cache" {
	type = bool
	description = "The cache setting."
validation {
		condition =length(var.cache) >    0   
error_message =    "Must not be empty."
			}

				}

resource    "terraform_data" "mon_8"   {
		input= var.revision
				triggers_replace    = [var.a,  var.b]
				}
