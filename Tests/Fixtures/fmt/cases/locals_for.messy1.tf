      locals  {
   name_prefix = "${var.prefix}-${terraform.workspace}" 


common_tags=  merge(var.tags,  {
Environment = var.environment
 ManagedBy =    "terraform"
        })

  servers_by_name =  {   for s in  var.servers:s.name  => s}
  server_names    =[for  s in var.servers :upper(  s.name)if   s.flavor != "m1.tiny"]  
  grouped=   { for s  in var.servers :s.flavor=> s.name... }  
  indexed = { for i,s  in var.servers:i  => "${s.name}-${i}" }
  flat= flatten([ 
   for   s   in   var.servers : [
  for d   in  s.disks    : {    
    server= s.name
    size=  d
  } 
   ]
  ])
        nested_map={ 
 for k,   v in   local.servers_by_name : k =>    {
   for  lk,  lv   in    v.labels : lk => lv if    lv != ""
   }
    }
   cond =var.environment == "prod"    ? 3 : 1
multi_cond=(
      var.environment=="prod"
  ?"large"   
      : "small"  
)
        math =(  var.a +   var.b) * 2 - -1    / 4% 3
      neg =-var.x
not  = !var.enabled
      cmp=    var.a >= 1  ||   var.b    <=2 && var.c   !=3
splat_all = aws_instance.web.*.id
    splat_full=    aws_instance.web[*].private_ip
 legacy_index = var.list.0
    attr_chain=    module.net.subnets[0].cidr_blocks[1]
}
