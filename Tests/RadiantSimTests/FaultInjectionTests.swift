import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test("a 503 rule limited to one hit fails one request with Nova's body, then the next succeeds")
    func serviceUnavailableOnce() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            #expect(sim.setFaults(.object(["rules": .array([.object(["service": .string("compute"), "method": .string("GET"),
                                                                      "status": .number(503), "count": .number(1)])])])) == nil)
            let failed = try await client.request("GET", "/compute/v2.1/flavors")
            #expect(failed.status == 503)
            #expect(failed.json["computeFault"]?["code"]?.intValue == 503)
            #expect(try await client.request("GET", "/compute/v2.1/flavors").status == 200)
            // Other services and methods are untouched.
            #expect(try await client.request("GET", "/network/v2.0/networks").status == 200)
        }
    }

    @Test("429 carries Retry-After; per-method rules leave other methods alone")
    func rateLimited() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            let plan = JSONValue.object(["rules": .array([.object(["service": .string("network"), "method": .string("POST"),
                                                                   "status": .number(429), "retry_after": .number(7)])])])
            let set = try await client.request("PUT", "/_sim/faults", json: plan)
            #expect(set.status == 200)
            let limited = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("x")])]))
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "7")
            #expect(limited.json["NeutronError"] != nil)
            #expect(try await client.request("GET", "/network/v2.0/networks").status == 200)
            #expect(try await client.request("DELETE", "/_sim/faults").status == 204)
            #expect(try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("x")])])).status == 201)
        }
    }

    @Test("latency delays matching requests")
    func latency() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            // Margins wide enough for a loaded CI machine.
            _ = sim.setFaults(.object(["rules": .array([.object(["service": .string("image"), "latency_ms": .number(4000)])])]))
            let start = Date()
            #expect(try await client.request("GET", "/image/v2/images").status == 200)
            #expect(Date().timeIntervalSince(start) >= 4.0)
            let fast = Date()
            #expect(try await client.request("GET", "/network/v2.0/networks").status == 200)
            #expect(Date().timeIntervalSince(fast) < 3.5)
        }
    }

    @Test("a dropped connection reaches the client as a transport error, not a response")
    func droppedConnection() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            _ = sim.setFaults(.object(["rules": .array([.object(["service": .string("compute"), "path": .string("/servers"),
                                                                 "drop": .bool(true), "count": .number(1)])])]))
            await #expect(throws: HTTPError.self) {
                _ = try await client.request("GET", "/compute/v2.1/servers")
            }
            #expect(try await client.request("GET", "/compute/v2.1/servers").status == 200)
        }
    }

    @Test("servers named in error_server_names go to ERROR with a fault; slow BUILD is configurable")
    func errorServersAndSlowBuild() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            _ = sim.setFaults(.object(["error_server_names": .array([.string("doomed")]), "build_delay": .number("6.0")]))
            let net = try await client.makeNetwork()
            let doomed = try await client.createServer("doomed-1", network: net).json["server"]?["id"]?.stringValue ?? ""
            let fine = try await client.createServer("fine-1", network: net).json["server"]?["id"]?.stringValue ?? ""
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(try await client.request("GET", "/compute/v2.1/servers/\(fine)").json["server"]?["status"]?.stringValue == "BUILD")
            let error = try await client.waitFor("/compute/v2.1/servers/\(doomed)") { $0["server"]?["status"]?.stringValue != "BUILD" }
            #expect(error?["server"]?["status"]?.stringValue == "ERROR")
            #expect(error?["server"]?["fault"]?["code"]?.intValue == 500)
            let ok = try await client.waitFor("/compute/v2.1/servers/\(fine)") { $0["server"]?["status"]?.stringValue != "BUILD" }
            #expect(ok?["server"]?["status"]?.stringValue == "ACTIVE")
        }
    }

    @Test("token_ttl makes new tokens expire quickly")
    func expiringTokens() async throws {
        try await withSimulator { sim in
            // Generous margins: a loaded CI machine can take a second per request.
            _ = sim.setFaults(.object(["token_ttl": .number("3")]))
            var client = SimTestClient(sim)
            try await client.login()
            #expect(try await client.request("GET", "/compute/v2.1/flavors").status == 200)
            try await Task.sleep(nanoseconds: 3_500_000_000)
            #expect(try await client.request("GET", "/compute/v2.1/flavors").status == 401)
            try await client.login()
            #expect(try await client.request("GET", "/compute/v2.1/flavors").status == 200)
        }
    }

    @Test("a rate below 1 fails only some requests")
    func partialRate() async throws {
        try await withSimulator { sim in
            var client = SimTestClient(sim)
            try await client.login()
            _ = sim.setFaults(.object(["rules": .array([.object(["service": .string("network"), "status": .number(500), "rate": .number("0.5")])])]))
            var failures = 0
            for _ in 0..<60 {
                if try await client.request("GET", "/network/v2.0/networks").status == 500 { failures += 1 }
            }
            #expect(failures > 5 && failures < 55)
        }
    }
}
