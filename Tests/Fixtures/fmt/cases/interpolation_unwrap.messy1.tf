	resource    "null_resource" "interp" {
				a = "${var.x}" 
	b = "${var.x}-suffix" 

			c = "prefix-${var.x}" 
	d  = ["${var.x}",   "${var.y}"]
e ={
		k="${var.x}"
	}
		f =  "${var.a}${var.b}"
	g = "${var.cond ? "yes" : "no"}"
h = "${lookup(var.m, "k", "${var.d}")}"
i ="${ var.spaced }"
  j = "${
			var.multiline
  }"
  k = "${var.c
			? 1
  : 2}"
  l = "${(var.c
	?    1
  : 2)}"
m = "${format("%s", "${var.z}")}"  
		n ="${var.x}" # comment after
o =  "${~ var.strip ~}"   



	p="literal"
		q =    "${{a = 1}}"
	r=    "${[1, 2]}"
	s  ="%{if var.x}yes%{endif}"
				t=    "${var.x == "a" ? "b" : "c"}"
		u =   "$${not_interp}"


v = "${data.template_file.init.rendered}"
			w    =   "${element(aws_subnet.main.*.id, count.index)}"
		}




	resource    "null_resource"  "for_each_interp" {
		for_each= "${toset(var.names)}"
	count    ="${length(var.names)}"
	depends_on   = ["null_resource.interp"]
triggers= {
			name ="${each.key}"
}
		}

	output  "out"{ 
		value     = "${null_resource.interp.id}"
sensitive   ="${var.sensitive}"
	}

module  "m"   {
	source = "./modules/m"
input   = "${var.input}"
	nested= {  
		inner = "${var.inner}"
				}
}
