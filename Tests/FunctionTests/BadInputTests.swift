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
        #expect(isError(call("jsondecode", [.string(deep)])))
    }
}
