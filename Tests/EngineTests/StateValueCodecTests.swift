import Engine
import JSON
import Testing
import Values

@Suite struct StateValueCodecTests {
    @Test func dynamicValuesAreWrappedWithTheirType() throws {
        let v = Value.tuple([.int(1), .string("x")])
        let json = StateValueCodec.encode(v, as: .dynamic)
        #expect(json.map { JSONWriter().string($0) } == #"{"value":[1,"x"],"type":["tuple",["number","string"]]}"#)
        let back = try StateValueCodec.decode(json!, type: .dynamic).get()
        #expect(back.rawEquals(v))
    }

    @Test func nullDynamicIsPlainNull() {
        #expect(StateValueCodec.encode(.dynamicNull, as: .dynamic) == .null)
    }

    @Test func unknownValuesCannotBeStored() {
        #expect(StateValueCodec.encode(.object(["a": .unknown(.string)]), as: .object(["a": .string])) == nil)
    }

    @Test func objectMembersAreWrittenInByteOrder() {
        let v = Value.object(["b": .int(1), "B": .int(2), "a": .int(3)])
        let json = StateValueCodec.encode(v, as: v.type)!
        #expect(json.objectValue?.map(\.key) == ["B", "a", "b"])
    }

    @Test func malformedDynamicWrapperIsAnError() {
        let r = StateValueCodec.decode(.object([JSONMember(key: "value", value: .number("1"))]), type: .dynamic)
        if case .success = r { Issue.record("expected a failure") }
    }
}
