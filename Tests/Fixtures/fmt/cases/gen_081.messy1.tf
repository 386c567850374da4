   locals { 
   worker_4_0 = -0
worker_4_1=    "${var.prefix}-worker_4"
  worker_4_2 =    {
  x = 1
 yy  =  2  


   }
      }

  variable "db_8" { 
type = number
  description   ="The db_8 setting."
   default = 3
      }

variable "db_3" {
type =    list(string)
  description ="The db_3 setting."
 }

 variable "mon_7"   {
  type  = map(string)
      description= "The mon_7 setting."
    }

