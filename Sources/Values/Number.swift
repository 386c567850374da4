import BigInt
import Foundation

/// A Terraform number: a binary floating-point value with a per-value mantissa
/// precision, rounded to nearest-even, as Go's `big.Float` behaves inside cty.
/// Decimal literals are parsed at 512 bits; values that went through a float64
/// (e.g. `pow`) carry 53 bits, which is why `pow(2,64)` prints differently from
/// `18446744073709551616`. Printing picks the shortest decimal that identifies
/// the value at its own precision.
public struct Number: Sendable, Hashable, CustomStringConvertible {
    public enum Form: Sendable, Hashable { case zero, finite, infinite }

    public private(set) var form: Form
    public private(set) var negative: Bool
    /// For finite values: value = mantissa * 2^exponent, mantissa odd (normalized).
    public private(set) var mantissa: BigUInt
    public private(set) var exponent: Int
    /// Mantissa precision in bits (Go's `Float.Prec`).
    public private(set) var precision: Int

    public static let defaultPrecision = 512

    /// A one-word BigUInt. BigInt's initializers are generic and not
    /// specialised across modules, which made them the top cost of integer
    /// arithmetic; multiplying by a word is a concrete entry point.
    static let unit: BigUInt = 1
    @inline(__always) static func word(_ w: UInt) -> BigUInt { w == 0 ? BigUInt() : unit.multiplied(byWord: w) }
    /// Decimal exponents beyond this are refused on parse: they would need
    /// unbounded memory to print and Terraform cannot use them either.
    public static let maxDecimalExponent = 100_000

    init(form: Form, negative: Bool, mantissa: BigUInt, exponent: Int, precision: Int) {
        self.form = form
        self.negative = negative
        self.mantissa = mantissa
        self.exponent = exponent
        self.precision = max(precision, 1)
    }

    public static func zero(negative: Bool = false, precision: Int = 64) -> Number {
        Number(form: .zero, negative: negative, mantissa: 0, exponent: 0, precision: precision)
    }

    public static func infinity(negative: Bool) -> Number {
        Number(form: .infinite, negative: negative, mantissa: 0, exponent: 0, precision: defaultPrecision)
    }

    public static let positiveInfinity = Number.infinity(negative: false)
    public static let negativeInfinity = Number.infinity(negative: true)

    /// A finite value rounded to `precision` bits.
    static func make(negative: Bool, mantissa: BigUInt, exponent: Int, precision: Int, sticky: Bool = false) -> Number {
        if mantissa.isZero { return .zero(negative: negative, precision: precision) }
        var m = mantissa
        var e = exponent
        let width = m.bitWidth
        if width > precision {
            let shift = width - precision
            let half = BigUInt(1) << (shift - 1)
            let mask = (BigUInt(1) << shift) - 1
            let rest = m & mask
            m >>= shift
            e += shift
            let roundUp: Bool
            if rest > half { roundUp = true }
            else if rest == half { roundUp = sticky ? true : (m & 1) == 1 }
            else { roundUp = false }
            if roundUp { m += 1 }
        }
        let tz = m.trailingZeroBitCount
        if tz > 0 { m >>= tz; e += tz }
        return Number(form: .finite, negative: negative, mantissa: m, exponent: e, precision: precision)
    }

    // MARK: Construction

    public init(_ i: Int) {
        if i.magnitude < (1 << 62) {
            self = .small(i, precision: 64)
        } else {
            self = Number(BigInt(i))
            self.precision = 64
        }
    }

    /// Like Go's `Float.SetInt`: precision is the larger of 64 and the bit length.
    public init(_ i: BigInt) {
        let p = max(64, i.magnitude.bitWidth)
        self = Number.make(negative: i.sign == .minus, mantissa: i.magnitude, exponent: 0, precision: p)
    }

    /// Like Go's `Float.SetFloat64`: 53 bits. NaN has no Terraform number; callers check first.
    public init(_ d: Double) {
        if d.isInfinite { self = .infinity(negative: d < 0); precision = 53; return }
        if d == 0 || d.isNaN { self = .zero(negative: d.sign == .minus, precision: 53); return }
        let significand = d.significandBitPattern | (d.isNormal ? (UInt64(1) << 52) : 0)
        let exp = d.isNormal ? Int(d.exponent) - 52 : -1074
        self = Number.make(negative: d < 0, mantissa: Number.word(UInt(significand)), exponent: exp, precision: 53)
    }

