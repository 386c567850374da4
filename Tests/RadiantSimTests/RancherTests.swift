import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Rancher")
struct RancherTests {
    func rancher(_ sim: RadiantSimulator, _ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> HTTPResponse {
        try await SimTestClient.send(HTTPRequest(method: method, url: sim.baseURL + path,
            headers: [("Authorization", "Bearer " + sim.credentials.rancherToken), ("Content-Type", "application/json")],
            body: body.map { JSONWriter().bytes($0) }))
    }

    @Test("an RKE1 custom cluster turns active when a server carrying its node command reaches ACTIVE, and back when it goes")
    func clusterFollowsServers() async throws {
        try await withSimulator { sim in
            let created = try await rancher(sim, "POST", "/v3/clusters", .object(["type": .string("cluster"), "name": .string("c1"),
                                                                                   "rancherKubernetesEngineConfig": .object([:])]))
            #expect(created.status == 201)
            let id = created.json["id"]?.stringValue ?? ""
            #expect(created.json["state"]?.stringValue == "provisioning")
            #expect(created.json["links"]?["self"]?.stringValue == sim.baseURL + "/v3/clusters/" + id)
            let token = try await rancher(sim, "GET", "/v3/clusterregistrationtokens/\(id):default-token")
            let command = token.json["nodeCommand"]?.stringValue ?? ""
            #expect(command.contains("--token"))
            var client = SimTestClient(sim)
            try await client.login()
            let net = try await client.makeNetwork()
            // A server whose user data does not carry the command does not register.
            _ = try await client.createServer("other", network: net, userData: "#!/bin/sh\ntrue\n")
            let server = try await client.createServer("node", network: net, userData: "#!/bin/sh\n\(command) --worker --etcd --controlplane\n")
            let serverID = server.json["server"]?["id"]?.stringValue ?? ""
            var active: JSONValue?
            for _ in 0..<100 {
                let c = try await rancher(sim, "GET", "/v3/clusters/\(id)")
                if c.json["state"]?.stringValue == "active" { active = c.json; break }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            #expect(active?["nodeCount"]?.intValue == 1)
            let updated = active?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Updated" }
            #expect(updated?["status"]?.stringValue == "True")
            _ = try await client.request("DELETE", "/compute/v2.1/servers/\(serverID)")
            try await Task.sleep(nanoseconds: 400_000_000)
            let after = try await rancher(sim, "GET", "/v3/clusters/\(id)")
            #expect(after.json["state"]?.stringValue == "provisioning")
            let del = try await rancher(sim, "DELETE", "/v3/clusters/\(id)")
            #expect(del.status == 200)
            #expect(try await rancher(sim, "GET", "/v3/clusters/\(id)").json["state"]?.stringValue == "removing")
        }
    }

    @Test("errors use Rancher's body; unauthenticated calls are 401; the proxy refuses a cluster without nodes")
    func errors() async throws {
        try await withSimulator { sim in
            let missing = try await rancher(sim, "GET", "/v3/clusters/c-zzzzz")
            #expect(missing.status == 404)
            #expect(missing.json == .object(["type": .string("error"), "status": .number(404), "code": .string("NotFound"),
                                             "message": .string("clusters.management.cattle.io \"c-zzzzz\" not found")]))
            let anon = try await SimTestClient.send(HTTPRequest(url: sim.baseURL + "/v3/clusters"))
            #expect(anon.status == 401)
            let noName = try await rancher(sim, "POST", "/v3/clusters", .object(["type": .string("cluster")]))
            #expect(noName.status == 422)
            let c = try await rancher(sim, "POST", "/v3/clusters", .object(["name": .string("empty")]))
            let id = c.json["id"]?.stringValue ?? ""
            let proxy = try await rancher(sim, "GET", "/k8s/clusters/\(id)/api")
            #expect(proxy.status == 503)
            #expect(proxy.json["kind"]?.stringValue == "Status")
        }
    }
}
