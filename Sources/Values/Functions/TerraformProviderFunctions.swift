import HCL

/// Functions of Terraform's built-in provider (`provider::terraform::...`).
/// They are available only where the module declares the provider, so the
/// standard table omits them; scopes add them (see TerraformScope).
extension FunctionTable {
    public static let terraformProviderFamily: [String: Function] = [:]

    public static let terraformProviderFunctions: [String: Function] = [
        "provider::terraform::encode_tfvars": Function(
            parameters: [FunctionParameter("value", .dynamic)], returns: .string
        ) { args, _ in
            let v = args[0]
            guard v.type.isObject || v.type.isMap else {
                throw FunctionCallError("invalid value to encode: must be an object whose attribute names will become the encoded variable names")
            }
            let attrs = v.attributes ?? [:]
            var pairs: [(String, Value)] = []
            for name in attrs.keys.sorted(by: utf8Less) {
                guard HCLValueWriter.isIdentifier(name) else {
                    throw FunctionCallError("invalid variable name \(GoQuote.quote(name)): must be a valid identifier, per Terraform's rules for input variable declarations")
                }
                pairs.append((name, attrs[name] ?? .dynamicNull))
            }
            guard let text = HCLValueWriter.attributes(pairs) else {
                throw FunctionCallError("cannot encode unknown values")
            }
            return .string(text.isEmpty ? "" : text + "\n")
        },
        "provider::terraform::decode_tfvars": Function(
            parameters: [FunctionParameter("src", .string)], returnType: { _ in .dynamic }
        ) { args, _ in
            let src = args[0].stringValue ?? ""
            let filename = "<decode_tfvars argument>"
            let (file, diags) = Parser.parseFile(Array(src.utf8), filename: filename)
            if let d = diags.items.first(where: { $0.severity == .error }) {
                throw FunctionCallError("invalid tfvars syntax: \(describe(d))")
            }
            if let block = file.body.blocks.first {
                throw FunctionCallError("invalid tfvars content: \(block.typeRange.shortDescription): Unexpected \(GoQuote.quote(block.type)) block; Blocks are not allowed here.")
            }
            var out: [String: Value] = [:]
            for attr in file.body.attributes {
                let (v, d) = Evaluator.evaluate(attr.expression, in: .constantsOnly)
                if let e = d.items.first(where: { $0.severity == .error }) {
                    throw FunctionCallError("invalid expression for variable \(GoQuote.quote(attr.name)): \(describe(e))")
                }
                out[attr.name] = v
            }
            return .object(out)
        },
        "provider::terraform::encode_expr": Function(
            parameters: [FunctionParameter("value", .dynamic)], returns: .string
        ) { args, _ in
            guard let text = HCLValueWriter.expression(args[0]) else {
                throw FunctionCallError("cannot encode unknown values")
            }
            return .string(text)
        },
    ]

    /// HCL's Diagnostic.Error() text: `<range>: <summary>; <detail>`.
    static func describe(_ d: Diagnostic) -> String {
        let place = d.subject.map { $0.shortDescription + ": " } ?? ""
        return "\(place)\(d.summary); \(d.detail)"
    }
}