    /// Parses a decimal literal (`12`, `-1.5e3`, `0.1`) at 512 bits, as HCL and cty do.
    public init?(parsing text: String, precision: Int = Number.defaultPrecision) {
        if let fast = Number.parseShortDecimal(text, precision: precision) {
            self = fast
            return
        }
        var s = Substring(text)
        var neg = false
        if s.first == "-" { neg = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        if s == "Inf" || s == "inf" { self = .infinity(negative: neg); return }
        var digits = ""
        var fracDigits = 0
        var seenDot = false
        var seenDigit = false
        var idx = s.startIndex
        while idx < s.endIndex {
            let c = s[idx]
            if c.isASCII, let _ = c.wholeNumberValue {
                digits.append(c); seenDigit = true
                if seenDot { fracDigits += 1 }
            } else if c == "." && !seenDot {
                seenDot = true
            } else { break }
            idx = s.index(after: idx)
        }
        guard seenDigit else { return nil }
        var exp10 = 0
        if idx < s.endIndex {
            guard s[idx] == "e" || s[idx] == "E" else { return nil }
            idx = s.index(after: idx)
            var expText = String(s[idx...])
            var eneg = false
            if expText.first == "-" { eneg = true; expText.removeFirst() } else if expText.first == "+" { expText.removeFirst() }
            guard !expText.isEmpty, expText.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            guard expText.count < 9, let ev = Int(expText) else { return nil }
            exp10 = eneg ? -ev : ev
        }
        exp10 -= fracDigits
        guard let mant = BigUInt(digits, radix: 10) else { return nil }
        if mant.isZero { self = .zero(negative: neg, precision: precision); return }
        let magnitude = digits.drop(while: { $0 == "0" }).count + exp10
        guard abs(magnitude) <= Number.maxDecimalExponent else { return nil }
        if exp10 >= 0 {
            self = Number.make(negative: neg, mantissa: mant * BigUInt(10).power(exp10), exponent: 0, precision: precision)
        } else {
            let den = BigUInt(10).power(-exp10)
            self = Number.divide(negative: neg, mant, 0, den, 0, precision: precision)
        }
        self.precision = precision
    }

    /// Literals and JSON numbers are mostly short plain decimals: `123`, `-4`,
    /// `1.5`. When the value is exactly a small binary fraction (the integer
    /// digits divided by 10^k leave no remainder once 2^k is taken out) it is
    /// built from machine words; anything else takes the exact general path.
    static func parseShortDecimal(_ text: String, precision: Int) -> Number? {
        var digits = 0
        var value = 0
        var frac = -1
        var negative = false
        var first = true
        for b in text.utf8 {
            if b >= 48 && b <= 57 {
                digits += 1
                if digits > 18 { return nil }
                value = value &* 10 &+ Int(b &- 48)
                if frac >= 0 { frac += 1 }
            } else if b == 46 && frac < 0 && digits > 0 {
                frac = 0
            } else if b == 45 && first {
                negative = true
            } else {
                return nil
            }
            first = false
        }
        guard digits > 0, frac != 0 else { return nil }
        if value == 0 { return .zero(negative: negative, precision: precision) }
        var k = max(frac, 0)
        while k > 0 && value % 10 == 0 { value /= 10; k -= 1 }
        guard k > 0 else { return .small(negative ? -value : value, precision: precision) }
        var p5 = 1
        for _ in 0..<k { p5 *= 5 }
        guard value % p5 == 0 else { return nil }
        var r = Number.small(negative ? -(value / p5) : value / p5, precision: precision)
        r.exponent -= k
        return r
    }

    /// (a*2^ea) / (b*2^eb) rounded to `precision` bits.
    static func divide(negative: Bool, _ a: BigUInt, _ ea: Int, _ b: BigUInt, _ eb: Int, precision: Int) -> Number {
        // Scale the numerator so the quotient has at least precision+2 bits.
        let shift = max(0, precision + 2 + b.bitWidth - a.bitWidth)
        let (q, r) = (a << shift).quotientAndRemainder(dividingBy: b)
        return make(negative: negative, mantissa: q, exponent: ea - eb - shift, precision: precision, sticky: !r.isZero)
    }

    // MARK: Queries

    public var isZero: Bool { form == .zero }
    public var isInfinite: Bool { form == .infinite }
    public var sign: Int { form == .zero ? 0 : (negative ? -1 : 1) }

    /// True when the value is an integer (infinities are not).
    public var isInteger: Bool {
        switch form {
        case .zero: return true
        case .infinite: return false
        case .finite: return exponent >= 0
        }
    }

    /// Number of bits needed to represent the value exactly (Go's `MinPrec`).
    public var minPrecision: Int { form == .finite ? mantissa.bitWidth : 0 }

    /// Truncated toward zero; nil for infinities. Refuses absurdly large values.
    public var truncatedInteger: BigInt? {
        switch form {
        case .zero: return 0
        case .infinite: return nil
        case .finite:
            var mag: BigUInt
            if exponent >= 0 {
                guard exponent < 1_000_000 else { return nil }
                mag = mantissa << exponent
            } else {
                let s = -exponent
                mag = s >= mantissa.bitWidth ? 0 : mantissa >> s
            }
            return negative ? -BigInt(mag) : BigInt(mag)
        }
    }

    /// The value as an Int when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger, let b = truncatedInteger else { return nil }
        return Int(exactly: b)
    }

