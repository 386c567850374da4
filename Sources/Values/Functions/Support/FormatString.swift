import Foundation
import BigInt

/// Terraform's `format` verbs (cty's format function): `%[flags][[n]][width][.prec]verb`
/// with Go's number formatting for big floats and big integers, and widths
/// counted in grapheme clusters.
enum FormatString {
    struct Verb {
        var raw = ""
        var offset = 0
        var argNum = 1
        var mode: Character = "v"
        var zero = false, sharp = false, plus = false, minus = false, space = false
        var width: Int? = nil
        var precision: Int? = nil
    }

    enum Failure: Error {
        /// "Error in function call" with this message.
        case call(String)
        /// An argument problem: index into the whole call's arguments.
        case argument(Int, String)
    }

    /// Formats, returning the text and the highest argument number used.
    static func format(_ format: String, _ args: [Value]) throws -> String {
        let b = Array(format.utf8)
        var out: [UInt8] = []
        var p = 0
        var nextArg = 1
        var maxUsed = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func badChar(_ at: Int) -> Failure {
            // Go's %q of a byte value shows it as a quoted rune.
            let c = b[at]
            let shown = c < 0x80 ? GoQuote.quoteRune(UnicodeScalar(c)) : GoQuote.quoteRune(UnicodeScalar(0xFFFD)!)
            return .call("unrecognized format character \(shown) at offset \(at)")
        }
        while p < b.count {
            if b[p] != UInt8(ascii: "%") { out.append(b[p]); p += 1; continue }
            if p + 1 < b.count && b[p + 1] == UInt8(ascii: "%") { out.append(b[p]); p += 2; continue }
            var v = Verb()
            v.offset = p
            v.argNum = nextArg
            p += 1
            func end() -> Failure { .call("invalid format string starting at offset \(p)") }
            flags: while p < b.count {
                switch b[p] {
                case UInt8(ascii: "0"): v.zero = true
                case UInt8(ascii: "#"): v.sharp = true
                case UInt8(ascii: "-"): v.minus = true
                case UInt8(ascii: "+"): v.plus = true
                case UInt8(ascii: " "): v.space = true
                default: break flags
                }
                p += 1
            }
            guard p < b.count else { throw end() }
            if b[p] == UInt8(ascii: "[") {
                p += 1
                guard p < b.count else { throw end() }
                guard b[p] >= UInt8(ascii: "1") && b[p] <= UInt8(ascii: "9") else { throw badChar(p) }
                var n = 0
                while p < b.count && isDigit(b[p]) { n = min(n * 10 + Int(b[p] - 0x30), 1_000_000); p += 1 }
                guard p < b.count else { throw end() }
                guard b[p] == UInt8(ascii: "]") else { throw badChar(p) }
                p += 1
                v.argNum = n
                guard p < b.count else { throw end() }
            }
            if b[p] >= UInt8(ascii: "1") && b[p] <= UInt8(ascii: "9") {
                var n = 0
                while p < b.count && isDigit(b[p]) { n = min(n * 10 + Int(b[p] - 0x30), 1_000_000); p += 1 }
                v.width = n
                guard p < b.count else { throw end() }
            }
            if b[p] == UInt8(ascii: ".") {
                p += 1
                var n = 0
                while p < b.count && isDigit(b[p]) { n = min(n * 10 + Int(b[p] - 0x30), 1_000_000); p += 1 }
                v.precision = n
                guard p < b.count else { throw end() }
            }
            let c = b[p]
            guard (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) else { throw badChar(p) }
            v.mode = Character(UnicodeScalar(c))
            p += 1
            v.raw = String(decoding: b[v.offset..<p], as: UTF8.self)
            // Go's fmt: '-' disables zero padding.
            if v.minus { v.zero = false }
            out.append(contentsOf: try append(v, args).utf8)
            maxUsed = max(maxUsed, v.argNum)
            nextArg = v.argNum + 1
        }
        if args.count > maxUsed {
            throw Failure.argument(maxUsed + 1, "too many arguments; only \(maxUsed) used by format string")
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ v: Verb, _ args: [Value]) throws -> String {
        let idx = v.argNum - 1
        guard idx < args.count else {
            throw Failure.call("not enough arguments for \(GoQuote.quote(v.raw)) at \(v.offset): need index \(v.argNum) but have \(args.count) total")
        }
        let arg = args[idx]
        if v.mode != "v" && arg.isNull {
            throw Failure.call("unsupported value for \(GoQuote.quote(v.raw)) at \(v.offset): null value cannot be formatted")
        }
        func unsupported(_ why: String) -> Failure {
            .call("unsupported value for \(GoQuote.quote(v.raw)) at \(v.offset): \(why)")
        }
        func converted(_ t: ValueType) throws -> Value {
            do { return try Conversion.convert(arg, to: t) } catch let e as ConversionError {
                // cty 1.16 words these without the ", but have <type>" tail.
                let m = e.message.components(separatedBy: ", but have ").first ?? e.message
                throw unsupported(m)
            }
        }
        switch v.mode {
        case "v":
            if !v.sharp && !arg.isNull {
                if let s = arg.stringValue, arg.type == .string { return pad(v, s) }
                if let n = arg.numberValue, arg.type == .number { return pad(v, GoFloatText.format(n, mode: "g", precision: nil)) }
            }
            do { return pad(v, try ValueJSON.encode(arg)) } catch let e as ValueJSON.EncodeError { throw unsupported(e.message) }
        case "t":
            let b = try converted(.bool)
            return b.boolValue == true ? "true" : "false"
        case "b", "d", "o", "x", "X":
            let n = try converted(.number)
            guard let num = n.numberValue, num.isInteger, let i = num.truncatedInteger else {
                throw unsupported("an integer is required")
            }
            return formatInteger(i, v)
        case "e", "E", "f", "g", "G":
            let n = try converted(.number)
            guard let num = n.numberValue else { throw unsupported("a number is required") }
            return formatFloat(num, v)
        case "s", "q":
            let s = try converted(.string)
            var str = s.stringValue ?? ""
            if let prec = v.precision, prec > 0 { str = String(str.prefix(prec)) }
            if v.mode == "q" { str = ValueJSON.quoted(str) }
            return pad(v, str)
        default:
            throw Failure.call("unsupported format verb \(GoQuote.quoteRune(v.mode.unicodeScalars.first ?? "?")) in \(GoQuote.quote(v.raw)) at offset \(v.offset)")
        }
    }

    static func pad(_ v: Verb, _ s: String) -> String {
        guard let width = v.width else { return s }
        let have = s.count
        if have >= width { return s }
        let pads = String(repeating: v.zero ? "0" : " ", count: width - have)
        return v.minus ? s + pads : pads + s
    }

    /// Go's big.Int Format for b, d, o, x, X.
    static func formatInteger(_ i: BigInt, _ v: Verb) -> String {
        let radix: Int
        var prefix = ""
        switch v.mode {
        case "b": radix = 2; if v.sharp { prefix = "0b" }
        case "o": radix = 8; if v.sharp { prefix = "0" }
        case "x": radix = 16; if v.sharp { prefix = "0x" }
        case "X": radix = 16; if v.sharp { prefix = "0X" }
        default: radix = 10
        }
        var digits = String(i.magnitude, radix: radix, uppercase: v.mode == "X")
        let sign = i < 0 ? "-" : (v.plus ? "+" : (v.space ? " " : ""))
        var zeros = 0
        if let prec = v.precision {
            if digits.count < prec { zeros = prec - digits.count } else if digits == "0" && prec == 0 { return "" }
        }
        var left = 0, right = 0
        let length = sign.count + prefix.count + zeros + digits.count
        if let width = v.width, length < width {
            let d = width - length
            if v.minus { right = d } else if v.zero && v.precision == nil { zeros = d } else { left = d }
        }
        digits = String(repeating: "0", count: zeros) + digits
        return String(repeating: " ", count: left) + sign + prefix + digits + String(repeating: " ", count: right)
    }

    /// Go's big.Float Format for e, E, f, g, G with fmt's flags.
    static func formatFloat(_ n: Number, _ v: Verb) -> String {
        let mode = v.mode
        let prec: Int? = v.precision ?? ((mode == "g" || mode == "G") ? nil : 6)
        var body = GoFloatText.format(n, mode: mode, precision: prec)
        var sign = ""
        if body.hasPrefix("-") {
            sign = "-"; body.removeFirst()
        } else if body.hasPrefix("+") {
            sign = v.space ? " " : "+"; body.removeFirst()
        } else if v.plus {
            sign = "+"
        } else if v.space {
            sign = " "
        }
        var padding = 0
        if let width = v.width, width > sign.count + body.count { padding = width - sign.count - body.count }
        if v.zero && !n.isInfinite {
            return sign + String(repeating: "0", count: padding) + body
        } else if v.minus {
            return sign + body + String(repeating: " ", count: padding)
        }
        return String(repeating: " ", count: padding) + sign + body
    }
}

/// Go's big.Float.Text for the 'e', 'E', 'f', 'g', 'G' formats; a nil
/// precision means the shortest text that identifies the value.
enum GoFloatText {
    static func format(_ x: Number, mode: Character, precision: Int?) -> String {
        if x.isInfinite { return x.sign < 0 ? "-Inf" : "+Inf" }
        var out = x.negative ? "-" : ""
        var d: NumberText.Decimal
        if x.isZero {
            d = NumberText.Decimal(mantissa: 0, exponent: 0)
        } else {
            d = NumberText.Decimal(mantissa: x.mantissa, exponent: x.exponent)
        }
        var prec = precision ?? -1
        let shortest = precision == nil
        if shortest {
            if !x.isZero { NumberText.roundShortest(&d, x) }
            switch mode {
            case "e", "E": prec = d.digits.count - 1
            case "f": prec = max(d.digits.count - d.point, 0)
            default: prec = d.digits.count
            }
        } else {
            switch mode {
            case "e", "E": d.round(1 + prec)
            case "f": d.round(d.point + prec)
            default:
                if prec == 0 { prec = 1 }
                d.round(prec)
            }
        }
        switch mode {
        case "e", "E":
            out += fmtE(mode, prec, d)
        case "f":
            out += fmtF(prec, d)
        default:
            var eprec = prec
            if eprec > d.digits.count && d.digits.count >= d.point { eprec = d.digits.count }
            if shortest { eprec = 6 }
            let exp = d.point - 1
            let e: Character = mode == "g" ? "e" : "E"
            if exp < -4 || exp >= eprec {
                if prec > d.digits.count { prec = d.digits.count }
                out += fmtE(e, prec - 1, d)
            } else {
                if prec > d.point { prec = d.digits.count }
                out += fmtF(max(prec - d.point, 0), d)
            }
        }
        return out
    }

