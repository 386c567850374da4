import Foundation
import JSON
import Testing
@testable import HCL

@Suite struct DiagnosticRendererTests {
    static let source = """
    variable "x" {
      type = string
      bogus = 1
    }

    resource "terraform_data" "y" {
      input = "abc"
    }

    """

    static func sources() -> SourceFiles {
        var files = SourceFiles()
        let bytes = Array(source.utf8)
        files["main.tf"] = .init(bytes: bytes, topLevelBlocks: [(0..<45, "variable \"x\""), (46..<95, "resource \"terraform_data\" \"y\"")])
        return files
    }

    static func range(_ l1: Int, _ c1: Int, _ b1: Int, _ l2: Int, _ c2: Int, _ b2: Int) -> SourceRange {
        SourceRange(filename: "main.tf", start: SourcePos(line: l1, column: c1, byte: b1), end: SourcePos(line: l2, column: c2, byte: b2))
    }

    @Test func plainFormMatchesTerraformLayout() {
        let d = Diagnostic(.error, summary: "Unsupported argument", detail: "An argument named \"bogus\" is not expected here.",
                           subject: Self.range(3, 3, 33, 3, 8, 38))
        let text = DiagnosticRenderer(sources: Self.sources(), color: false).render(d)
        #expect(text == """

        Error: Unsupported argument

          on main.tf line 3, in variable "x":
           3:   bogus = 1

        An argument named "bogus" is not expected here.

        """)
    }

    @Test func boxedFormHasRulesAndColour() {
        let d = Diagnostic(.warning, summary: "W", detail: "d", subject: Self.range(7, 3, 80, 7, 8, 85))
        let text = DiagnosticRenderer(sources: Self.sources(), color: true).render(d)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "\u{1B}[33m╷\u{1B}[0m\u{1B}[0m")
        #expect(text.contains("in resource \"terraform_data\" \"y\":"))
        #expect(text.contains("\u{1B}[4minput\u{1B}[0m"))
        #expect(lines.dropLast().last == "\u{1B}[33m╵\u{1B}[0m\u{1B}[0m")
        #expect(lines[1] == "\u{1B}[33m│\u{1B}[0m \u{1B}[0m\u{1B}[1m\u{1B}[33mWarning: \u{1B}[0m\u{1B}[0m\u{1B}[1mW\u{1B}[0m")
    }

    @Test func emptyRangesAreWidenedAndMissingSourcesSaidSo() throws {
        let d = Diagnostic(.error, summary: "S", subject: Self.range(2, 3, 17, 2, 3, 17))
        let json = DiagnosticRenderer(sources: Self.sources(), color: false).json(d)
        #expect(json["range"]?["end"]?["byte"]?.intValue == 18)
        #expect(json["snippet"]?["highlight_end_offset"]?.intValue == 3)
        let missing = Diagnostic(.error, summary: "S", subject: SourceRange(filename: "other.tf", start: .start, end: .start))
        #expect(DiagnosticRenderer(sources: Self.sources(), color: false).render(missing).contains("(source code not available)"))
    }

    @Test func wordWrapBreaksOnlyAtSpaces() {
        let text = "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax."
        #expect(DiagnosticRenderer.wordWrap(text, limit: 77) == """
        Quoted strings may not be split over multiple lines. To produce a multi-line
        string, either use the \\n escape to represent a newline character or use the
        "heredoc" multi-line template syntax.
        """)
        #expect(DiagnosticRenderer.wordWrap(String(repeating: "x", count: 100), limit: 10) == String(repeating: "x", count: 100))
    }
}

/// Renders the diagnostics terraform reports for broken files (taken from its
/// `validate -json`) and compares with its `-no-color` text, byte for byte.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/local/bin/terraform"), "terraform not installed: renderer differential skipped"))
struct DiagnosticRendererDifferentialTests {
    static let cases: [String] = [
        "variable \"x\" {\n  type = string\n  default = 5\n  bogus = 1\n}\n",
        "resource \"terraform_data\" \"x\" {\n  input = 1 +\n}\n\nlocals {\n  a = \"${\"\n  b = [1,,2]\n}\n",
        "locals {\n  a = \"this is a long line that goes on\" \n  b = \n}\n",
        "output \"o\" {\n  value = 1\n  sensitive = \"maybe\"\n  extra {\n  }\n}\n",
    ]

    func run(_ args: [String], in dir: String) -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/local/bin/terraform")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        try? p.run()
        let od = o.fileHandleForReading.readDataToEndOfFile(), ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: od, as: UTF8.self), String(decoding: ed, as: UTF8.self))
    }

    @Test(arguments: 0..<cases.count)
    func plainTextMatchesTerraform(_ index: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diag-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let src = Self.cases[index]
        try src.write(toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
        let (_, jsonOut, _) = run(["validate", "-json"], in: dir)
        let (_, _, textErr) = run(["validate", "-no-color"], in: dir)
        let doc = try JSON.parse(jsonOut)
        var files = SourceFiles()
        // Top-level block headers as terraform's snippets name them.
        var blocks: [(range: Range<Int>, header: String)] = []
        for d in doc["diagnostics"]?.arrayValue ?? [] {
            if let ctx = d["snippet"]?["context"]?.stringValue, let b = d["range"]?["start"]?["byte"]?.intValue {
                blocks.append((max(0, b - 1)..<(b), ctx))
            }
        }
        files["main.tf"] = .init(bytes: Array(src.utf8), topLevelBlocks: blocks)
        let renderer = DiagnosticRenderer(sources: files, color: false)
        var rendered: [String] = []
        var skipped = 0
        for d in doc["diagnostics"]?.arrayValue ?? [] {
            func pos(_ p: JSONValue?) -> SourcePos {
                SourcePos(line: p?["line"]?.intValue ?? 0, column: p?["column"]?.intValue ?? 0, byte: p?["byte"]?.intValue ?? 0)
            }
            let subject = d["range"].map { SourceRange(filename: $0["filename"]?.stringValue ?? "", start: pos($0["start"]), end: pos($0["end"])) }
            let diag = Diagnostic(d["severity"]?.stringValue == "warning" ? .warning : .error,
                                  summary: d["summary"]?.stringValue ?? "", detail: d["detail"]?.stringValue ?? "", subject: subject)
            // Only snippets that span exactly the subject's lines are reproducible without the parser's context ranges.
            let snippet = try #require(renderer.snippet(for: diag))
            guard snippet.code == d["snippet"]?["code"]?.stringValue else {
                skipped += 1
                continue
            }
            #expect(snippet.startLine == d["snippet"]?["start_line"]?.intValue)
            #expect(snippet.highlightStart == d["snippet"]?["highlight_start_offset"]?.intValue)
            #expect(snippet.highlightEnd == d["snippet"]?["highlight_end_offset"]?.intValue)
            rendered.append(renderer.render(diag))
        }
        // terraform does not print diagnostics in the same order in both forms,
        // so compare each rendered diagnostic with one of terraform's blocks.
        var blocksText = textErr
        for r in rendered {
            #expect(blocksText.contains(r), "not in terraform's output: \(r)")
            if let range = blocksText.range(of: r) { blocksText.removeSubrange(range) }
        }
        if skipped == 0 { #expect(blocksText.isEmpty, "terraform printed more: \(blocksText)") }
    }
}
