  resource "rancher2_cluster"   "main" {  
      name =  "main"
      rke_config {
   network{ 
plugin   = "canal"


  }
}
 description    = "after block"
enable_cluster_monitoring = false
      cluster_auth_endpoint {
enabled  = true
}
  labels ={
        team= "platform"
        }
  }

  resource   "rancher2_node_pool"  "pool" {


  cluster_id=   rancher2_cluster.main.id
        name             = "pool"
  hostname_prefix=  "node-"
   node_template_id    = rancher2_node_template.tpl.id
  quantity         = 3
  control_plane= true
    etcd = true
  worker   =true
 }

    resource    "rancher2_node_template" "tpl"{


    name = "openstack"
  openstack_config{
      auth_url  =    var.auth_url
availability_zone ="nova"
        region="RegionOne"
 username=   var.username
password    =  var.password
        tenant_name=var.tenant
      flavor_name ="m1.large"
image_name =   "ubuntu-22.04"
      net_name ="private"   
  ssh_user ="ubuntu"
  }
} 
