import Foundation
import Testing
@testable import Values

/// Differential suite: each fixture holds terraform 1.11's console output for
/// an expression (captured by Tests/Fixtures/console/capture-core.py); the
/// same expression through `ConsoleSession` must print the same bytes.
/// Expressions listed in core-known-differences.txt are reported, not failed.
@Suite struct ConsoleCorpusTests {
    struct Case {
        var file: String
        var expression: String
        var stdout: String
        var stderr: String
    }

    static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/console")

    static func loadCases() -> [Case] {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: fixtureDirectory.path)) ?? [])
            .filter { $0.hasPrefix("core-") && $0.hasSuffix(".txt") && $0 != "core-known-differences.txt" }
            .sorted()
        var cases: [Case] = []
        for name in names {
            guard let text = try? String(contentsOf: fixtureDirectory.appendingPathComponent(name), encoding: .utf8) else { continue }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            var i = 0
            while i < lines.count {
                guard lines[i].hasPrefix("=== EXPR ") else { i += 1; continue }
                let expr = String(lines[i].dropFirst("=== EXPR ".count))
                i += 1
                guard i < lines.count, lines[i] == "--- stdout" else { continue }
                i += 1
                var out: [String] = []
                while i < lines.count, lines[i] != "--- stderr" { out.append(lines[i]); i += 1 }
                i += 1
                var err: [String] = []
                while i < lines.count, lines[i] != "=== END" { err.append(lines[i]); i += 1 }
                i += 1
                cases.append(Case(file: name, expression: expr,
                                  stdout: out.map { $0 + "\n" }.joined(),
                                  stderr: err.map { $0 + "\n" }.joined()))
            }
        }
        return cases
    }

    static func knownDifferences() -> Set<String> {
        let url = fixtureDirectory.appendingPathComponent("core-known-differences.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty })
    }

    @Test func corpusIsPresent() {
        #expect(Self.loadCases().count >= 600)
    }

    @Test func consoleMatchesTerraform() {
        let cases = Self.loadCases()
        let known = Self.knownDifferences()
        let session = ConsoleSession()
        var matched = 0
        var unexpected: [String] = []
        var nowMatching: [String] = []
        var report = ""
        for c in cases {
            let (out, err) = session.transcript(c.expression)
            let ok = out == c.stdout && err == c.stderr
            if ok {
                matched += 1
                if known.contains(c.expression) { nowMatching.append(c.expression) }
            } else {
                report += "--- \(c.file): \(c.expression)\n  want stdout: \(c.stdout.debugDescription)\n  got  stdout: \(out.debugDescription)\n  want stderr: \(c.stderr.debugDescription)\n  got  stderr: \(err.debugDescription)\n"
                if !known.contains(c.expression) {
                    unexpected.append(c.expression)
                } else if (c.stdout.isEmpty) != (out.isEmpty) {
                    // A known difference must still fail where terraform fails.
                    unexpected.append("error/success mismatch: " + c.expression)
                }
            }
        }
        print("console corpus: \(matched)/\(cases.count) match terraform byte for byte (\(known.count) listed as known differences)")
        if let path = ProcessInfo.processInfo.environment["CONSOLE_CORPUS_REPORT"] {
            try? report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(unexpected.isEmpty, "unexpected differences: \(unexpected)")
        if !nowMatching.isEmpty { print("now matching, remove from known differences: \(nowMatching)") }
    }
}