    static func fmtE(_ e: Character, _ prec: Int, _ d: NumberText.Decimal) -> String {
        var out = ""
        out.unicodeScalars.append(UnicodeScalar(d.digits.first ?? UInt8(ascii: "0")))
        if prec > 0 {
            out += "."
            var i = 1
            let m = min(d.digits.count, prec + 1)
            if i < m { out += String(decoding: d.digits[i..<m], as: UTF8.self); i = m }
            while i <= prec { out += "0"; i += 1 }
        }
        out.append(e)
        var exp = d.digits.isEmpty ? 0 : d.point - 1
        if exp < 0 { out += "-"; exp = -exp } else { out += "+" }
        if exp < 10 { out += "0" }
        return out + String(exp)
    }

    static func fmtF(_ prec: Int, _ d: NumberText.Decimal) -> String {
        var out = ""
        if d.point > 0 {
            let m = min(d.digits.count, d.point)
            out += String(decoding: d.digits[0..<m], as: UTF8.self)
            if m < d.point { out += String(repeating: "0", count: d.point - m) }
        } else {
            out += "0"
        }
        if prec > 0 {
            out += "."
            var tail: [UInt8] = []
            tail.reserveCapacity(prec)
            for i in 0..<prec { tail.append(d.at(d.point + i)) }
            out += String(decoding: tail, as: UTF8.self)
        }
        return out
    }
}

extension GoQuote {
    /// Go's %q of a rune: single quotes, with escapes for quote and backslash.
    static func quoteRune(_ c: Unicode.Scalar) -> String {
        switch c {
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        default:
            if c.value < 0x20 || c.value == 0x7F { return String(format: "'\\x%02x'", c.value) }
            return "'\(c)'"
        }
    }
}
