import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Request log")
struct RequestLogTests {
    @Test("passwords, tokens and secrets never reach requests.log")
    func redaction() async throws {
        let dir = temporaryStateDir()
        try await withSimulator({ $0.stateDir = dir }) { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let c = sim.credentials
            let appcred = JSONValue.object(["auth": .object(["identity": .object([
                "methods": .array([.string("application_credential")]),
                "application_credential": .object(["id": .string(c.applicationCredentialID), "secret": .string(c.applicationCredentialSecret)])])])])
            _ = try await client.request("POST", "/identity/v3/auth/tokens", json: appcred)
            let net = try await client.makeNetwork()
            _ = try await client.createServer("logged", network: net, userData: "#!/bin/sh\necho s3cr3t-user-data\n")
            _ = try await SimTestClient.send(HTTPRequest(url: sim.baseURL + "/v3/clusters", headers: [("Authorization", "Bearer " + c.rancherToken)]))
            let log = try String(contentsOfFile: dir + "/requests.log", encoding: .utf8)
            #expect(log.contains("POST /identity/v3/auth/tokens 201"))
            #expect(log.contains("POST /compute/v2.1/servers 202"))
            #expect(!log.contains(c.password))
            #expect(!log.contains(c.applicationCredentialSecret))
            #expect(!log.contains(client.token ?? "no token"))
            #expect(!log.contains(String(c.rancherToken.split(separator: ":")[1])))
            #expect(!log.contains(Data("#!/bin/sh\necho s3cr3t-user-data\n".utf8).base64EncodedString()))
        }
    }
}
