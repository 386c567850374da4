import Foundation
import Testing
@testable import HCL

/// The corpus in Tests/Fixtures/fmt: inputs in cases/ and broken/, terraform's
/// results in expected/ and expected.tsv (recorded by tools/capture.sh), so
/// these tests run without terraform.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/fmt")

    struct Entry: Sendable, CustomStringConvertible {
        var path: String      // e.g. "cases/foo.tf"
        var exitCode: Int
        var diagnosticLines: [String]   // "file:line" as terraform reported them
        var name: String { (path as NSString).lastPathComponent }
        var description: String { path }
    }

    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("expected.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2, let rc = Int(cols[1]) else { return nil }
            let lines = cols.count > 2 ? cols[2].split(separator: " ").map(String.init) : []
            return Entry(path: cols[0], exitCode: rc, diagnosticLines: lines)
        }
    }()

    static func bytes(_ relative: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: root.appendingPathComponent(relative)))) ?? []
    }
}

@Suite struct FormatterFixtureTests {
    @Test func corpusIsPresent() {
        #expect(Corpus.entries.count >= 400)
        #expect(Corpus.entries.filter { $0.exitCode == 0 }.count >= 400)
    }

    @Test func matchesTerraformOnCorpus() {
        var failures: [String] = []
        var passed = 0
        for entry in Corpus.entries where entry.exitCode == 0 {
            let input = Corpus.bytes(entry.path)
            let expected = Corpus.bytes("expected/" + entry.name)
            let (output, diags) = Formatter.format(input, filename: entry.name)
            if output == expected && !diags.hasErrors {
                passed += 1
            } else {
                failures.append(entry.path)
            }
        }
        if !failures.isEmpty {
            print("fmt corpus: \(passed) passed, \(failures.count) failed: \(failures.prefix(40).joined(separator: " "))")
        } else {
            print("fmt corpus: all \(passed) cases match terraform")
        }
        #expect(failures.isEmpty)
    }

    /// Formatting terraform's output again gives what terraform gives on a
    /// second pass (the same bytes, except where terraform is not idempotent).
    @Test func secondPassMatchesTerraform() {
        var failures: [String] = []
        for entry in Corpus.entries where entry.exitCode == 0 {
            let expected = Corpus.bytes("expected/" + entry.name)
            let second = Corpus.bytes("second_pass/" + entry.name)
            let (again, _) = Formatter.format(expected, filename: entry.name)
            if again != (second.isEmpty ? expected : second) { failures.append(entry.path) }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}

@Suite struct FormatterBrokenInputTests {
    /// Every file terraform refuses is refused too, unchanged, with the first
    /// diagnostic on the line terraform names.
    @Test func rejectsWhatTerraformRejects() {
        var mismatches: [String] = []
        for entry in Corpus.entries where entry.exitCode != 0 {
            let input = Corpus.bytes(entry.path)
            let (output, diags) = Formatter.format(input, filename: entry.name)
            let lines = diags.items.filter { $0.severity == .error }.compactMap { d in d.subject.map { "\($0.filename):\($0.start.line)" } }
            let firstOK = entry.diagnosticLines.first.map { lines.first == $0 } ?? true
            if !diags.hasErrors || output != input || !firstOK {
                mismatches.append("\(entry.path) terraform=\(entry.diagnosticLines) ours=\(lines)")
            }
        }
        let checked = Corpus.entries.filter { $0.exitCode != 0 }.count
        print("fmt broken inputs: \(checked - mismatches.count) of \(checked) rejected like terraform")
        #expect(checked >= 20)
        for m in mismatches { print("broken-input mismatch: \(m)") }
        #expect(mismatches.isEmpty)
    }
}
