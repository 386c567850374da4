import Testing
@testable import Config
import JSON

/// Spot checks of facts read off each provider's source, so a regenerated or
/// hand-edited schema that loses one of them fails.
@Suite struct ProviderSchemaContentTests {
    @Test func openstackComputeInstance() throws {
        let instance = try embedded("terraform-provider-openstack/openstack").resource("openstack_compute_instance_v2")
        let name = try instance.attribute("name")
        #expect(name.required && !name.optional && name.type == .string("string"))
        #expect(try instance.attribute("admin_pass").sensitive)
        #expect(try instance.attribute("user_data").optional)
        #expect(try instance.attribute("security_groups").type == .array([.string("set"), .string("string")]))
        let network = try instance.nested("network")
        #expect(network.nestingMode == .list && network.minItems == 0 && network.maxItems == 0)
        #expect(try network.block.attribute("port").computed)
        let blockDevice = try instance.nested("block_device")
        #expect(blockDevice.nestingMode == .list)
        #expect(try blockDevice.block.attribute("source_type").required)
        let timeouts = try instance.nested("timeouts")
        #expect(timeouts.nestingMode == .single)
        #expect(timeouts.block.attributeNames == ["create", "delete", "update"])
    }

    @Test func openstackNetworking() throws {
        let os = try embedded("terraform-provider-openstack/openstack")
        #expect(try os.resource("openstack_networking_router_interface_v2").attribute("router_id").required)
        let rule = try os.resource("openstack_networking_secgroup_rule_v2")
        #expect(try rule.attribute("direction").required)
        #expect(try rule.attribute("ethertype").required)
        #expect(try rule.attribute("port_range_min").type == .string("number"))
        let subnet = try os.resource("openstack_networking_subnet_v2")
        #expect(try subnet.attribute("network_id").required)
        #expect(try subnet.nested("allocation_pool").nestingMode == .set)
        // Required with an OS_POOL_NAME fallback: shown as terraform shows it with the variable unset.
        #expect(try os.resource("openstack_networking_floatingip_v2").attribute("pool").required)
        #expect(try os.dataSource("openstack_networking_network_v2").attribute("external").optional)
        #expect(try os.resource("openstack_compute_keypair_v2").attribute("private_key").sensitive)
        #expect(os.provider.block.attributes["password"]?.sensitive == true)
    }

    @Test func rancherClusterV2() throws {
        let rancher = try embedded("rancher/rancher2")
        let versioned = try #require(rancher.resourceSchemas["rancher2_cluster_v2"])
        #expect(versioned.version == 1)
        let cluster = versioned.block
        #expect(try cluster.attribute("kubernetes_version").required)
        #expect(try cluster.attribute("name").required)
        let token = try cluster.attribute("cluster_registration_token")
        #expect(token.computed && token.sensitive && !token.optional)
        #expect(try cluster.attribute("kube_config").sensitive)
        let rke = try cluster.nested("rke_config")
        #expect(rke.nestingMode == .list && rke.maxItems == 1)
        #expect(try rke.block.nested("local_auth_endpoint").block.deprecated, "deprecated in the provider source")
        #expect(try rke.block.nested("machine_pools").block.attribute("name").required)
        // Added over the shared reference (generated without the conditional field).
        let scheduling = try cluster.nested("cluster_agent_deployment_customization").block.nested("scheduling_customization")
        #expect(try scheduling.block.nested("priority_class").block.attribute("value").required)
        #expect(try cluster.nested("fleet_agent_deployment_customization").block.blockTypes["scheduling_customization"] == nil)
        #expect(rancher.provider.block.attributes["token_key"]?.sensitive == true)
        #expect(rancher.provider.block.attributes["api_url"]?.required == true)
    }

    @Test func rancherSyncAndBindings() throws {
        let rancher = try embedded("rancher/rancher2")
        #expect(try rancher.resource("rancher2_cluster_sync").attribute("cluster_id").required)
        #expect(try rancher.resource("rancher2_cluster_sync").attribute("wait_catalogs").optional)
        let crtb = try rancher.resource("rancher2_cluster_role_template_binding")
        #expect(try crtb.attribute("role_template_id").required)
        #expect(try crtb.attribute("user_id").optional)
        #expect(rancher.resourceSchemas["rancher2_cluster"]?.version == 2)
    }

    @Test func kubectlManifest() throws {
        let kubectl = try embedded("gavinbunney/kubectl")
        let manifest = try #require(kubectl.resourceSchemas["kubectl_manifest"])
        #expect(manifest.version == 1)
        let yamlBody = try manifest.block.attribute("yaml_body")
        #expect(yamlBody.required && yamlBody.sensitive)
        #expect(try manifest.block.attribute("server_side_apply").optional)
        #expect(kubectl.provider.block.attributes["load_config_file"]?.optional == true)
    }

