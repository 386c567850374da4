import Testing
@testable import HCL

/// Mutated corpus files through the formatter: whatever the input, no trap,
/// and a file with errors comes back unchanged.
@Suite struct FormatterRobustnessTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let alphabet = Array("{}[]()\"$%~=:,.?!<>-+*/#\n\r\t \\${%{}EOT<<-abc0123\u{0}\u{FF}".utf8)

    @Test func mutatedInputsNeverTrap() {
        var rng = SplitMix(state: 20261127)
        let valid = Corpus.entries.filter { $0.exitCode == 0 && $0.path.hasPrefix("cases/") && !$0.name.contains("messy") }
        #expect(!valid.isEmpty)
        var rejected = 0, formatted = 0
        for round in 0..<600 {
            var bytes = Corpus.bytes(valid[round % valid.count].path)
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(bytes.count + 1)
                switch rng.below(3) {
                case 0: bytes.insert(Self.alphabet[rng.below(Self.alphabet.count)], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default:
                    if at < bytes.count { bytes[at] = Self.alphabet[rng.below(Self.alphabet.count)] }
                }
            }
            let (output, diags) = Formatter.format(bytes, filename: "m.tf")
            if diags.hasErrors {
                rejected += 1
                #expect(output == bytes)
            } else {
                formatted += 1
            }
            // The unchecked path must not trap either, even on invalid input.
            _ = Formatter.formatValid(bytes, filename: "m.tf")
        }
        print("fmt robustness: \(formatted) mutated inputs formatted, \(rejected) rejected")
        #expect(rejected > 0 && formatted > 0)
    }
}
