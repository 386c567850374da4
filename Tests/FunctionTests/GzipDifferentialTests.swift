import Foundation
import Testing
@testable import Values

private let terraformPath = "/usr/local/bin/terraform"
private let terraformPresent = FileManager.default.isExecutableFile(atPath: terraformPath)

/// `base64gzip` against terraform console: every GzipCorpus input is written
/// to a file, terraform evaluates one tuple of `base64gzip(file(...))` calls
/// (a non-interactive console prints only its last line's result), and each
/// element must equal what our console session prints for the same call.
@Suite(.enabled(if: terraformPresent, "terraform not installed: base64gzip differential skipped"))
struct GzipDifferentialTests {
    @Test func base64gzipMatchesTerraform() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for c in GzipCorpus.cases {
            try Data(c.text.utf8).write(to: dir.appendingPathComponent(c.name))
        }
        let calls = GzipCorpus.cases.map { "base64gzip(file(\"\($0.name)\"))" }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: terraformPath)
        p.arguments = ["console"]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        p.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = errors
        try p.run()
        input.fileHandleForWriting.write(Data(("[" + calls.joined(separator: ", ") + "]\n").utf8))
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stderrText = String(decoding: errData, as: UTF8.self)
        try #require(p.terminationStatus == 0, "terraform console failed: \(stderrText)")

        // The tuple prints as "[", one `  "…",` line per element, "]".
        let lines = String(decoding: outData, as: UTF8.self).split(separator: "\n").map(String.init)
        let values = lines.dropFirst().dropLast().map { line -> String in
            var s = line.trimmingCharacters(in: .whitespaces)
            if s.hasSuffix(",") { s.removeLast() }
            return s
        }
        try #require(values.count == calls.count, "unexpected terraform output: \(lines.prefix(3))")

        var scope = TerraformScope()
        scope.pathModule = dir.path
        scope.pathRoot = dir.path
        scope.pathCwd = dir.path
        let session = ConsoleSession(scope: scope)
        var matched = 0
        for (i, c) in GzipCorpus.cases.enumerated() {
            let ours = session.evaluate(calls[i]).output ?? "(error)"
            if ours == values[i] {
                matched += 1
            } else {
                Issue.record("\(c.name) (\(c.text.utf8.count) bytes): ours differs from terraform's\n  terraform: \(values[i].prefix(120))…\n  ours:      \(ours.prefix(120))…")
            }
            if GzipCorpus.storedCases.contains(c.name) {
                // Proves the case exercises the stored-block choice.
                #expect(firstBlockType(values[i]) == 0, "\(c.name): terraform no longer stores it")
            }
        }
        print("base64gzip differential: \(matched)/\(calls.count) inputs byte-identical to terraform")
    }

    /// BTYPE of the first deflate block in a console-printed base64gzip value.
    private func firstBlockType(_ printed: String) -> Int? {
        let b64 = printed.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard case .success(let bytes) = GoBase64.decode(b64), bytes.count > 10 else { return nil }
        return Int(bytes[10] >> 1) & 3
    }
}
