import Foundation
import Testing
@testable import Values

/// Hostile or huge arguments must give a diagnostic (a thrown function
/// error), never a crash, a hang or unbounded memory.
@Suite struct BadInputTests {
    enum Outcome { case value(Value), error(String) }

    func call(_ name: String, _ args: [Value]) -> Outcome {
        guard let f = FunctionTable.standard[name] else { return .error("no function \(name)") }
        do { return .value(try f.callConverting(args)) } catch let e as FunctionArgumentError { return .error(e.message) }
        catch let e as FunctionCallError { return .error(e.message) } catch { return .error("\(error)") }
    }

    func isError(_ o: Outcome) -> Bool { if case .error = o { return true }; return false }

    static let big = String(repeating: "abc😀\n", count: 2_000_000)   // ~16 MB

    @Test func largeStringsAreProcessed() {
        guard case .value(let h) = call("sha256", [.string(Self.big)]) else { Issue.record("sha256 failed"); return }
        #expect(h.stringValue?.count == 64)
        guard case .value(let s) = call("substr", [.string(Self.big), .int(-3), .int(2)]) else { Issue.record("substr failed"); return }
        #expect(s.stringValue == "c😀")
        guard case .value(let r) = call("regexall", [.string("😀"), .string(Self.big)]) else { Issue.record("regexall failed"); return }
        #expect(r.count == 2_000_000)
        guard case .value(let b) = call("base64encode", [.string(Self.big)]) else { Issue.record("base64encode failed"); return }
        guard case .value(let back) = call("base64decode", [b]) else { Issue.record("base64decode failed"); return }
        #expect(back.stringValue == Self.big)
    }

    @Test func invalidInputsGiveErrors() {
        #expect(isError(call("base64decode", [.string(Self.big)])))
        #expect(isError(call("jsondecode", [.string("{" + Self.big)])))
        #expect(isError(call("yamldecode", [.string("a: [" + String(repeating: "x, ", count: 100_000))])))
        #expect(isError(call("regex", [.string("(((("), .string("a")])))
        #expect(isError(call("regex", [.string(String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)), .string("a")])))
        #expect(isError(call("cidrsubnet", [.string("300.1.2.3/8"), .int(1), .int(1)])))
        #expect(isError(call("cidrhost", [.string("::/0"), .number(Number(parsing: "1e60")!)])))
        #expect(isError(call("csvdecode", [.string("a,\"b\n" + Self.big)])))
        #expect(isError(call("formatdate", [.string("YYYY"), .string(Self.big)])))
        #expect(isError(call("timeadd", [.string("2020-01-01T00:00:00Z"), .string(String(repeating: "9", count: 100) + "h")])))
    }

    @Test func resultSizeAndNestingAreBounded() {
        #expect(isError(call("indent", [.int(1_000_000_000), .string("a\nb")])))
        // "Billion laughs": each level doubles the size through aliases.
        var doc = "a0: &a0 [x, x]\n"
        for i in 1...40 { doc += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]\n" }
        #expect(isError(call("yamldecode", [.string(doc)])))
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(isError(call("yamldecode", [.string(deep)])))
        // terraform's jsondecode takes up to 10,001 levels (Go's decoder limit
        // per element of the outermost value); one more is an error.
        let tooDeep = String(repeating: "[", count: 10_002) + String(repeating: "]", count: 10_002)
        #expect(message(call("jsondecode", [.string(tooDeep)])) == "failed to read tuple value: invalid character '[' exceeded max depth")
    }

    func message(_ o: Outcome) -> String? { if case .error(let m) = o { return m }; return nil }

