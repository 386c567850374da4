variable "prefix" { 
type  = string
      description="Name prefix for every resource."
      default     =    "demo"

  validation {
  condition= can(regex("^[a-z][a-z0-9-]{1,20}$", var.prefix))
error_message  = "The prefix must start with a letter and contain only lowercase letters, digits and dashes."   
  }
        }

      variable  "instance_count" {
   type   =number
    default= 2  
  validation  {  
        condition = var.instance_count >= 1 && var.instance_count    <= 10
error_message    ="Between 1 and 10 instances."
 }
}

  variable   "tags"    {
type = map
   default = {  }
 }

    variable  "legacy_string"  { 
        type=    "string"
 }

variable "legacy_list"{
type    = "list"
    default=[  ]

      }   

 variable  "legacy_map" {
 type=   "map"
}

        variable "any_list" { 
      type   =list
  }

        variable "any_set" {  
  type= set
    }

 variable "servers"{
   type = list(object({


   name   = string
        flavor    = optional(string, "m1.small")
   disks= optional(  list(number),   [])
    labels = map(string)
})) 
      default= [ ] 
        nullable  = false
sensitive  =false
  }

 variable   "password"    { 
  type    =   string


    sensitive=true
      ephemeral = false
        }

variable "tuple_type"  {
 type = tuple([  string, number,bool])
      }
