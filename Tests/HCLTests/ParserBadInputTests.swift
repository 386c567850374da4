import Foundation
import Testing
@testable import HCL

/// Hostile inputs: each must give a diagnostic (or parse), never a crash, stack overflow or hang.
@Suite struct ParserBadInputTests {
    static func nested(_ open: String, _ close: String, depth: Int, core: String = "1") -> String {
        String(repeating: open, count: depth) + core + String(repeating: close, count: depth)
    }

    /// Deeply nested sources of every recursive construct.
    static func deepSources(_ depth: Int) -> [(String, String)] {
        [
            ("tuple", "a = " + nested("[", "]", depth: depth) + "\n"),
            ("parens", "a = " + nested("(", ")", depth: depth) + "\n"),
            ("object", "a = " + nested("{a=", "}", depth: depth) + "\n"),
            ("call", "a = " + nested("f(", ")", depth: depth) + "\n"),
            ("unary", "a = " + String(repeating: "-", count: depth) + "1\n"),
            ("not", "a = " + String(repeating: "!", count: depth) + "true\n"),
            ("conditional", "a = " + String(repeating: "x ? 1 : ", count: depth) + "2\n"),
            ("interpolation", "a = " + nested("\"${", "}\"", depth: depth) + "\n"),
            ("template-if", "a = \"" + nested("%{if x}", "%{endif}", depth: depth, core: "y") + "\"\n"),
            ("template-for", "a = \"" + nested("%{for v in x}", "%{endfor}", depth: depth, core: "y") + "\"\n"),
            ("index", "a = x" + nested("[", "]", depth: depth, core: "0") + "\n"),
            ("for", "a = " + nested("[for v in x : ", "]", depth: depth, core: "v") + "\n"),
            ("blocks", nested("b {\n", "}\n", depth: depth, core: "a = 1\n")),
            ("heredoc", "a = " + String(repeating: "<<EOT\n${", count: depth) + "1" + String(repeating: "}\nEOT\n", count: depth)),
        ]
    }

    @Test func tenThousandDeepNestingGivesOneClearError() {
        for (name, src) in Self.deepSources(10_000) {
            let (_, diags) = Parser.parseFile(Array(src.utf8), filename: "deep.tf")
            let summaries = diags.items.map(\.summary)
            #expect(summaries.contains("Nesting too deep"), "\(name): \(summaries.prefix(3))")
        }
    }

    @Test func nestingJustBelowTheLimitParses() {
        // The deepest accepted input, parsed on Swift Testing's own (small-stack) thread.
        let depth = Parser.maximumNestingDepth - 2
        for (name, src) in Self.deepSources(depth) {
            let (_, diags) = Parser.parseFile(Array(src.utf8), filename: "deep.tf")
            #expect(!diags.items.contains { $0.summary == "Nesting too deep" }, "\(name)")
        }
    }

    @Test func limitIsSafeOnA512KBThread() {
        // Nesting right up to the limit, on a thread whose stack is as small as Swift's secondary threads'.
        let depth = Parser.maximumNestingDepth + 5
        let sources = Self.deepSources(depth).map(\.1)
        final class Box: @unchecked Sendable { var done = 0 }
        let box = Box()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            for src in sources {
                _ = Parser.parseFile(Array(src.utf8), filename: "deep.tf")
                box.done += 1
            }
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        finished.wait()
        #expect(box.done == sources.count)
    }

    @Test func tenMegabyteSingleLine() {
        var src = Array("a = \"".utf8)
        src.append(contentsOf: repeatElement(0x78, count: 10 * 1024 * 1024))
        src.append(contentsOf: Array("\"\nb = [".utf8))
        for _ in 0..<20_000 { src.append(contentsOf: Array("1,".utf8)) }
        src.append(contentsOf: Array("]\n".utf8))
        let (file, diags) = Parser.parseFile(src, filename: "big.tf")
        #expect(diags.isEmpty)
        #expect(file.body.attributes.count == 2)
        if case .tuple(let xs) = file.body.attributes[1].expression.kind {
            #expect(xs.count == 20_000)
        }
    }

    @Test func invalidUTF8AndNULs() {
        let (_, d1) = Parser.parseFile([0x61, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A], filename: "bin.tf")
        #expect(d1.items.first?.summary == "Invalid character encoding")
        let (_, d2) = Parser.parseFile(Array(repeating: 0, count: 1000), filename: "nul.tf")
        #expect(d2.items.first?.summary == "Invalid character")
        // Random binary: diagnostics only, all inside the file.
        var rng = SystemRandomNumberGenerator()
        let bin = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let (_, d3) = Parser.parseFile(bin, filename: "random.tf")
        #expect(d3.hasErrors)
        for d in d3.items {
            if let s = d.subject {
                #expect(s.start.byte >= 0 && s.end.byte <= bin.count && s.start.byte <= s.end.byte)
            }
        }
    }

    @Test func unclosedConstructsAtEndOfFile() {
        for src in ["a = [", "a = {", "a = (", "a = \"", "a = <<EOT\n", "a = \"${", "a = \"%{ if", "b {", "b \"", "a = f(", "a = x[", "a = [for", "a = 1 ?", "a = x.", "a = provider::", "/*", "a = \"\\"] {
            let (_, diags) = Parser.parseFile(Array(src.utf8), filename: "eof.tf")
            #expect(diags.hasErrors, "\(src)")
        }
    }
}
