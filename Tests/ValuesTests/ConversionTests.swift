import Testing
@testable import Values

@Suite struct ConversionTests {
    @Test func primitives() throws {
        #expect(try Conversion.convert(.int(5), to: .string).stringValue == "5")
        #expect(try Conversion.convert(.bool(true), to: .string).stringValue == "true")
        #expect(try Conversion.convert(.string("1.5"), to: .number).numberValue?.description == "1.5")
        #expect(try Conversion.convert(.string("1"), to: .bool).boolValue == true)
        #expect(throws: ConversionError("a number is required")) { try Conversion.convert(.string("x"), to: .number) }
        #expect(throws: ConversionError("a bool is required; to convert from string, use lowercase \"true\"")) {
            try Conversion.convert(.string("TRUE"), to: .bool)
        }
        #expect(throws: ConversionError("number required")) { try Conversion.convert(.bool(true), to: .number) }
    }

    @Test func unification() {
        #expect(Conversion.unify([.number, .string]) == .string)
        #expect(Conversion.unify([.number, .bool]) == nil)
        #expect(Conversion.unify([.number, .bool], lossy: true) == nil)
        #expect(Conversion.unify([.list(.number), .tuple([.string])]) == .list(.string))
        #expect(Conversion.unify([.object(["a": .number]), .object(["b": .number])]) == .map(.number))
        #expect(Conversion.unify([.object(["a": .number]), .object(["a": .string])]) == .object(["a": .string]))
        #expect(Conversion.unify([.tuple([.number]), .tuple([.number, .number])]) == .list(.number))
        #expect(Conversion.unify([.dynamic, .string]) == .dynamic)
        #expect(Conversion.unify([.dynamic, .string], lossy: true) == .string)
        #expect(Conversion.unify([.list(.string), .dynamic]) == .dynamic)
    }

    @Test func structuralToCollections() throws {
        let t = Value.tuple([.int(1), .string("a")])
        let l = try Conversion.convert(t, to: .list(.dynamic))
        #expect(l.type == .list(.string))
        let s = try Conversion.convert(.tuple([.string("b"), .string("a"), .string("b")]), to: .set(.string))
        #expect(s.elements?.map { $0.stringValue } == ["a", "b"])
        let m = try Conversion.convert(.object(["a": .int(1), "b": .string("x")]), to: .map(.dynamic))
        #expect(m.type == .map(.string))
        #expect(throws: ConversionError("all map elements must have the same type")) {
            try Conversion.convert(.object(["a": .int(1), "b": .bool(true)]), to: .map(.dynamic))
        }
        #expect(throws: ConversionError.self) { try Conversion.convert(.tuple([.int(1), .tuple([])]), to: .list(.dynamic)) }
    }

    @Test func unknownAndNullKeepTheTargetType() throws {
        #expect(try Conversion.convert(.unknown(.dynamic), to: .string).type == .string)
        #expect(try Conversion.convert(.null(.dynamic), to: .list(.number)).type == .list(.number))
        let marked = Value.string("1").marked(.sensitive)
        let n = try Conversion.convert(marked, to: .number)
        #expect(n.isSensitive && n.numberValue?.description == "1")
    }

    @Test func mismatchMessages() {
        #expect(Conversion.mismatchMessage(got: .object(["a": .number]), want: .object(["a": .number, "b": .string, "c": .bool])) == "attributes \"b\" and \"c\" are required")
        #expect(Conversion.mismatchMessage(got: .tuple([.number, .tuple([])]), want: .list(.number)) == "element 1: number required")
        #expect(Conversion.mismatchMessage(got: .number, want: .list(.dynamic)) == "list of any single type required")
    }

    @Test func setOrderingFollowsCty() {
        let s = Value.set([.int(10), .int(2), .int(-1)], elementType: .number)
        #expect(s.elements?.compactMap { $0.numberValue?.description } == ["-1", "2", "10"])
        let b = Value.set([.true, .false], elementType: .bool)
        #expect(b.elements?.compactMap(\.boolValue) == [false, true])
    }

    @Test func equalityWithUnknownsAndMarks() {
        #expect(Value.int(1).equals(.unknown(.number)).isKnown == false)
        #expect(Value.int(1).equals(.string("1")).boolValue == false)
        #expect(Value.null(.string).equals(.null(.number)).boolValue == true)
        let eq = Value.int(1).marked(.sensitive).equals(.int(1))
        #expect(eq.boolValue == true && eq.isSensitive)
    }
}