    public var doubleValue: Double {
        switch form {
        case .zero: return negative ? -0.0 : 0.0
        case .infinite: return negative ? -.infinity : .infinity
        case .finite:
            let r = Number.make(negative: negative, mantissa: mantissa, exponent: exponent, precision: 53)
            let m = Double(UInt64(r.mantissa))
            let v = scalbn(m, r.exponent)
            return negative ? -v : v
        }
    }

    /// The value as an Int when it is an integer of at most 62 bits, for fast paths.
    var smallInt: Int? {
        switch form {
        case .zero: return 0
        case .infinite: return nil
        case .finite:
            guard exponent >= 0, mantissa.bitWidth + exponent <= 62 else { return nil }
            let m = Int(mantissa.words.first ?? 0) << exponent
            return negative ? -m : m
        }
    }

    /// An exact small integer with the given precision (no rounding needed up to 62 bits).
    static func small(_ i: Int, precision: Int) -> Number {
        if i == 0 { return .zero(negative: false, precision: precision) }
        var m = UInt(i.magnitude)
        var e = 0
        let tz = m.trailingZeroBitCount
        m >>= tz; e += tz
        if UInt.bitWidth - m.leadingZeroBitCount > precision {
            return make(negative: i < 0, mantissa: word(m), exponent: e, precision: precision)
        }
        return Number(form: .finite, negative: i < 0, mantissa: word(m), exponent: e, precision: precision)
    }

    // MARK: Arithmetic

    public static prefix func - (x: Number) -> Number {
        var r = x
        r.negative.toggle()
        return r
    }

    public var magnitude: Number { var r = self; r.negative = false; return r }

    /// Errors only for Inf-Inf; the caller reports it.
    public func adding(_ y: Number) -> Number? {
        let x = self
        let prec = max(x.precision, y.precision)
        if let a = x.smallInt, let b = y.smallInt, !(x.isZero && y.isZero) {
            let (s, o) = a.addingReportingOverflow(b)
            if !o { return .small(s, precision: prec) }
        }
        switch (x.form, y.form) {
        case (.infinite, .infinite):
            return x.negative == y.negative ? x : nil
        case (.infinite, _): return x
        case (_, .infinite): return y
        case (.zero, .zero):
            return .zero(negative: x.negative && y.negative, precision: prec)
        case (.zero, _): return y.withPrecision(prec)
        case (_, .zero): return x.withPrecision(prec)
        case (.finite, .finite):
            let top = max(x.exponent + x.mantissa.bitWidth, y.exponent + y.mantissa.bitWidth)
            let gap = prec + 4
            // One operand below half an ulp of the other leaves it unchanged when rounding;
            // skipping the exact sum keeps memory bounded for 1e100000 + 1e-100000.
            if y.exponent + y.mantissa.bitWidth < top - gap - 2 && x.exponent + x.mantissa.bitWidth == top {
                return x.withPrecision(prec)
            }
            if x.exponent + x.mantissa.bitWidth < top - gap - 2 && y.exponent + y.mantissa.bitWidth == top {
                return y.withPrecision(prec)
            }
            let e = min(x.exponent, y.exponent)
            let xm = BigInt(x.mantissa << (x.exponent - e)) * (x.negative ? -1 : 1)
            let ym = BigInt(y.mantissa << (y.exponent - e)) * (y.negative ? -1 : 1)
            let s = xm + ym
            if s.isZero { return .zero(negative: false, precision: prec) }
            return .make(negative: s.sign == .minus, mantissa: s.magnitude, exponent: e, precision: prec)
        }
    }

