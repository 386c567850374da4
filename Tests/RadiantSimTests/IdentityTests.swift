import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Keystone")
struct IdentityTests {
    @Test("password auth returns X-Subject-Token and a catalog of every service")
    func passwordAuth() async throws {
        try await withSimulator { sim in
            let client = SimTestClient(sim)
            let c = sim.credentials
            let r = try await client.request("POST", "/identity/v3/auth/tokens", json: SimTestClient.passwordAuth(user: c.username, password: c.password))
            #expect(r.status == 201)
            #expect((r.header("X-Subject-Token") ?? "").count > 20)
            let types = r.json["token"]?["catalog"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(Set(types) == ["identity", "compute", "network", "image", "block-storage", "volumev3"])
            let endpoints = r.json["token"]?["catalog"]?.arrayValue?.first?["endpoints"]?.arrayValue ?? []
            #expect(endpoints.compactMap { $0["interface"]?.stringValue }.sorted() == ["internal", "public"])
            #expect(r.json["token"]?["project"]?["name"]?.stringValue == "demo")
        }
    }

    @Test("a wrong password is 401 with Keystone's error body")
    func wrongPassword() async throws {
        try await withSimulator { sim in
            let r = try await SimTestClient(sim).request("POST", "/identity/v3/auth/tokens", json: SimTestClient.passwordAuth(user: "demo", password: "nope"))
            #expect(r.status == 401)
            #expect(r.json["error"]?["code"]?.intValue == 401)
            #expect(r.json["error"]?["title"]?.stringValue == "Unauthorized")
            #expect(r.header("X-Subject-Token") == nil)
        }
    }

    @Test("application credentials authenticate without a scope and reject one")
    func applicationCredential() async throws {
        try await withSimulator { sim in
            let c = sim.credentials
            let client = SimTestClient(sim)
            let plain = JSONValue.object(["auth": .object(["identity": .object([
                "methods": .array([.string("application_credential")]),
                "application_credential": .object(["id": .string(c.applicationCredentialID), "secret": .string(c.applicationCredentialSecret)])])])])
            let ok = try await client.request("POST", "/identity/v3/auth/tokens", json: plain)
            #expect(ok.status == 201)
            #expect(ok.json["token"]?["project"]?["id"]?.stringValue == c.projectID)
            let badSecret = JSONValue.object(["auth": .object(["identity": .object([
                "methods": .array([.string("application_credential")]),
                "application_credential": .object(["id": .string(c.applicationCredentialID), "secret": .string("wrong")])])])])
            #expect(try await client.request("POST", "/identity/v3/auth/tokens", json: badSecret).status == 401)
            let scoped = JSONValue.object(["auth": .object([
                "identity": .object(["methods": .array([.string("application_credential")]),
                                     "application_credential": .object(["id": .string(c.applicationCredentialID), "secret": .string(c.applicationCredentialSecret)])]),
                "scope": .object(["project": .object(["id": .string(c.projectID)])]),
            ])])
            #expect(try await client.request("POST", "/identity/v3/auth/tokens", json: scoped).status == 401)
        }
    }

    @Test("tokens expire: an API call with an expired token is 401")
    func tokenExpiry() async throws {
        try await withSimulator({ $0.tokenTTL = 0.5 }) { sim in
            var client = SimTestClient(sim)
            try await client.login()
            #expect(try await client.request("GET", "/network/v2.0/networks").status == 200)
            try await Task.sleep(nanoseconds: 700_000_000)
            let r = try await client.request("GET", "/network/v2.0/networks")
            #expect(r.status == 401)
            #expect(r.json["error"]?["message"]?.stringValue == "The request you have made requires authentication.")
        }
    }

    @Test("GET /v3/auth/tokens validates a subject token; discovery documents are served")
    func validationAndDiscovery() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let token = client.token ?? ""
            let valid = try await client.request("GET", "/identity/v3/auth/tokens", headers: [("X-Subject-Token", token)])
            #expect(valid.status == 200)
            #expect(valid.json["token"]?["user"]?["name"]?.stringValue == "demo")
            let invalid = try await client.request("GET", "/identity/v3/auth/tokens", headers: [("X-Subject-Token", "bogus")])
            #expect(invalid.status == 404)
            let v3 = try await client.request("GET", "/identity/v3")
            #expect(v3.json["version"]?["id"]?.stringValue == "v3.14")
            let root = try await client.request("GET", "/identity")
            #expect(root.status == 300)
            let compute = try await client.request("GET", "/compute/v2.1")
            #expect(compute.json["version"]?["min_version"]?.stringValue == "2.1")
        }
    }
}
