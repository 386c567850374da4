import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Neutron")
struct NetworkTests {
    @Test("a new security group has two egress rules; a duplicate rule is 409 SecurityGroupRuleExists")
    func securityGroupRules() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let sg = try await client.request("POST", "/network/v2.0/security-groups", json: .object(["security_group": .object(["name": .string("web")])]))
            #expect(sg.status == 201)
            let rules = sg.json["security_group"]?["security_group_rules"]?.arrayValue ?? []
            #expect(rules.count == 2)
            #expect(Set(rules.compactMap { $0["ethertype"]?.stringValue }) == ["IPv4", "IPv6"])
            #expect(rules.allSatisfy { $0["direction"]?.stringValue == "egress" })
            let sgID = sg.json["security_group"]?["id"]?.stringValue ?? ""
            let rule = JSONValue.object(["security_group_rule": .object([
                "security_group_id": .string(sgID), "direction": .string("ingress"), "ethertype": .string("IPv4"),
                "protocol": .string("tcp"), "port_range_min": .number(22), "port_range_max": .number(22),
                "remote_ip_prefix": .string("0.0.0.0/0"),
            ])])
            #expect(try await client.request("POST", "/network/v2.0/security-group-rules", json: rule).status == 201)
            let dup = try await client.request("POST", "/network/v2.0/security-group-rules", json: rule)
            #expect(dup.status == 409)
            #expect(dup.json["NeutronError"]?["type"]?.stringValue == "SecurityGroupRuleExists")
            #expect(dup.json["NeutronError"]?["detail"]?.stringValue == "")
        }
    }

    @Test("quotas are enforced with 409 OverQuota and can be changed")
    func quotas() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let project = sim.credentials.projectID
            // The seeded public network already counts.
            let put = try await client.request("PUT", "/network/v2.0/quotas/\(project)", json: .object(["quota": .object(["network": .number(2)])]))
            #expect(put.status == 200)
            #expect(put.json["quota"]?["network"]?.intValue == 2)
            #expect(try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("a")])])).status == 201)
            let over = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("b")])]))
            #expect(over.status == 409)
            #expect(over.json["NeutronError"]?["type"]?.stringValue == "OverQuota")
            let details = try await client.request("GET", "/network/v2.0/quotas/\(project)/details")
            #expect(details.json["quota"]?["network"]?["used"]?.intValue == 2)
        }
    }

    @Test("filters, repeated fields and tags select what a list returns")
    func filtersAndFields() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let net = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("blue")])]))
            let id = net.json["network"]?["id"]?.stringValue ?? ""
            #expect(try await client.request("PUT", "/network/v2.0/networks/\(id)/tags", json: .object(["tags": .array([.string("team-a")])])).status == 200)
            let byName = try await client.request("GET", "/network/v2.0/networks?name=blue&fields=id&fields=name")
            #expect(byName.json["networks"] == .array([.object(["id": .string(id), "name": .string("blue")])]))
            let external = try await client.request("GET", "/network/v2.0/networks?router:external=True")
            #expect(external.json["networks"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["public"])
            let tagged = try await client.request("GET", "/network/v2.0/networks?tags=team-a")
            #expect(tagged.json["networks"]?.arrayValue?.count == 1)
            let none = try await client.request("GET", "/network/v2.0/networks?name=nothing")
            #expect(none.json["networks"] == .array([]))
        }
    }

    @Test("router interface takes the gateway IP; floating IP association needs that router; in-use deletes are 409")
    func routingAndFloatingIPs() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let pub = try await client.request("GET", "/network/v2.0/networks?name=public")
            let pubID = pub.json["networks"]?.arrayValue?.first?["id"]?.stringValue ?? ""
            let net = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("n")])]))
            let netID = net.json["network"]?["id"]?.stringValue ?? ""
            let sub = try await client.request("POST", "/network/v2.0/subnets", json: .object(["subnet": .object([
                "network_id": .string(netID), "cidr": .string("192.168.5.0/24"), "ip_version": .number(4)])]))
            let subID = sub.json["subnet"]?["id"]?.stringValue ?? ""
            #expect(sub.json["subnet"]?["gateway_ip"]?.stringValue == "192.168.5.1")
            let port = try await client.request("POST", "/network/v2.0/ports", json: .object(["port": .object(["network_id": .string(netID)])]))
            let portID = port.json["port"]?["id"]?.stringValue ?? ""
            #expect(port.json["port"]?["fixed_ips"]?.arrayValue?.first?["ip_address"]?.stringValue == "192.168.5.2")
            let fip = try await client.request("POST", "/network/v2.0/floatingips", json: .object(["floatingip": .object(["floating_network_id": .string(pubID)])]))
            let fipID = fip.json["floatingip"]?["id"]?.stringValue ?? ""
            let early = try await client.request("PUT", "/network/v2.0/floatingips/\(fipID)", json: .object(["floatingip": .object(["port_id": .string(portID)])]))
            #expect(early.status == 404)
            #expect(early.json["NeutronError"]?["type"]?.stringValue == "ExternalGatewayForFloatingIPNotFound")
            let router = try await client.request("POST", "/network/v2.0/routers", json: .object(["router": .object([
                "name": .string("r"), "external_gateway_info": .object(["network_id": .string(pubID)])])]))
            let routerID = router.json["router"]?["id"]?.stringValue ?? ""
            let add = try await client.request("PUT", "/network/v2.0/routers/\(routerID)/add_router_interface", json: .object(["subnet_id": .string(subID)]))
            #expect(add.status == 200)
            #expect(add.json["subnet_id"]?.stringValue == subID)
            let assoc = try await client.request("PUT", "/network/v2.0/floatingips/\(fipID)", json: .object(["floatingip": .object(["port_id": .string(portID)])]))
            #expect(assoc.json["floatingip"]?["status"]?.stringValue == "ACTIVE")
            #expect(assoc.json["floatingip"]?["router_id"]?.stringValue == routerID)
            let busyRouter = try await client.request("DELETE", "/network/v2.0/routers/\(routerID)")
            #expect(busyRouter.status == 409)
            #expect(busyRouter.json["NeutronError"]?["type"]?.stringValue == "RouterInUse")
            let busyNet = try await client.request("DELETE", "/network/v2.0/networks/\(netID)")
            #expect(busyNet.json["NeutronError"]?["type"]?.stringValue == "NetworkInUse")
            #expect(try await client.request("DELETE", "/network/v2.0/ports/\(portID)").status == 204)
            let after = try await client.request("GET", "/network/v2.0/floatingips/\(fipID)")
            #expect(after.json["floatingip"]?["port_id"] == .null)
            #expect(after.json["floatingip"]?["status"]?.stringValue == "DOWN")
        }
    }

    @Test("bad bodies and unknown ids get Neutron's error bodies")
    func errors() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let malformed = try await client.request("POST", "/network/v2.0/networks", body: Array("{not json".utf8), headers: [("Content-Type", "application/json")])
            #expect(malformed.status == 400)
            #expect(malformed.json["NeutronError"]?["type"]?.stringValue == "HTTPBadRequest")
            let wrongType = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["admin_state_up": .string("maybe")])]))
            #expect(wrongType.status == 400)
            let missing = try await client.request("POST", "/network/v2.0/subnets", json: .object(["subnet": .object(["cidr": .string("10.0.0.0/24")])]))
            #expect(missing.status == 400)
            let unknown = try await client.request("GET", "/network/v2.0/networks/3cb9bc59-0000-0000-0000-000000000000")
            #expect(unknown.status == 404)
            #expect(unknown.json["NeutronError"]?["type"]?.stringValue == "NetworkNotFound")
            let badCIDR = try await client.request("POST", "/network/v2.0/subnets", json: .object(["subnet": .object([
                "network_id": .string("x"), "cidr": .string("10.0.0.0/24")])]))
            #expect(badCIDR.status == 404)
        }
    }
}
