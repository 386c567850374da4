import Config
import Engine
import Foundation
import JSON
import Testing
@testable import CLI

/// The periodic "still working" lines of long operations: terraform prints
/// `ADDR: Still creating... [10s elapsed]` every 10 seconds and logs
/// `apply_progress` in the JSON stream (views/hook_ui.go, views/json/hook.go).
/// The interval is shortened here so the ticks come in test time.
@Suite("Progress heartbeat")
struct ProgressHeartbeatTests {
    final class Lines: @unchecked Sendable {
        private var text = ""
        private let lock = NSLock()
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
        var all: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    static func context(_ lines: Lines) -> CommandContext {
        CommandContext(workingDirectory: "/tmp", environment: [:], out: { lines.append($0) }, err: { lines.append($0) }, readLine: { nil })
    }

    static let address: AbsResourceInstance = {
        guard case .instance(let i)? = AddressParser.parseTarget("terraform_data.slow[0]").0 else {
            return AddressParser.parseAbsResourceInstance("terraform_data.slow").0!
        }
        return i
    }()

    @Test func goDurationText() {
        #expect(ProgressHeartbeat.goDuration(0) == "0s")
        #expect(ProgressHeartbeat.goDuration(10) == "10s")
        #expect(ProgressHeartbeat.goDuration(60) == "1m0s")
        #expect(ProgressHeartbeat.goDuration(3725) == "1h2m5s")
    }

    @Test func jsonStreamLogsApplyProgressWhileApplying() throws {
        let lines = Lines()
        let ui = JSONUIStream(Self.context(lines), progressInterval: 0.2)
        ui.applyStarting(Self.address, action: .create, id: nil)
        Thread.sleep(forTimeInterval: 0.5)
        ui.applyFinished(Self.address, action: .create, id: "x", seconds: 0)
        Thread.sleep(forTimeInterval: 0.4)
        let parsed = try lines.all.split(separator: "\n").map { try JSON.parse(Array($0.utf8)) }
        let types = parsed.compactMap { $0["type"]?.stringValue }
        #expect(types.first == "apply_start" && types.last == "apply_complete", "\(types)")
        let progress = parsed.filter { $0["type"]?.stringValue == "apply_progress" }
        #expect(progress.count >= 1 && progress.count <= 3, "\(types)")
        // Nothing ticks once the object is done.
        #expect(types.lastIndex(of: "apply_progress").map { $0 < types.count - 1 } ?? false)
        let first = try #require(progress.first)
        let hook = try #require(first["hook"])
        #expect(hook["resource"]?["addr"]?.stringValue == "terraform_data.slow[0]")
        #expect(hook["action"]?.stringValue == "create")
        let elapsed = try #require(hook["elapsed_seconds"]?.intValue)
        #expect(first["@message"]?.stringValue == "terraform_data.slow[0]: Still creating... [\(elapsed)s elapsed]")
        #expect(first["@level"]?.stringValue == "info")
        // hook members in terraform's order: resource, action, elapsed_seconds.
        #expect(hook.objectValue?.map(\.key) == ["resource", "action", "elapsed_seconds"])
    }

    @Test func humanProgressSaysStillModifyingWithTheID() {
        let lines = Lines()
        let progress = OperationProgress(Self.context(lines), color: false, progressInterval: 0.2)
        progress.applyStarting(Self.address, action: .update, id: "abc")
        Thread.sleep(forTimeInterval: 0.5)
        progress.applyFinished(Self.address, action: .update, id: "abc", seconds: 0)
        Thread.sleep(forTimeInterval: 0.4)
        let text = lines.all.split(separator: "\n").map(String.init)
        #expect(text.first == "terraform_data.slow[0]: Modifying... [id=abc]")
        #expect(text.last == "terraform_data.slow[0]: Modifications complete after 0s [id=abc]")
        let still = text.filter { $0.contains("Still") }
        #expect(!still.isEmpty, "\(text)")
        for line in still {
            #expect(line.hasPrefix("terraform_data.slow[0]: Still modifying... [id=abc, ") && line.hasSuffix("s elapsed]"), "\(line)")
        }
    }
}
