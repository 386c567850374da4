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

    /// The short-decimal fast path must build exactly what the general
    /// parser builds; the exponent spelling always takes the general path.
    @Test(arguments: [("1.5", "15e-1"), ("123", "123e0"), ("-4.25", "-425e-2"), ("0.0", "0e0"), ("-0", "-0e0"),
                      ("007", "7e0"), ("3.000", "3e0"), ("999999999999999999", "999999999999999999e0"),
                      ("0.1", "1e-1"), ("2.675", "2675e-3"), ("1.125", "1125e-3")])
    func shortDecimalsMatchTheGeneralParser(short: String, general: String) throws {
        let a = try #require(Number(parsing: short)), b = try #require(Number(parsing: general))
        #expect(a.form == b.form)
        #expect(a.negative == b.negative)
        #expect(a.mantissa == b.mantissa)
        #expect(a.exponent == b.exponent)
        #expect(a.precision == b.precision)
    }

    @Test func integerTextOnlyTakesTheShortcutWhenExact() {
        // terraform 1.11.4 console: pow(2, 60) and pow(2, 62) carry float64
        // precision and print rounded; integers parsed from text are exact.
        #expect(Number(Double(1 << 60)).description == "1152921504606847000")
        #expect(Number(Double(1 << 62)).description == "4611686018427388000")
        #expect(Number(Double((1 << 52) + 1)).description == "4503599627370497")
        #expect(Number(parsing: "4611686018427387903")?.description == "4611686018427387903")
        #expect(Number(-12345).description == "-12345")
        #expect(Number(parsing: "1.")?.description == "1")
        #expect(Number(parsing: ".5") == nil || Number(parsing: ".5")?.description == "0.5")
    }
}

