import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Web page")
struct WebPageTests {
    @Test("the page is served and its summary follows a server from BUILD to ACTIVE")
    func summary() async throws {
        try await withSimulator({ $0.buildDelay = 1.5 }) { sim in
            let page = try await SimTestClient.send(HTTPRequest(url: sim.baseURL + "/"))
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.bodyText.contains("/_sim/summary"))
            var client = SimTestClient(sim)
            try await client.login()
            let net = try await client.makeNetwork()
            _ = try await client.createServer("watched", network: net)
            let first = try await SimTestClient.send(HTTPRequest(url: sim.baseURL + "/_sim/summary")).json
            #expect(first["servers"]?.arrayValue?.first?["status"]?.stringValue == "BUILD")
            let later = try await client.waitFor("/_sim/summary") { $0["servers"]?.arrayValue?.first?["status"]?.stringValue == "ACTIVE" }
            #expect(later?["servers"]?.arrayValue?.first?["name"]?.stringValue == "watched")
            #expect(later?["networks"]?.arrayValue?.contains { $0["name"]?.stringValue == "net" } == true)
        }
    }
}
