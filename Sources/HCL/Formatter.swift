/// `terraform fmt` for one file: HCL's canonical layout plus terraform's own
/// rewrites, byte for byte as terraform 1.11 produces them.
public enum Formatter {
    /// Formats native-syntax source. A file with syntax errors is refused:
    /// the output is the input unchanged and the diagnostics say why.
    public static func format(_ source: [UInt8], filename: String) -> (output: [UInt8], diagnostics: Diagnostics) {
        let diagnostics = syntaxDiagnostics(source, filename: filename)
        if diagnostics.hasErrors {
            return (source, diagnostics)
        }
        return (formatValid(source, filename: filename), diagnostics)
    }

    /// Formats without checking syntax first; the result for invalid input is
    /// unspecified (but never a crash).
    public static func formatValid(_ source: [UInt8], filename: String) -> [UInt8] {
        let lexed = Lexer.scan(source, filename: filename)
        var tokens = FormatRewriter.rewrite(FormatToken.from(lexed, source: source))
        FormatLayout.apply(&tokens)
        var out: [UInt8] = []
        out.reserveCapacity(source.count + source.count / 8)
        tokens.writeBytes(into: &out)
        return out
    }
}
