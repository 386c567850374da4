/// Kinds of token produced by the native-syntax lexer. The set mirrors the
/// HCL specification's token classes, including the trivia (comments, newlines)
/// that the formatter needs and the parser skips.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    // Brackets and punctuation
    case oBrace          // {
    case cBrace          // }
    case oBrack          // [
    case cBrack          // ]
    case oParen          // (
    case cParen          // )
    case oQuote          // " opening a quoted template
    case cQuote          // " closing a quoted template
    case oHeredoc        // <<EOT or <<-EOT (whole marker, including the newline)
    case cHeredoc        // closing heredoc marker line

    // Operators
    case star, slash, plus, minus, percent
    case equal           // =
    case equalOp         // ==
    case notEqual        // !=
    case lessThan, lessThanEq, greaterThan, greaterThanEq
    case and             // &&
    case or              // ||
    case bang            // !
    case dot, comma
    case doubleColon     // ::
    case ellipsis        // ...
    case fatArrow        // =>
    case question, colon

    // Templates
    case templateInterp  // ${
    case templateControl // %{
    case templateSeqEnd  // } closing an interpolation or directive

    // Literals
    case quotedLit       // literal text inside a quoted template (escapes not yet applied)
    case stringLit       // literal text inside a heredoc template
    case numberLit
    case ident

    // Trivia
    case comment         // includes a trailing newline for # and // comments
    case newline

    case eof

    // Errors the parser reports with a tailored message
    case bitwiseAnd, bitwiseOr, bitwiseNot, bitwiseXor // & | ~ ^
    case starStar        // **
    case apostrophe      // '
    case backtick        // `
    case semicolon       // ;
    case tabs            // tab characters used as whitespace
    case invalid         // any other unexpected character
    case badUTF8         // bytes that are not valid UTF-8
    case quotedNewline   // a newline inside a quoted string
    case nilToken        // placeholder, never produced by the lexer
}

/// One token with its exact source text and range.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// The exact source bytes of the token, as UTF-8 text (lossily decoded for `.badUTF8`).
    public var text: String
    public var range: SourceRange

    public init(kind: TokenKind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }
}
