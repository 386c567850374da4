/// Type conversion and sensitivity functions. `try` and `can` need the
/// unevaluated argument expressions, so the evaluator implements them; the
/// entries here only make them visible by name.
extension FunctionTable {
    public static let conversionFamily: [String: Function] = {
        var f: [String: Function] = [:]
        f["tostring"] = conversion(to: .string)
        f["tonumber"] = conversion(to: .number)
        f["tobool"] = conversion(to: .bool)
        f["tolist"] = conversion(to: .list(.dynamic))
        f["toset"] = conversion(to: .set(.dynamic))
        f["tomap"] = conversion(to: .map(.dynamic))

        let anyValue = FunctionParameter("value", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)
        f["sensitive"] = Function(parameters: [anyValue], returnType: { $0[0].type }) { args, _ in
            args[0].marked(.sensitive)
        }
        f["nonsensitive"] = Function(parameters: [anyValue], returnType: { $0[0].type }) { args, _ in
            var v = args[0]
            v.marks.remove(.sensitive)
            return v
        }
        f["issensitive"] = Function(parameters: [anyValue], returns: .bool) { args, _ in
            if args[0].isSensitive { return .true }
            if !args[0].isKnown { return .unknown(.bool) }
            return .false
        }
        // Evaluated specially (they see expressions, not values); listed for name lookup.
        f["try"] = Function(parameters: [], variadic: FunctionParameter("expressions", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true), returns: .dynamic) { args, _ in
            guard let first = args.first else { throw FunctionCallError("at least one argument is required") }
            return first
        }
        f["can"] = Function(parameters: [FunctionParameter("expression", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)], returns: .bool) { args, _ in
            args[0].isWhollyKnown ? .true : .unknown(.bool)
        }
        return f
    }()

    /// `type()`, which Terraform offers only in the console.
    // Marked arguments are accepted so a sensitive value's type is not itself
    // sensitive: terraform console prints `type(sensitive(1))` as `number`.
    public static let typeFunction = Function(
        parameters: [FunctionParameter("value", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
        returns: .typeValue
    ) { args, _ in .typeValue(args[0].type) }

    static func conversion(to want: ValueType) -> Function {
        Function(
            parameters: [FunctionParameter("v", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
            returnType: { args in
                let got = args[0].type
                if got == want { return want }
                if !Conversion.canConvert(got, to: want, lossy: true) {
                    if got.isTuple && want.isTuple {
                        throw FunctionArgumentError(argument: 0, "incompatible tuple type for conversion: \(Conversion.mismatchMessage(got: got, want: want))")
                    }
                    if got.isObject && want.isObject {
                        throw FunctionArgumentError(argument: 0, "incompatible object type for conversion: \(Conversion.mismatchMessage(got: got, want: want))")
                    }
                    throw FunctionArgumentError(argument: 0, "cannot convert \(got.friendlyName) to \(want.friendlyNameForConstraint)")
                }
                return want
            }
        ) { args, ctx in
            if !args[0].isKnown { return Value.unknown(ctx.returnType).marked(with: args[0].marks) }
            do {
                return try Conversion.convert(args[0], to: ctx.returnType)
            } catch {
                let (val, _) = args[0].unmarkedDeep()
                let got = val.type
                if args[0].deepMarks.contains(.sensitive) {
                    throw FunctionArgumentError(argument: 0, "cannot convert this sensitive \(got.friendlyName) to \(want.friendlyNameForConstraint)")
                }
                if got == .string && want == .bool {
                    let what = val.stringValue.map { GoQuote.quote($0) } ?? "string"
                    throw FunctionArgumentError(argument: 0, "cannot convert \(what) to bool; only the strings \"true\" or \"false\" are allowed")
                }
                if got == .string && want == .number {
                    let what = val.stringValue.map { GoQuote.quote($0) } ?? "string"
                    throw FunctionArgumentError(argument: 0, "cannot convert \(what) to number; given string must be a decimal representation of a number")
                }
                throw FunctionArgumentError(argument: 0, "cannot convert \(got.friendlyName) to \(want.friendlyNameForConstraint)")
            }
        }
    }
}
