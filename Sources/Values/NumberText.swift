import BigInt

/// Decimal text of a `Number` as Terraform prints it (Go's `Float.Text('f', -1)`):
/// the fewest digits that still round back to the same value at the number's
/// own precision, in plain positional notation.
enum NumberText {
    /// Decimal digits with the point after `point` digits: value = 0.d1d2... * 10^point.
    struct Decimal {
        var digits: [UInt8]
        var point: Int

        init(mantissa: BigUInt, exponent: Int) {
            var text: String
            if exponent >= 0 {
                text = String(mantissa << exponent)
                point = text.count
            } else {
                text = String(mantissa * BigUInt(5).power(-exponent))
                point = text.count + exponent
            }
            digits = Array(text.utf8)
            trim()
        }

        mutating func trim() {
            while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.isEmpty { point = 0 }
        }

        func at(_ i: Int) -> UInt8 { i >= 0 && i < digits.count ? digits[i] : UInt8(ascii: "0") }

        func shouldRoundUp(_ n: Int) -> Bool {
            if digits[n] == UInt8(ascii: "5") && n + 1 == digits.count {
                return n > 0 && (digits[n - 1] - UInt8(ascii: "0")) & 1 != 0
            }
            return digits[n] >= UInt8(ascii: "5")
        }

        mutating func round(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            if shouldRoundUp(n) { roundUp(n) } else { roundDown(n) }
        }

        mutating func roundUp(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            var i = n
            while i > 0 && digits[i - 1] >= UInt8(ascii: "9") { i -= 1 }
            if i == 0 {
                digits = [UInt8(ascii: "1")]
                point += 1
                return
            }
            digits[i - 1] += 1
            digits.removeSubrange(i...)
        }

        mutating func roundDown(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            digits.removeSubrange(n...)
            trim()
        }
    }

    static func shortest(_ x: Number) -> String {
        switch x.form {
        case .infinite: return x.negative ? "-Inf" : "+Inf"
        case .zero: return x.negative ? "-0" : "0"
        case .finite: break
        }
        // An integer below 2^precision has no shorter decimal that rounds back
        // to it, so its plain digits are the answer, without the big-integer
        // digit generation (this dominated state and plans of many instances).
        if x.exponent >= 0, x.mantissa.bitWidth + x.exponent <= min(x.precision, 62) {
            let m = Int(x.mantissa.words.first ?? 0) << x.exponent
            return String(x.negative ? -m : m)
        }
        var d = Decimal(mantissa: x.mantissa, exponent: x.exponent)
        roundShortest(&d, x)
        var out = x.negative ? "-" : ""
        let bytes = d.digits
        if d.point > 0 {
            let m = min(bytes.count, d.point)
            out += String(decoding: bytes[0..<m], as: UTF8.self)
            if m < d.point { out += String(repeating: "0", count: d.point - m) }
        } else {
            out += "0"
        }
        let frac = max(bytes.count - d.point, 0)
        if frac > 0 {
            out += "."
            var tail = [UInt8]()
            tail.reserveCapacity(frac)
            for i in 0..<frac { tail.append(d.at(d.point + i)) }
            out += String(decoding: tail, as: UTF8.self)
        }
        return out
    }

    /// Go's roundShortest: find the shortest decimal inside the interval of
    /// values that round to `x` at its precision.
    static func roundShortest(_ d: inout Decimal, _ x: Number) {
        if d.digits.isEmpty { return }
        var mant = x.mantissa
        var exp = x.exponent
        let s = mant.bitWidth - (x.precision + 1)
        if s < 0 { mant <<= -s } else if s > 0 { mant >>= s }
        exp += s
        let lower = Decimal(mantissa: mant - 1, exponent: exp)
        let upper = Decimal(mantissa: mant + 1, exponent: exp)
        let inclusive = (mant & 2).isZero
        for i in 0..<d.digits.count {
            let m = d.digits[i]
            let l = lower.at(i)
            let u = upper.at(i)
            let okdown = l != m || (inclusive && i + 1 == lower.digits.count)
            let okup = m != u && (inclusive || m + 1 < u || i + 1 < upper.digits.count)
            if okdown && okup { d.round(i + 1); return }
            if okdown { d.roundDown(i + 1); return }
            if okup { d.roundUp(i + 1); return }
        }
    }
}
