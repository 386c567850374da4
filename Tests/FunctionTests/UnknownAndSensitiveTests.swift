import Testing
@testable import Values

/// Unknown and sensitive arguments through this branch's families, as cty
/// treats them: unknown in, unknown (of the declared type) out; sensitive in,
/// sensitive out, and never printed in an error.
@Suite struct UnknownAndSensitiveTests {
    func call(_ name: String, _ args: [Value]) throws -> Value {
        guard let f = FunctionTable.standard[name] else { throw FunctionCallError("missing \(name)") }
        return try f.callConverting(args)
    }

    @Test func unknownArgumentsGiveUnknownResults() throws {
        let u = Value.unknown(.string)
        #expect(try !call("upper", [u]).isKnown)
        #expect(try call("upper", [u]).type == .string)
        #expect(try !call("sha256", [u]).isKnown)
        #expect(try !call("cidrhost", [u, .int(1)]).isKnown)
        #expect(try !call("jsonencode", [.object(["a": u])]).isKnown)
        #expect(try !call("yamlencode", [.tuple([u])]).isKnown)
        #expect(try !call("format", [.string("%s-%s"), .string("a"), u]).isKnown)
        // A known pattern fixes the result type even when the string is unknown.
        let r = try call("regex", [.string("(?P<x>a)"), u])
        #expect(!r.isKnown && r.type == .object(["x": .string]))
        let l = try call("formatlist", [.string("%s"), .tuple([.string("a"), u])])
        #expect(l.elements?.map(\.isKnown) == [true, false])
    }

    @Test func sensitiveArgumentsGiveSensitiveResults() throws {
        let secret = Value.string("hunter2").marked(.sensitive)
        #expect(try call("upper", [secret]).isSensitive)
        #expect(try call("base64encode", [secret]).isSensitive)
        #expect(try call("jsonencode", [.object(["p": secret])]).isSensitive)
        #expect(try call("bcrypt", [secret, .int(4)]).isSensitive)
        do {
            _ = try call("base64decode", [Value.string("not base64!").marked(.sensitive)])
            Issue.record("expected an error")
        } catch let e as FunctionCallError {
            #expect(e.message == "failed to decode base64 data (sensitive value)")
        }
    }
}
