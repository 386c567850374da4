import Foundation
import Testing
@testable import HCL

/// A deterministic generator so a failing mutation can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Randomized mutation testing of the lexer and parser: valid files are damaged
/// (byte flips, truncation, inserted tokens, duplicated spans) and each result must
/// lex losslessly and parse without a crash, with every diagnostic inside the file.
@Suite struct FuzzParserTests {
    static let corpusDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/parser/corpus")

    static func corpus() -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusDir.path)) ?? []
        var files = names.filter { $0.hasSuffix(".tf") }.sorted().compactMap {
            try? [UInt8](Data(contentsOf: corpusDir.appendingPathComponent($0)))
        }
        // The error fixtures are small, varied seeds too.
        let errDir = corpusDir.deletingLastPathComponent().appendingPathComponent("errors")
        let errNames = (try? FileManager.default.contentsOfDirectory(atPath: errDir.path)) ?? []
        files += errNames.filter { $0.hasSuffix(".tf") }.sorted().compactMap {
            try? [UInt8](Data(contentsOf: errDir.appendingPathComponent($0)))
        }
        return files
    }

    static let fragments: [String] = [
        "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "~}", "}", "<<EOT\n", "<<-EOT\n", "\nEOT\n", "EOT",
        "\n", "\r\n", "#", "//", "/*", "*/", ".", ".*", "[*]", "...", "::", "=>", "?", ":", "=", "==", ",",
        "for", "in", "if", "endif", "else", "endfor", "\\", "\\u", "$$", "%%", "-", "!", "&&", "0.1.2", "1e",
        "\u{0}", "\t", "é", "\u{201C}", "'", "`", ";", "\u{FEFF}",
    ]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds {
            let n = b.count
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where n > 0: // flip a byte
                let i = Int.random(in: 0..<n, using: &rng)
                b[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1 where n > 0: // truncate
                b = Array(b[0..<Int.random(in: 0..<n, using: &rng)])
            case 2: // insert a token-ish fragment
                let i = Int.random(in: 0...n, using: &rng)
                let frag = Array(fragments[Int.random(in: 0..<fragments.count, using: &rng)].utf8)
                b.insert(contentsOf: frag, at: i)
            case 3 where n > 1: // duplicate a span
                let s = Int.random(in: 0..<n, using: &rng)
                let e = min(n, s + Int.random(in: 1...64, using: &rng))
                let at = Int.random(in: 0...n, using: &rng)
                b.insert(contentsOf: Array(b[s..<e]), at: at)
            case 4 where n > 1: // delete a span
                let s = Int.random(in: 0..<n, using: &rng)
                let e = min(n, s + Int.random(in: 1...16, using: &rng))
                b.removeSubrange(s..<e)
            default: // random byte
                let i = Int.random(in: 0...n, using: &rng)
                b.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            }
        }
        return b
    }

    static func rangeProblems(_ r: SourceRange?, _ size: Int) -> String? {
        guard let r else { return nil }
        if r.start.byte < 0 || r.end.byte > size || r.start.byte > r.end.byte { return "bytes \(r.start.byte)..<\(r.end.byte) of \(size)" }
        if r.start.line < 1 || r.start.column < 1 || r.end.line < r.start.line { return "lines \(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)" }
        return nil
    }

    @Test func corpusParsesCleanly() {
        let dir = Self.corpusDir
        for name in ["network.tf", "templates.tf"] {
            guard let src = try? [UInt8](Data(contentsOf: dir.appendingPathComponent(name))) else {
                Issue.record("missing corpus file \(name)")
                continue
            }
            let (_, diags) = Parser.parseFile(src, filename: name)
            #expect(diags.isEmpty, "\(name): \(diags.items.map(\.summary))")
        }
    }

    @Test func mutatedInputsNeverCrashAndStayInBounds() {
        let seeds = Self.corpus()
        #expect(seeds.count > 10)
        var rng = SplitMix64(seed: 0x7E77A5)
        let deadline = Date().addingTimeInterval(20)
        var runs = 0
        var failures: [String] = []
        while runs < 20_000 && Date() < deadline && failures.count < 5 {
            let seed = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            let input = Self.mutate(seed, &rng)
            runs += 1

            let tokens = Lexer.scan(input, filename: "fuzz.tf")
            if String(validating: input, as: UTF8.self) != nil {
                // Token texts are exact for valid UTF-8, so the stream must rebuild the input.
                if reassemble(tokens, input) != input { failures.append("run \(runs): lexer not lossless") }
            }
            for t in tokens {
                if let p = Self.rangeProblems(t.range, input.count) { failures.append("run \(runs): token \(t.kind) \(p)") }
            }
            let (_, diags) = Parser.parseFile(input, filename: "fuzz.tf")
            let (_, exprDiags) = Parser.parseExpression(input, filename: "fuzz.tf")
            let (_, tmplDiags) = Parser.parseTemplate(input, filename: "fuzz.tf")
            for d in diags.items + exprDiags.items + tmplDiags.items {
                if let p = Self.rangeProblems(d.subject, input.count) ?? Self.rangeProblems(d.context, input.count) {
                    failures.append("run \(runs): \(d.summary) \(p) input=\(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
                }
            }
        }
        print("fuzz: \(runs) mutated inputs")
        #expect(runs > 100)
        #expect(failures.isEmpty, "\(failures)")
    }
}