    public func subtracting(_ y: Number) -> Number? { adding(-y) }

    func withPrecision(_ p: Int) -> Number {
        if form != .finite { var r = self; r.precision = p; return r }
        return .make(negative: negative, mantissa: mantissa, exponent: exponent, precision: p)
    }

    /// Multiplication as cty does it: product rounded to 512 bits, keeping the
    /// larger of the operands' precisions or the product's minimum precision.
    /// Returns nil for 0 * Inf.
    public func multiplying(_ y: Number) -> Number? {
        let x = self
        let neg = x.negative != y.negative
        let resPrec = max(x.precision, y.precision)
        if let a = x.smallInt, let b = y.smallInt, a != 0, b != 0 {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o { return .small(p, precision: max(resPrec, Number.small(p, precision: 64).minPrecision)) }
        }
        switch (x.form, y.form) {
        case (.infinite, .zero), (.zero, .infinite): return nil
        case (.infinite, _), (_, .infinite): return .infinity(negative: neg)
        case (.zero, _), (_, .zero): return .zero(negative: neg, precision: max(resPrec, 0))
        case (.finite, .finite):
            var r = Number.make(negative: neg, mantissa: x.mantissa * y.mantissa, exponent: x.exponent + y.exponent, precision: 512)
            r.precision = max(resPrec, r.minPrecision)
            return r
        }
    }

    /// Division; x/0 is a signed infinity, 0/0 and Inf/Inf are nil.
    public func dividing(by y: Number) -> Number? {
        let x = self
        let neg = x.negative != y.negative
        let prec = max(x.precision, y.precision)
        switch (x.form, y.form) {
        case (.zero, .zero), (.infinite, .infinite): return nil
        case (.infinite, _): return .infinity(negative: neg)
        case (_, .infinite): return .zero(negative: neg, precision: prec)
        case (_, .zero): return .infinity(negative: neg)
        case (.zero, _): return .zero(negative: neg, precision: prec)
        case (.finite, .finite):
            return Number.divide(negative: neg, x.mantissa, x.exponent, y.mantissa, y.exponent, precision: prec)
        }
    }

    /// cty's modulo: x - y * trunc(x / y); x % 0 is x.
    public func remainder(dividingBy y: Number) -> Number? {
        if form == .infinite || y.form == .infinite { return multiplying(y) }
        if y.isZero { return self }
        if let a = smallInt, let b = y.smallInt, b != 0 {
            let r = a % b
            // cty computes x - y*trunc(x/y) at x's precision; an exact zero difference is +0.
            if r == 0 { return .zero(negative: false, precision: precision) }
            return .small(r, precision: precision)
        }
        guard let q = dividing(by: y), let qi = q.truncatedInteger else { return nil }
        var qn = Number(qi)
        qn.precision = max(self.precision, qn.precision)
        guard let prod = y.multiplying(qn) else { return nil }
        return subtracting(prod)
    }

    public static func compare(_ a: Number, _ b: Number) -> Int {
        if let x = a.smallInt, let y = b.smallInt { return x == y ? 0 : (x < y ? -1 : 1) }
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.form == .infinite || b.form == .infinite {
            if a.form == b.form { return 0 }
            let c = a.form == .infinite ? 1 : -1
            return a.negative ? -c : c
        }
        if a.sign == 0 { return 0 }
        // Same sign, both finite.
        let ta = a.exponent + a.mantissa.bitWidth, tb = b.exponent + b.mantissa.bitWidth
        var c: Int
        if ta != tb { c = ta < tb ? -1 : 1 } else {
            let e = min(a.exponent, b.exponent)
            let am = a.mantissa << (a.exponent - e), bm = b.mantissa << (b.exponent - e)
            c = am == bm ? 0 : (am < bm ? -1 : 1)
        }
        return a.negative ? -c : c
    }

    /// Terraform's number equality: equal integers, or non-integers that print the same.
    public func terraformEquals(_ other: Number) -> Bool {
        if sign != other.sign { return false }
        if form == .infinite || other.form == .infinite { return form == other.form && negative == other.negative }
        if isInteger != other.isInteger { return false }
        if isInteger { return Number.compare(self, other) == 0 }
        return description == other.description
    }

    public static func == (a: Number, b: Number) -> Bool { a.terraformEquals(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }

    public var description: String { NumberText.shortest(self) }
}