    @Test func localProvider() throws {
        let local = try embedded("hashicorp/local")
        let file = try local.resource("local_file")
        #expect(try file.attribute("filename").required)
        let legacy = try file.attribute("sensitive_content")
        #expect(legacy.deprecated && legacy.sensitive && legacy.optional)
        let permission = try file.attribute("file_permission")
        #expect(permission.optional && permission.computed)
        #expect(try local.resource("local_sensitive_file").attribute("content").sensitive)
        #expect(try local.dataSource("local_file").attribute("content").computed)
        let direxists = try #require(local.functions["direxists"])
        #expect(direxists.returnType == .string("bool"))
        #expect(direxists.parameters.map(\.name) == ["path"])
        #expect(local.provider.block == .empty)
    }

    @Test func randomProvider() throws {
        let random = try embedded("hashicorp/random")
        let password = try #require(random.resourceSchemas["random_password"])
        #expect(password.version == 3)
        #expect(try password.block.attribute("result").sensitive)
        #expect(try password.block.attribute("length").required)
        #expect(try password.block.attribute("number").deprecated)
        #expect(random.resourceSchemas["random_string"]?.version == 2)
        #expect(try random.resource("random_string").attribute("result").sensitive == false)
        #expect(try random.resource("random_shuffle").attribute("input").type == .array([.string("list"), .string("string")]))
        let ephemeral = try #require(random.ephemeralResourceSchemas["random_password"])
        #expect(ephemeral.block.attributes["id"] == nil, "the ephemeral password has no id")
        #expect(Set(random.resourceSchemas.keys) == ["random_bytes", "random_id", "random_integer", "random_password",
                                                     "random_pet", "random_shuffle", "random_string", "random_uuid"])
    }

    @Test func nullAndHTTPProviders() throws {
        let null = try embedded("hashicorp/null")
        #expect(try null.resource("null_resource").attribute("triggers").type == .array([.string("map"), .string("string")]))
        let nullData = try #require(null.dataSourceSchemas["null_data_source"])
        #expect(nullData.block.deprecated)
        let http = try embedded("hashicorp/http").dataSource("http")
        #expect(try http.attribute("url").required)
        #expect(try http.attribute("body").deprecated)
        let retry = try http.nested("retry")
        #expect(retry.nestingMode == .single)
        #expect(try retry.block.attribute("attempts").type == .string("number"))
    }

    @Test func builtinProvider() throws {
        let builtin = try embedded("terraform.io/builtin/terraform")
        let data = try builtin.resource("terraform_data")
        #expect(try data.attribute("input").type == .string("dynamic"))
        #expect(try data.attribute("triggers_replace").optional)
        #expect(try builtin.dataSource("terraform_remote_state").attribute("backend").required)
        #expect(Set(builtin.functions.keys) == ["decode_tfvars", "encode_expr", "encode_tfvars"])
        #expect(builtin.functions["encode_tfvars"]?.parameters.first?.type == .string("dynamic"))
    }
}

@Suite struct ProviderSchemaDecodingTests {
    func decodeError(_ text: String) -> ProviderSchemaDecodingError? {
        do {
            _ = try ProviderSchema.decodeDocument(text)
            return nil
        } catch let error as ProviderSchemaDecodingError {
            return error
        } catch {
            return ProviderSchemaDecodingError(path: "?", message: "\(error)")
        }
    }

    func document(attribute: String) -> String {
        #"{"format_version":"1.0","provider_schemas":{"x/y/z":{"resource_schemas":{"z_a":{"version":0,"block":{"attributes":{"n":"# + attribute + "}}}}}}}"
    }

    @Test func acceptsAMinimalDocument() throws {
        let providers = try ProviderSchema.decodeDocument(document(attribute: #"{"type":["list","string"],"optional":true}"#))
        let a = try #require(providers.first?.resourceSchemas["z_a"]?.block.attributes["n"])
        #expect(a.type == .array([.string("list"), .string("string")]) && a.optional && a.descriptionKind == .plain)
    }

    @Test(arguments: [
        (#"{"type":"strin","optional":true}"#, "resource_schemas.z_a.block.attributes.n.type"),
        (#"{"type":"string","optional":"yes"}"#, "resource_schemas.z_a.block.attributes.n.optional"),
        (#"{"type":"string"}"#, "resource_schemas.z_a.block.attributes.n"),
        (#"{"type":"string","required":true,"computed":true}"#, "resource_schemas.z_a.block.attributes.n"),
        (#"{"optional":true}"#, "resource_schemas.z_a.block.attributes.n"),
        (#"{"type":["object",{"a":"nope"}],"optional":true}"#, "resource_schemas.z_a.block.attributes.n.type[1].a"),
    ])
    func reportsWhereADocumentIsWrong(attribute: String, path: String) throws {
        let error = try #require(decodeError(document(attribute: attribute)))
        #expect(error.path == #"provider_schemas["x/y/z"]."# + path, "\(error)")
    }

    @Test func rejectsOtherFormatVersionsAndBrokenJSON() throws {
        #expect(decodeError(#"{"format_version":"0.1","provider_schemas":{}}"#)?.path == "format_version")
        #expect(decodeError(#"{"format_version":"1.0","provider_schemas":{"a":{"resource_schemas":{"r":{"block":{"block_types":{"b":{"nesting_mode":"bag","block":{}}}}}}}}}"#)?.message == #"unknown nesting mode "bag""#)
        #expect(decodeError("{\"format_version\":") != nil)
    }
}
