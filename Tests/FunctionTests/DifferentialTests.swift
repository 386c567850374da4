import Foundation
import Testing
@testable import Values

/// Compares each recorded terraform console result with ours: stdout byte
/// for byte, stderr as text (colour codes and trailing blanks aside).
/// Deviations we know about are listed in `knownDeviations` with the reason;
/// any other mismatch fails, and so does a listed one that starts matching.
@Suite struct DifferentialTests {
    static let knownDeviations: [String: String] = [
        "jsondecode(\"{\\\"a\\\": 1, \\\"b\\\": {\\\"a\\\": 2, \\\"a\\\": [3]}, \\\"a\\\": \\\"x\\\"}\")": "not matched: cty gives a repeated key the type of its last value and then decodes every occurrence to that type, so an earlier value of another shape fails (\"missing expected [\"); json-c keeps only the last value, so ours decodes without error",
    ]

    static func check(_ family: String) throws {
        let cases = try CorpusHarness.load(family)
        #expect(!cases.isEmpty, "corpus for \(family) is missing")
        var matched = 0, known = 0
        var failures: [String] = []
        for c in cases {
            switch CorpusHarness.run(c) {
            case .match:
                matched += 1
                if knownDeviations[c.expr] != nil {
                    Issue.record("\(c.expr) now matches terraform: remove it from knownDeviations")
                }
            case .mismatch(let expected, let got):
                if knownDeviations[c.expr] != nil { known += 1 } else {
                    failures.append("\(c.expr)\n  terraform: \(expected.debugDescription)\n  ours:      \(got.debugDescription)")
                }
            }
        }
        print("functions-\(family): \(cases.count) cases, \(matched) match, \(known) known deviations, \(failures.count) unexpected mismatches")
        for f in failures { Issue.record(Comment(rawValue: f)) }
    }

    @Test func string() throws { try Self.check("string") }
    @Test func encoding() throws { try Self.check("encoding") }
    @Test func filesystem() throws { try Self.check("filesystem") }
    @Test func datetime() throws { try Self.check("datetime") }
    @Test func crypto() throws { try Self.check("crypto") }
    @Test func network() throws { try Self.check("network") }
}
