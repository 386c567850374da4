# Leading hash comment
// Leading slash comment
/* Block comment at top */


/*
  Multi-line block comment
  spanning lines
*/

resource "null_resource" "a" { # trailing after open brace
  # comment inside body
  triggers = {
    a   = "1" # after a
    bb  = "2" // after bb
    ccc = "3" /* after ccc */
  }

  // comment between attributes



  count           = 1   # count comment
  name            = "x" # name comment
  /* inline */ id = "y"
} # after close brace

locals {
  a    = 1 # one
  bb   = 2 # two
  ccc  = 3
  dddd = 4 # four  

  list = [
    "a", # first   
    "b", // second
    # standalone in list
    "c",



  ]


  obj = {
    # leading in object
    k = "v" # trailing in object
  }
}

#no space after hash
//no space after slashes
#    many spaces inside
