import CLI
import Foundation

/// Runs terraswift in-process and terraform (the oracle) as a process, in
/// scratch directories, and normalises what differs by nature (ids, the order
/// of progress lines terraform prints from parallel workers).
struct RunResult: Equatable, CustomStringConvertible {
    var code: Int32
    var out: String
    var err: String

    var description: String { "exit \(code)\n--- stdout\n\(out)--- stderr\n\(err)" }
}

enum Tools {
    static let terraformPath = "/usr/local/bin/terraform"
    static var terraformAvailable: Bool { FileManager.default.isExecutableFile(atPath: terraformPath) }

    final class Buffer: @unchecked Sendable {
        var text = ""
        let lock = NSLock()
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    }

    static func terraswift(_ args: [String], in dir: String, env: [String: String] = [:], input: [String] = []) -> RunResult {
        let out = Buffer(), err = Buffer()
        var lines = input
        let code = Terraswift.run(programName: "terraform", arguments: args, environment: env, workingDirectory: dir,
                                  io: Terraswift.IO(out: { out.append($0) }, err: { err.append($0) },
                                                    readLine: { lines.isEmpty ? nil : lines.removeFirst() }))
        return RunResult(code: code, out: out.text, err: err.text)
    }

    static func terraform(_ args: [String], in dir: String, env: [String: String] = [:]) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: terraformPath)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        environment["TF_IN_AUTOMATION"] = nil
        environment["CHECKPOINT_DISABLE"] = "1"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return RunResult(code: -1, out: "", err: "\(error)") }
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(code: p.terminationStatus, out: String(decoding: od, as: UTF8.self), err: String(decoding: ed, as: UTF8.self))
    }

    static func tempDirectory(_ label: String) -> String {
        let dir = NSTemporaryDirectory() + "engine-\(label)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ files: [String: String], in dir: String) {
        for (name, text) in files {
            let path = dir + "/" + name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// What two runs are compared on.
enum Normalise {
    /// go-uuid ids become `<id>`.
    static func ids(_ s: String) -> String {
        let pattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        guard let re = try? NSRegularExpression(pattern: pattern),
              let deposed = try? NSRegularExpression(pattern: "deposed object [0-9a-f]{8}") else { return s }
        let t = re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "<id>")
        return deposed.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "deposed object <key>")
    }

    static let progressMarkers = [": Refreshing state...", ": Creating...", ": Creation complete", ": Modifying...",
                                  ": Modifications complete", ": Destroying...", ": Destruction complete", ": Still ",
                                  ": Reading...", ": Read complete after", ": Preparing import...", ": Importing...", ": Import complete"]

    static func isProgress(_ line: Substring) -> Bool {
        progressMarkers.contains { line.contains($0) }
    }

    /// The output without progress lines (ids normalised), and the progress lines sorted.
    static func split(_ text: String) -> (body: String, progress: [String]) {
        var body: [Substring] = []
        var progress: [String] = []
        for line in ids(text).split(separator: "\n", omittingEmptySubsequences: false) {
            if isProgress(line) { progress.append(elapsed(String(line))) } else { body.append(line) }
        }
        return (body.joined(separator: "\n"), progress.sorted())
    }

    /// Elapsed times in progress lines ("after 1s", "[10s elapsed]") depend on the machine's load.
    static func elapsed(_ line: String) -> String {
        guard let re = try? NSRegularExpression(pattern: "(after |\\[)([0-9]+m)?[0-9]+s( elapsed\\])?") else { return line }
        return re.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "$1<t>$3")
    }

    static func summaryLine(_ text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("Plan: ") || $0.hasPrefix("Apply complete!") || $0.hasPrefix("Destroy complete!") }.map(String.init)
    }
}