    /// Peak resident memory of this process in bytes (Linux reports KiB).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    @Test func hundredMegabyteStringArguments() {
        let before = Self.peakRSS()
        let huge = String(repeating: "abcdefghij", count: 10_000_000)   // 100 MB
        #expect(huge.utf8.count == 100_000_000)
        guard case .value(let n) = call("length", [.string(huge)]) else { Issue.record("length failed"); return }
        #expect(n.numberValue?.intValue == 100_000_000)
        guard case .value(let h) = call("sha256", [.string(huge)]) else { Issue.record("sha256 failed"); return }
        #expect(h.stringValue?.count == 64)
        guard case .value(let c) = call("strcontains", [.string(huge), .string("jb")]) else { Issue.record("strcontains failed"); return }
        #expect(c.boolValue == false)
        guard case .value(let sub) = call("substr", [.string(huge), .int(99_999_990), .int(20)]) else { Issue.record("substr failed"); return }
        #expect(sub.stringValue == "abcdefghij")
        guard case .value(let parts) = call("split", [.string("j"), .string(huge)]) else { Issue.record("split failed"); return }
        #expect(parts.count == 10_000_001)
        guard case .value(let enc) = call("jsonencode", [.string(huge)]) else { Issue.record("jsonencode failed"); return }
        #expect(enc.stringValue?.utf8.count == 100_000_002)
        // Invalid base64 of the same size is refused, not decoded partially.
        #expect(message(call("base64decode", [.string(huge + "!")]))?.hasPrefix("failed to decode base64 data") == true)
        // Every result above is at most a few times the input; a generous
        // ceiling still catches a copy per character or an unbounded buffer.
        let grown = Self.peakRSS() - before
        #expect(grown < 4_000_000_000, "peak memory grew by \(grown) bytes")
    }

    @Test func rangeRefusesMoreThan1024Values() {
        // terraform 1.11.4: range(1e9) and range(1e6) both fail with this text.
        let want = "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step"
        #expect(message(call("range", [.number(Number(parsing: "1e9")!)])) == want)
        #expect(message(call("range", [.int(0), .int(1_000_000_000), .number(Number(parsing: "0.5")!)])) == want)
        guard case .value(let ok) = call("range", [.int(1024)]) else { Issue.record("range(1024) failed"); return }
        #expect(ok.count == 1024)
    }

    @Test func recursiveTemplatefileIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("badinput-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "${templatefile(\"r.tftpl\", {})}".write(toFile: dir + "/r.tftpl", atomically: true, encoding: .utf8)
        var scope = TerraformScope()
        scope.pathModule = dir
        let r = ConsoleSession(scope: scope).evaluate("templatefile(\"r.tftpl\", {})")
        // terraform 1.11.4's text for the same template.
        #expect(r.diagnostics.items.first?.detail == "Call to function \"templatefile\" failed: r.tftpl:1,3-16: Error in function call; Call to function \"templatefile\" failed: cannot recursively call templatefile from inside another template function..")
    }

    @Test func invalidEncodedInputsGiveTerraformsMessages() {
        // Texts from terraform 1.11.4 console for the same calls.
        let cases: [(String, String)] = [
            ("base64decode(\"@@@\")", "Call to function \"base64decode\" failed: failed to decode base64 data \"@@@\"."),
            ("jsondecode(\"{\")", "Call to function \"jsondecode\" failed: EOF."),
            ("yamldecode(\"a: [\")", "Call to function \"yamldecode\" failed: on line 1, column 1: did not find expected node content."),
            ("regex(\"(\", \"a\")", "Invalid value for \"pattern\" parameter: invalid regexp pattern: missing closing ) in (."),
            ("cidrhost(\"10.0.0.0/33\", 1)", "Call to function \"cidrhost\" failed: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33."),
            ("cidrsubnet(\"x\", 1, 1)", "Call to function \"cidrsubnet\" failed: invalid CIDR expression: invalid CIDR address: x."),
            ("textdecodebase64(\"@@\", \"UTF-8\")", "Invalid value for \"source\" parameter: the given value is has an invalid base64 symbol at offset 0."),
        ]
        let session = ConsoleSession()
        for (expr, detail) in cases {
            let r = session.evaluate(expr)
            #expect(r.output == nil, "\(expr)")
            #expect(r.diagnostics.items.first?.detail == detail, "\(expr)")
        }
    }
}
