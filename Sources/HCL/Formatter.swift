/// `terraform fmt` for one file: HCL's canonical layout plus terraform's own
/// rewrites, byte for byte as terraform 1.11 produces them.
public enum Formatter {
    /// Formats native-syntax source. A file with syntax errors is refused:
    /// the output is the input unchanged and the diagnostics say why.
    public static func format(_ source: [UInt8], filename: String) -> (output: [UInt8], diagnostics: Diagnostics) {
        // One scan serves both the syntax check and the formatting.
        let lexed = Lexer.scan(source, filename: filename)
        let diagnostics = syntaxDiagnostics(lexed)
        if diagnostics.hasErrors {
            return (source, diagnostics)
        }
        return (formatTokens(lexed, source: source), diagnostics)
    }

    /// Formats without checking syntax first; the result for invalid input is
    /// unspecified (but never a crash).
    public static func formatValid(_ source: [UInt8], filename: String) -> [UInt8] {
        formatTokens(Lexer.scan(source, filename: filename), source: source)
    }

    static func formatTokens(_ lexed: [Token], source: [UInt8]) -> [UInt8] {
        var tokens = FormatRewriter.rewrite(FormatToken.from(lexed, source: source))
        FormatLayout.apply(&tokens)
        var out: [UInt8] = []
        out.reserveCapacity(source.count + source.count / 8)
        tokens.writeBytes(into: &out)
        return out
    }
}
