      resource   "x"  "y" {     
      a= 1   
  b= "trail"     
 # comment with trailing   
 } 
