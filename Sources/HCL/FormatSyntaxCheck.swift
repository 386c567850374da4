extension Formatter {
    /// Terraform refuses to format a file that does not parse, because the
    /// layout rules could mangle it beyond easy repair.
    static func syntaxDiagnostics(_ source: [UInt8], filename: String) -> Diagnostics {
        var diags = Diagnostics()
        for t in Lexer.scan(source, filename: filename) {
            switch t.kind {
            case .invalid, .badUTF8, .quotedNewline, .bitwiseAnd, .bitwiseOr, .bitwiseNot, .bitwiseXor,
                 .starStar, .apostrophe, .backtick, .semicolon:
                diags.append(.error("Invalid character", "This character is not used within the language.", subject: t.range))
            default:
                break
            }
        }
        return diags
    }
}
