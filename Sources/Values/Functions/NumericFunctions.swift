import BigInt
import Foundation

extension FunctionTable {
    public static let numericFamily: [String: Function] = [
        "abs": Function(
            parameters: [FunctionParameter("num", .number, allowDynamicType: true, allowMarked: true)],
            returns: .number
        ) { args, _ in
            let (v, m) = args[0].unmarked()
            return .number(try v.number().magnitude).marked(with: m)
        },
        "ceil": Function(parameters: [FunctionParameter("num", .number)], returns: .number) { args, _ in
            .number(roundToInteger(try args[0].number(), up: true))
        },
        "floor": Function(parameters: [FunctionParameter("num", .number)], returns: .number) { args, _ in
            .number(roundToInteger(try args[0].number(), up: false))
        },
        "log": Function(parameters: [FunctionParameter("num", .number), FunctionParameter("base", .number)], returns: .number) { args, _ in
            let r = Foundation.log(try args[0].number().doubleValue) / Foundation.log(try args[1].number().doubleValue)
            return try floatResult(r)
        },
        "pow": Function(parameters: [FunctionParameter("num", .number), FunctionParameter("power", .number)], returns: .number) { args, _ in
            try floatResult(Foundation.pow(try args[0].number().doubleValue, try args[1].number().doubleValue))
        },
        "signum": Function(parameters: [FunctionParameter("num", .number)], returns: .number) { args, _ in
            let n = try args[0].number()
            guard n.isInteger, n.intValue != nil else {
                throw FunctionCallError("value must be a whole number, between -9223372036854775808 and 9223372036854775807")
            }
            return .int(n.sign)
        },
        "max": Function(
            parameters: [], variadic: FunctionParameter("numbers", .number, allowDynamicType: true),
            returns: .number
        ) { args, _ in
            guard var best = args.first else { throw FunctionCallError("must pass at least one number") }
            best = .number(.negativeInfinity)
            for a in args where Number.compare(try a.number(), try best.number()) > 0 { best = a }
            return best
        },
        "min": Function(
            parameters: [], variadic: FunctionParameter("numbers", .number, allowDynamicType: true),
            returns: .number
        ) { args, _ in
            guard var best = args.first else { throw FunctionCallError("must pass at least one number") }
            best = .number(.positiveInfinity)
            for a in args where Number.compare(try a.number(), try best.number()) < 0 { best = a }
            return best
        },
        "parseint": Function(
            parameters: [FunctionParameter("number", .dynamic), FunctionParameter("base", .number)],
            returnType: { args in
                guard args[0].type == .string else {
                    throw FunctionArgumentError(argument: 0, "first argument must be a string, not \(args[0].type.friendlyName)")
                }
                return .number
            }
        ) { args, _ in
            let text = args[0].stringValue ?? ""
            guard let base = try args[1].number().intValue else {
                throw FunctionArgumentError(argument: 1, "value must be a whole number, between -9223372036854775808 and 9223372036854775807")
            }
            guard (2...62).contains(base) else {
                throw FunctionArgumentError(argument: 1, "base must be a whole number between 2 and 62 inclusive")
            }
            guard let n = parseInteger(text, base: base) else {
                throw FunctionArgumentError(argument: 0, "cannot parse \(GoQuote.quote(text)) as a base \(base) integer")
            }
            return .bigInt(n)
        },
    ]

    /// A float64 result the way cty stores one; NaN has no Terraform representation.
    static func floatResult(_ d: Double) throws -> Value {
        guard !d.isNaN else { throw FunctionCallError("the result is not a number (NaN)") }
        return .double(d)
    }

    /// Floor or ceiling, keeping the argument's precision as cty does.
    static func roundToInteger(_ n: Number, up: Bool) -> Number {
        guard !n.isInfinite, let i = n.truncatedInteger else { return n }
        if n.isInteger { return n }
        var r = i
        if up && n.sign > 0 { r += 1 }
        if !up && n.sign < 0 { r -= 1 }
        let result = Number(r)
        return Number.make(negative: result.negative, mantissa: result.mantissa, exponent: result.exponent, precision: n.precision)
    }

    /// Go's big.Int SetString for bases 2...62 (letters case-insensitive up to base 36).
    static func parseInteger(_ text: String, base: Int) -> BigInt? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var result = BigInt(0)
        let b = BigInt(base)
        var chunk = 0, chunkMul = 1
        for c in s.unicodeScalars {
            let v: Int
            switch c.value {
            case 48...57: v = Int(c.value) - 48
            case 97...122: v = Int(c.value) - 97 + 10
            case 65...90: v = base <= 36 ? Int(c.value) - 65 + 10 : Int(c.value) - 65 + 36
            default: return nil
            }
            guard v < base else { return nil }
            chunk = chunk * base + v
            chunkMul *= base
            if chunkMul > (1 << 40) {
                result = result * BigInt(chunkMul) + BigInt(chunk)
                chunk = 0; chunkMul = 1
            }
        }
        _ = b
        result = result * BigInt(chunkMul) + BigInt(chunk)
        return negative ? -result : result
    }
}

extension Value {
    /// The number inside a known number value (functions receive converted arguments).
    func number() throws -> Number {
        guard let n = numberValue else { throw FunctionCallError("a number is required") }
        return n
    }
}
