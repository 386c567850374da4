import Foundation
import JSON
import RadiantSim
import Testing

@Suite("Command line and start-up")
struct CommandLineTests {
    @Test("bad arguments exit 2 without starting anything", arguments: [
        ["frobnicate"], ["serve", "--port", "x"], ["serve", "--host", "0.0.0.0"], ["serve", "--cluster-nodes", "1"],
        ["serve", "--quota", "bogus=1"], ["serve", "--faults", "/nonexistent/plan.json"],
    ])
    func badArguments(_ args: [String]) async {
        #expect(await RadiantSimCommand.run(args) == 2)
    }

    @Test("a state file that does not parse stops start-up with an error instead of being replaced")
    func corruptState() async throws {
        let dir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("{\"tables\": [".utf8).write(to: URL(fileURLWithPath: dir + "/state.json"))
        await #expect(throws: (any Error).self) {
            let sim = try await RadiantSimulator.start(port: 0, stateDir: dir)
            await sim.stop()
        }
        let after = try String(contentsOfFile: dir + "/state.json", encoding: .utf8)
        #expect(after == "{\"tables\": [")
    }
}
