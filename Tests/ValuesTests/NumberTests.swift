import Testing
@testable import Values

@Suite struct NumberTests {
    func n(_ s: String) -> Number { Number(parsing: s) ?? .zero() }

    @Test func parsesAndPrintsDecimals() {
        #expect(n("0.1").description == "0.1")
        #expect(n("1.5e3").description == "1500")
        #expect(n("1e-10").description == "0.0000000001")
        #expect(n("123456789012345678901234567890").description == "123456789012345678901234567890")
        #expect(n("100000000000000000000.5").description == "100000000000000000000.5")
        #expect(n("1.0000000000000000000000000000001").description == "1.0000000000000000000000000000001")
        #expect(n("3.0").description == "3")
        #expect(n("1e300").description == "1" + String(repeating: "0", count: 300))
    }

    @Test func arithmeticMatchesTerraform() throws {
        let third = try #require(n("1").dividing(by: n("3")))
        #expect(third.description == "0." + String(repeating: "3", count: 154) + "5")
        let twoThirds = try #require(n("2").dividing(by: n("3")))
        #expect(twoThirds.description == "0." + String(repeating: "6", count: 153) + "7")
        let sum = try #require(n("0.1").adding(n("0.2")))
        #expect(sum.description == "0.3")
        #expect(sum == n("0.3"))
        #expect(try #require(n("0.1").multiplying(n("3"))).description == "0.3")
        #expect(try #require(n("10").dividing(by: n("4"))).description == "2.5")
        #expect(try #require(n("1").dividing(by: n("7"))?.multiplying(n("7"))).description == "1")
        #expect(try #require(n("-5").remainder(dividingBy: n("3"))).description == "-2")
        #expect(try #require(n("5.5").remainder(dividingBy: n("2"))).description == "1.5")
    }

    @Test func floatsKeepTheirPrecision() {
        #expect(Number(Double(18446744073709551616.0)).description == "18446744073709550000")
        #expect(Number(2.0.squareRoot()).description == "1.4142135623730951")
        #expect(Number(0.01).description == "0.01")
    }

    @Test func infinitiesAndZero() throws {
        #expect(try #require(n("2").dividing(by: n("0"))).description == "+Inf")
        #expect(try #require(n("-1").dividing(by: n("0"))).description == "-Inf")
        #expect((-n("0")).description == "-0")
        #expect(n("0").dividing(by: n("0")) == nil)
        #expect(Number.positiveInfinity.adding(.negativeInfinity) == nil)
    }

    @Test func refusesAbsurdExponents() {
        #expect(Number(parsing: "1e999999999") == nil)
        #expect(Number(parsing: "abc") == nil)
        #expect(Number(parsing: "1e") == nil)
    }
}
