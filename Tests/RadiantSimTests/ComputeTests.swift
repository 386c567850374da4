import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

/// Shared steps: a network with a subnet, and a server on it.
extension SimTestClient {
    func makeNetwork(_ name: String = "net", cidr: String = "10.9.0.0/24") async throws -> String {
        let net = try await request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string(name)])]))
        let id = net.json["network"]?["id"]?.stringValue ?? ""
        _ = try await request("POST", "/network/v2.0/subnets", json: .object(["subnet": .object([
            "network_id": .string(id), "cidr": .string(cidr), "ip_version": .number(4)])]))
        return id
    }

    func imageID() async throws -> String {
        try await request("GET", "/image/v2/images?name=cirros").json["images"]?.arrayValue?.first?["id"]?.stringValue ?? ""
    }

    func createServer(_ name: String, network: String, userData: String? = nil) async throws -> HTTPResponse {
        var server: [(String, JSONValue)] = [("name", .string(name)), ("imageRef", .string(try await imageID())), ("flavorRef", .string("1")),
                                             ("networks", .array([.object(["uuid": .string(network)])]))]
        if let userData { server.append(("user_data", .string(Data(userData.utf8).base64EncodedString()))) }
        return try await request("POST", "/compute/v2.1/servers",
                                 json: .object([JSONMember(key: "server", value: .object(server.map { JSONMember(key: $0.0, value: $0.1) }))]))
    }
}

@Suite("Nova")
struct ComputeTests {
    @Test("a server goes BUILD -> ACTIVE with an address on its network, then delete makes it gone")
    func serverLifecycle() async throws {
        try await withSimulator({ $0.buildDelay = 1.5 }) { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let net = try await client.makeNetwork()
            let created = try await client.createServer("vm1", network: net)
            #expect(created.status == 202)
            #expect(created.json["server"]?["adminPass"]?.stringValue != nil)
            let id = created.json["server"]?["id"]?.stringValue ?? ""
            let first = try await client.request("GET", "/compute/v2.1/servers/\(id)")
            #expect(first.json["server"]?["status"]?.stringValue == "BUILD")
            let active = try await client.waitFor("/compute/v2.1/servers/\(id)") { $0["server"]?["status"]?.stringValue == "ACTIVE" }
            #expect(active != nil)
            let addr = active?["server"]?["addresses"]?["net"]?.arrayValue?.first
            #expect(addr?["addr"]?.stringValue == "10.9.0.2")
            #expect(addr?["OS-EXT-IPS:type"]?.stringValue == "fixed")
            #expect(active?["server"]?["flavor"]?["id"]?.stringValue == "1")
            let ports = try await client.request("GET", "/network/v2.0/ports?device_id=\(id)")
            #expect(ports.json["ports"]?.arrayValue?.first?["status"]?.stringValue == "ACTIVE")
            #expect(try await client.request("DELETE", "/compute/v2.1/servers/\(id)").status == 204)
            let gone = try await client.waitFor("/compute/v2.1/servers/detail") { ($0["servers"]?.arrayValue ?? []).isEmpty }
            #expect(gone != nil)
            let notFound = try await client.request("GET", "/compute/v2.1/servers/\(id)")
            #expect(notFound.status == 404)
            #expect(notFound.json["itemNotFound"]?["code"]?.intValue == 404)
            let leftover = try await client.request("GET", "/network/v2.0/ports?device_id=\(id)")
            #expect(leftover.json["ports"] == .array([]))
        }
    }

    @Test("invalid create requests are 400 badRequest; quota is 403")
    func createErrors() async throws {
        try await withSimulator({ $0.quotas.instances = 1 }) { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let net = try await client.makeNetwork()
            let image = try await client.imageID()
            let badFlavor = try await client.request("POST", "/compute/v2.1/servers", json: .object(["server": .object([
                "name": .string("x"), "imageRef": .string(image), "flavorRef": .string("999"), "networks": .array([.object(["uuid": .string(net)])])])]))
            #expect(badFlavor.status == 400)
            #expect(badFlavor.json["badRequest"]?["message"]?.stringValue == "Flavor 999 could not be found.")
            let noName = try await client.request("POST", "/compute/v2.1/servers", json: .object(["server": .object(["flavorRef": .string("1")])]))
            #expect(noName.status == 400)
            let badUserData = try await client.request("POST", "/compute/v2.1/servers", json: .object(["server": .object([
                "name": .string("x"), "imageRef": .string(image), "flavorRef": .string("1"), "user_data": .string("%%%not base64%%%")])]))
            #expect(badUserData.status == 400)
            #expect(try await client.createServer("one", network: net).status == 202)
            let over = try await client.createServer("two", network: net)
            #expect(over.status == 403)
            #expect(over.json["forbidden"]?["message"]?.stringValue?.hasPrefix("Quota exceeded for instances") == true)
        }
    }

