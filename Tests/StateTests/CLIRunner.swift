import CLI
import Foundation

/// Runs terraswift in-process, or terraform as a process, and captures the result.
struct RunResult: Equatable {
    var code: Int32
    var out: String
    var err: String
}

enum CLIRunner {
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

    /// terraform itself (the oracle), run with no CLI config so it stays offline.
    static func terraform(_ args: [String], in dir: String, env: [String: String] = [:]) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Fixtures.terraformPath)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        do { try p.run() } catch { return RunResult(code: -1, out: "", err: "\(error)") }
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(code: p.terminationStatus, out: String(decoding: od, as: UTF8.self), err: String(decoding: ed, as: UTF8.self))
    }

    /// A scratch copy of the fixture state as `name` in a fresh directory.
    static func scratch(_ fixture: String = "full.tfstate", as name: String = "edit.tfstate") -> String {
        let dir = Fixtures.tempDirectory()
        try? FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: dir + "/" + name)
        return dir
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>"
    }
}

/// terraform writes `check_results` in map order, which varies from run to run;
/// states are compared with that array's entries sorted.
enum StateText {
    static func normalisedChecks(_ text: String) -> String {
        guard let start = text.range(of: "  \"check_results\": [\n") else { return text }
        let body = text[start.upperBound...]
        guard let end = body.range(of: "\n  ]\n}\n", options: .backwards) else { return text }
        let entries = body[..<end.lowerBound].components(separatedBy: "\n    },\n").map { $0.hasSuffix("\n    }") ? String($0.dropLast(6)) : $0 }
        return String(text[..<start.upperBound]) + entries.sorted().joined(separator: "|") + "]"
    }
}
