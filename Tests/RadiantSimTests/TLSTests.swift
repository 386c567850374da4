import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

/// `serve --tls`: a generated CA, a server certificate for the loopback names, and
/// client files that point at the CA. Checked with libcurl (through HTTPClient)
/// verifying the chain and the host name, as any OpenStack client would.
@Suite("TLS") struct TLSTests {
    func stateDir() -> String {
        let d = NSTemporaryDirectory() + "radiant-sim-tls-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    func start(_ dir: String) async throws -> RadiantSimulator {
        var options = SimOptions()
        options.stateDir = dir
        options.tls = true
        return try await RadiantSimulator.start(options: options)
    }

    func get(_ url: String, ca: String?) async throws -> HTTPResponse {
        var request = HTTPRequest(method: "GET", url: url, timeout: 30)
        request.tls.caFile = ca
        return try await SimTestClient.send(request)
    }

    @Test func clientsVerifyingAgainstTheGeneratedCAConnect() async throws {
        let dir = stateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sim = try await start(dir)
        defer { Task { await sim.stop() } }
        let ca = try #require(sim.caCertificatePath)
        #expect(ca == dir + "/tls/ca.pem")
        #expect(sim.baseURL.hasPrefix("https://127.0.0.1:"))

        let r = try await get(sim.baseURL + "/identity/v3", ca: ca)
        #expect(r.status == 200)
        #expect(r.json["version"]?["id"]?.stringValue == "v3.14")

        // The certificate names localhost too (not only the IP address).
        let byName = try await get("https://localhost:\(sim.port)/identity/v3", ca: ca)
        #expect(byName.status == 200)

        // Without the CA the system trust store does not know it: verification fails.
        await #expect(throws: HTTPError.self) { _ = try await get(sim.baseURL + "/identity/v3", ca: nil) }

        // A token through TLS, end to end.
        var login = HTTPRequest(method: "POST", url: sim.authURL + "/auth/tokens",
                                headers: [("Content-Type", "application/json")],
                                body: JSONWriter().bytes(SimTestClient.passwordAuth(user: sim.credentials.username, password: sim.credentials.password)),
                                timeout: 30)
        login.tls.caFile = ca
        let tokenResponse = try await SimTestClient.send(login)
        #expect(tokenResponse.status == 201)
        #expect(tokenResponse.header("X-Subject-Token") != nil)
    }

    @Test func clientFilesNameTheCAAndKeysArePrivate() async throws {
        let dir = stateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sim = try await start(dir)
        defer { Task { await sim.stop() } }
        let ca = dir + "/tls/ca.pem"
        let clouds = try String(contentsOfFile: dir + "/clouds.yaml", encoding: .utf8)
        #expect(clouds.components(separatedBy: "    cacert: \(ca)\n").count == 3, "\(clouds)")
        #expect(clouds.contains("auth_url: https://127.0.0.1:\(sim.port)/identity/v3"))
        let env = try String(contentsOfFile: dir + "/env", encoding: .utf8)
        #expect(env.contains("export OS_CACERT=\(ca)\n"))
        #expect(env.contains("export OS_AUTH_URL=https://127.0.0.1:\(sim.port)/identity/v3\n"))
        for key in ["ca-key.pem", "server-key.pem"] {
            let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/tls/" + key)
            #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(key)")
        }
        let pem = try String(contentsOfFile: ca, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
    }

    @Test func restartKeepsTheCAAndIssuesANewServerCertificate() async throws {
        let dir = stateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try await start(dir)
        let ca1 = try String(contentsOfFile: dir + "/tls/ca.pem", encoding: .utf8)
        let server1 = try String(contentsOfFile: dir + "/tls/server.pem", encoding: .utf8)
        await first.stop()
        let second = try await start(dir)
        defer { Task { await second.stop() } }
        let ca2 = try String(contentsOfFile: dir + "/tls/ca.pem", encoding: .utf8)
        let server2 = try String(contentsOfFile: dir + "/tls/server.pem", encoding: .utf8)
        #expect(ca1 == ca2)
        #expect(server1 != server2)
        // A client holding the CA from the first run still verifies the second.
        let r = try await get(second.baseURL + "/identity/v3", ca: dir + "/tls/ca.pem")
        #expect(r.status == 200)
    }

    @Test func withoutTLSNothingChanges() async throws {
        let dir = stateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sim = try await RadiantSimulator.start(port: 0, stateDir: dir)
        defer { Task { await sim.stop() } }
        #expect(sim.caCertificatePath == nil)
        #expect(sim.baseURL.hasPrefix("http://"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/tls"))
        let clouds = try String(contentsOfFile: dir + "/clouds.yaml", encoding: .utf8)
        #expect(!clouds.contains("cacert"))
    }
}