    @Test("microversions are echoed, 'latest' resolves, and too-new versions are 406")
    func microversions() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let r = try await client.request("GET", "/compute/v2.1/flavors/detail", headers: [("OpenStack-API-Version", "compute 2.61")])
            #expect(r.header("OpenStack-API-Version") == "compute 2.61")
            #expect(r.json["flavors"]?.arrayValue?.first?["extra_specs"] != nil)
            let old = try await client.request("GET", "/compute/v2.1/flavors/detail")
            #expect(old.json["flavors"]?.arrayValue?.first?["extra_specs"] == nil)
            #expect(old.header("X-OpenStack-Nova-API-Version") == "2.1")
            let latest = try await client.request("GET", "/compute/v2.1/flavors", headers: [("X-OpenStack-Nova-API-Version", "latest")])
            #expect(latest.header("X-OpenStack-Nova-API-Version") == "2.79")
            let tooNew = try await client.request("GET", "/compute/v2.1/flavors", headers: [("OpenStack-API-Version", "compute 2.999")])
            #expect(tooNew.status == 406)
        }
    }

    @Test("key pairs: import computes the MD5 fingerprint; duplicates are 409; unknown is 404")
    func keypairs() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            // Expected value from `echo <base64 part> | base64 -d | md5sum`, not from the simulator.
            let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ5nLgU2m2Ff0Tb4hvXa7k0Pb9bWXm1Qe3cJkWlYw8y test"
            let r = try await client.request("POST", "/compute/v2.1/os-keypairs", json: .object(["keypair": .object(["name": .string("k"), "public_key": .string(key)])]))
            #expect(r.status == 200)
            #expect(r.json["keypair"]?["fingerprint"]?.stringValue == "71:51:d8:59:6a:f9:98:10:d8:5f:73:33:c1:e0:bc:76")
            let dup = try await client.request("POST", "/compute/v2.1/os-keypairs", json: .object(["keypair": .object(["name": .string("k"), "public_key": .string(key)])]))
            #expect(dup.status == 409)
            #expect(dup.json["conflictingRequest"] != nil)
            #expect(try await client.request("GET", "/compute/v2.1/os-keypairs/none").status == 404)
            let bad = try await client.request("POST", "/compute/v2.1/os-keypairs", json: .object(["keypair": .object(["name": .string("b"), "public_key": .string("garbage")])]))
            #expect(bad.status == 400)
        }
    }

    @Test("volumes go creating -> available -> in-use and back on detach")
    func volumes() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let project = sim.credentials.projectID
            let net = try await client.makeNetwork()
            let server = try await client.createServer("vm", network: net).json["server"]?["id"]?.stringValue ?? ""
            let vol = try await client.request("POST", "/volume/v3/\(project)/volumes", json: .object(["volume": .object(["size": .number(1), "name": .string("data")])]))
            #expect(vol.status == 202)
            #expect(vol.json["volume"]?["status"]?.stringValue == "creating")
            let vid = vol.json["volume"]?["id"]?.stringValue ?? ""
            #expect(try await client.waitFor("/volume/v3/\(project)/volumes/\(vid)") { $0["volume"]?["status"]?.stringValue == "available" } != nil)
            _ = try await client.waitFor("/compute/v2.1/servers/\(server)") { $0["server"]?["status"]?.stringValue == "ACTIVE" }
            let att = try await client.request("POST", "/compute/v2.1/servers/\(server)/os-volume_attachments",
                                               json: .object(["volumeAttachment": .object(["volumeId": .string(vid)])]))
            #expect(att.json["volumeAttachment"]?["device"]?.stringValue == "/dev/vdb")
            let inUse = try await client.request("GET", "/volume/v3/\(project)/volumes/\(vid)")
            #expect(inUse.json["volume"]?["status"]?.stringValue == "in-use")
            #expect(inUse.json["volume"]?["attachments"]?.arrayValue?.first?["server_id"]?.stringValue == server)
            let busy = try await client.request("DELETE", "/volume/v3/\(project)/volumes/\(vid)")
            #expect(busy.status == 400)
            #expect(try await client.request("DELETE", "/compute/v2.1/servers/\(server)/os-volume_attachments/\(vid)").status == 202)
            #expect(try await client.request("DELETE", "/volume/v3/\(project)/volumes/\(vid)").status == 202)
            #expect(try await client.request("GET", "/volume/v3/\(project)/volumes/\(vid)").status == 404)
        }
    }
}

