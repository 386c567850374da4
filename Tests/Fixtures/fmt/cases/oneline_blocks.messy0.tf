resource   "null_resource" "one" { triggers = {  a ="b" }}
resource "null_resource"    "empty" {}
resource    "null_resource"    "spaced_empty" {}   
  locals { x   =  1 }
 variable    "v" {default = "x"}  
    provider  "aws"{    region = "us-east-1" }
module "mm"{source= "./m" }
  data  "x"   "y" {
      nested  { a    =1 }

other {}
      dynamic "rule"{ 
   for_each = var.rules
  content { port =rule.value}
 }
      }  
    output  "o"  {    value=1}
