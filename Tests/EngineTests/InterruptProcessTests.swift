import Foundation
import JSON
import Testing

/// The built program handling Ctrl-C: SIGINT sent to a real `terraswift apply`
/// while it creates slow resources (random_password computes a bcrypt hash).
let terraswiftExecutable: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(".build/debug/terraswift").path
}()

private let haveExecutable: Bool = {
    let ok = FileManager.default.isExecutableFile(atPath: terraswiftExecutable)
    if !ok { print("InterruptProcessTests skipped: \(terraswiftExecutable) is missing (run swift build)") }
    return ok
}()

/// Collects a pipe's output on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                self.lock.lock()
                self.data.append(chunk)
                self.lock.unlock()
            }
            self.done.signal()
        }.start()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func waitForEnd() { done.wait() }
}

@Suite(.serialized) struct InterruptProcessTests {
    static let config = """
    resource "random_password" "p" {
      count  = 8
      length = 12
    }
    """

    struct Run {
        var status: Int32
        var out: String
        var err: String
        var dir: String
    }

    /// Starts `apply`, waits for the first completed creation, sends `signals` SIGINTs.
    func applyInterrupted(signals: Int) throws -> Run {
        let dir = Tools.tempDirectory("interrupt")
        Tools.write(["main.tf": Self.config], in: dir)
        let initRun = Process()
        initRun.executableURL = URL(fileURLWithPath: terraswiftExecutable)
        initRun.arguments = ["init", "-no-color"]
        initRun.currentDirectoryURL = URL(fileURLWithPath: dir)
        initRun.standardOutput = FileHandle.nullDevice
        initRun.standardError = FileHandle.nullDevice
        try initRun.run()
        initRun.waitUntilExit()

        let p = Process()
        p.executableURL = URL(fileURLWithPath: terraswiftExecutable)
        p.arguments = ["apply", "-auto-approve", "-no-color", "-parallelism=1"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        p.environment = env
        let outPipe = Pipe(), errPipe = Pipe()
        p.standardOutput = outPipe
        p.standardError = errPipe
        p.standardInput = FileHandle.nullDevice
        let out = PipeReader(outPipe.fileHandleForReading)
        let err = PipeReader(errPipe.fileHandleForReading)
        try p.run()
        // No timing assumption: wait (up to two minutes) until one object exists.
        let deadline = Date().addingTimeInterval(120)
        while !out.text.contains("Creation complete") && p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        for i in 0..<signals {
            // Apart enough not to be merged into one pending signal; each
            // creation takes far longer, so the first stop is still under way.
            if i > 0 { Thread.sleep(forTimeInterval: 0.3) }
            kill(p.processIdentifier, SIGINT)
        }
        p.waitUntilExit()
        out.waitForEnd()
        err.waitForEnd()
        return Run(status: p.terminationStatus, out: out.text, err: err.text, dir: dir)
    }

    /// The state file's instances, after checking it is v4 JSON.
    func stateInstances(_ dir: String) throws -> Int {
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/terraform.tfstate"))
        let doc = try JSON.parse([UInt8](bytes))
        #expect(doc["version"]?.intValue == 4)
        let resources = doc["resources"]?.arrayValue ?? []
        return resources.reduce(0) { $0 + ($1["instances"]?.arrayValue?.count ?? 0) }
    }

    @Test(.enabled(if: haveExecutable)) func oneInterruptStopsGracefully() throws {
        let run = try applyInterrupted(signals: 1)
        defer { try? FileManager.default.removeItem(atPath: run.dir) }
        #expect(run.status == 1, "\(run.err)")
        #expect(run.out.contains("\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...\n\nStopping operation...\n"))
        #expect(run.err.contains("Error: execution halted"))
        #expect(!run.out.contains("Apply complete!"))
        let created = run.out.components(separatedBy: "Creation complete").count - 1
        #expect(created >= 1 && created < 8)
        #expect(try stateInstances(run.dir) == created)
        #expect(!FileManager.default.fileExists(atPath: run.dir + "/.terraform.tfstate.lock.info"))
    }

    @Test(.enabled(if: haveExecutable)) func twoInterruptsExitAtOnce() throws {
        let run = try applyInterrupted(signals: 2)
        defer { try? FileManager.default.removeItem(atPath: run.dir) }
        #expect(run.status == 1)
        #expect(run.err.contains("\nTwo interrupts received. Exiting immediately. Note that data loss may have occurred.\n"))
        #expect(run.err.contains("Error: operation canceled"))
        let instances = try stateInstances(run.dir)
        #expect(instances >= 1 && instances < 8)
        #expect(!FileManager.default.fileExists(atPath: run.dir + "/.terraform.tfstate.lock.info"))
    }
}
