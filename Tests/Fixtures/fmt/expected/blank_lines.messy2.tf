

resource "null_resource" "a" {


  x = 1



  y = 2



}



resource "null_resource" "b" {

  z = 3



}


