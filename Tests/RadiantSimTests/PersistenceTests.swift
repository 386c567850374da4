import Foundation
import HTTPClient
import JSON
import RadiantSim
import Testing

/// Where `swift build` put the executable, found from this file's path.
let simExecutable: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(".build/debug/radiant-sim").path
}()

@Suite("Persistence")
struct PersistenceTests {
    @Test("objects survive a restart on the same state dir, with the same credentials")
    func restart() async throws {
        let dir = temporaryStateDir()
        var options = SimOptions()
        options.stateDir = dir
        let first = try await RadiantSimulator.start(options: options)
        var client = SimTestClient(first)
        try await client.login()
        let net = try await client.request("POST", "/network/v2.0/networks", json: .object(["network": .object(["name": .string("kept")])]))
        let id = net.json["network"]?["id"]?.stringValue ?? ""
        let password = first.credentials.password
        await first.stop()

        let second = try await RadiantSimulator.start(options: options)
        #expect(second.credentials.password == password)
        var again = SimTestClient(second)
        try await again.login()
        let r = try await again.request("GET", "/network/v2.0/networks/\(id)")
        await second.stop()
        #expect(r.status == 200)
        #expect(r.json["network"]?["name"]?.stringValue == "kept")
        let clouds = try String(contentsOfFile: dir + "/clouds.yaml", encoding: .utf8)
        #expect(clouds.contains("auth_url: \(second.authURL)"))
        let env = try String(contentsOfFile: dir + "/env", encoding: .utf8)
        #expect(env.contains("export RANCHER_TOKEN_KEY=\(second.credentials.rancherToken)"))
        #expect(env.contains("export OS_AUTH_URL="))
    }

    @Test("kill -9 during a burst of writes leaves a state file that loads and is consistent",
          .enabled(if: FileManager.default.isExecutableFile(atPath: simExecutable), "needs .build/debug/radiant-sim (swift build)"))
    func killNine() async throws {
        let dir = temporaryStateDir()
        for round in 0..<3 {
            let (process, base) = try await offPool { try launchSimulator(dir: dir) }
            let env = try String(contentsOfFile: dir + "/env", encoding: .utf8)
            let password = env.split(separator: "\n").first { $0.hasPrefix("export OS_PASSWORD=") }.map { String($0.split(separator: "=", maxSplits: 1)[1]) } ?? ""
            let auth = try await SimTestClient.send(HTTPRequest(method: "POST", url: base + "/identity/v3/auth/tokens",
                headers: [("Content-Type", "application/json")], body: JSONWriter().bytes(SimTestClient.passwordAuth(user: "demo", password: password))))
            let token = auth.header("X-Subject-Token") ?? ""
            // Writers keep creating networks with subnets while the process is killed.
            let writers = Task.detached {
                await withTaskGroup(of: Void.self) { group in
                    for w in 0..<4 {
                        group.addTask {
                            for i in 0..<200 {
                                guard let net = try? await SimTestClient.send(HTTPRequest(method: "POST", url: base + "/network/v2.0/networks",
                                    headers: [("X-Auth-Token", token), ("Content-Type", "application/json")],
                                    body: Array("{\"network\":{\"name\":\"r\(round)-w\(w)-\(i)\"}}".utf8), timeout: 5)),
                                      let id = (try? JSON.parse(net.body))?["network"]?["id"]?.stringValue else { return }
                                _ = try? await SimTestClient.send(HTTPRequest(method: "POST", url: base + "/network/v2.0/subnets",
                                    headers: [("X-Auth-Token", token), ("Content-Type", "application/json")],
                                    body: Array("{\"subnet\":{\"network_id\":\"\(id)\",\"cidr\":\"10.1.\(i % 250).0/24\"}}".utf8), timeout: 5))
                            }
                        }
                    }
                }
            }
            try await Task.sleep(nanoseconds: 400_000_000)
            kill(process.processIdentifier, SIGKILL)
            try await offPool { process.waitUntilExit() }
            await writers.value

            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/state.json"))
            let state = try JSON.parse(Array(data))
            let networks = state["tables"]?["networks"]?.objectValue ?? []
            let subnets = state["tables"]?["subnets"]?.objectValue ?? []
            #expect(networks.count > 1, "round \(round): some writes landed before the kill")
            let networkIDs = Set(networks.map(\.key))
            for s in subnets {
                #expect(networkIDs.contains(s.value["network_id"]?.stringValue ?? ""), "subnet \(s.key) points at a stored network")
            }
            for n in networks {
                for sid in n.value["subnets"]?.arrayValue ?? [] {
                    #expect(subnets.contains { $0.key == sid.stringValue }, "network \(n.key) lists a stored subnet")
                }
            }
        }
        // And the simulator starts from what is left.
        let (process, base) = try await offPool { try launchSimulator(dir: dir) }
        let ping = try await SimTestClient.send(HTTPRequest(url: base + "/ping"))
        kill(process.processIdentifier, SIGTERM)
        try await offPool { process.waitUntilExit() }
        #expect(ping.bodyText == "pong")
    }

}

/// Starts the built executable on a free port and returns it with its base URL.
func launchSimulator(dir: String) throws -> (Process, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: simExecutable)
    p.arguments = ["serve", "--port", "0", "--state-dir", dir, "--no-request-log"]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    var text = ""
    let handle = out.fileHandleForReading
    while !text.contains("\n") {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        text += String(decoding: chunk, as: UTF8.self)
    }
    guard let line = text.split(separator: "\n").first, let url = line.split(separator: " ").last, url.hasPrefix("http") else {
        p.terminate()
        throw LaunchError(output: text)
    }
    return (p, String(url))
}

struct LaunchError: Error, CustomStringConvertible {
    var output: String
    var description: String { "radiant-sim did not print its address: \(output)" }
}
