        variable "auth_1" {
    type=set(string)   
        description="The auth_1 setting."
        default  = []
  validation { 
  condition =  length(  var.auth_1)> 0
  error_message   = "Must not be empty."


        }
}

variable "bastion" {
type= list(string)  
  description=    "The bastion setting."
    default    = ["a", "b"]
    }
