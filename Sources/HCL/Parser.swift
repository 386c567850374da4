import Foundation

/// Entry points of the native-syntax parser. Each returns a (possibly partial)
/// result together with every diagnostic found; the messages and ranges follow
/// hclsyntax so that Terraswift reports syntax errors exactly as Terraform does.
public enum Parser {
    /// Nesting depth (expressions, blocks, template directives) beyond which the
    /// parser stops with a diagnostic instead of recursing further.
    public static let maximumNestingDepth = 128

    /// Measured in a debug build: one nesting level can take up to ~50 KB of stack
    /// (a quoted template inside an interpolation), so 128 levels need ~6.4 MB. Swift's
    /// secondary threads have ~512 KB, so deeply nested input is parsed on a thread of
    /// its own with this much stack.
    static let largeStackSize = 64 << 20

    /// Nesting (brackets, templates, and operators that recurse without brackets)
    /// above which the parse moves to a large-stack thread. Measured safe on a 512 KB stack.
    static let inlineNestingBudget = 6

    /// A cheap upper bound on how deep the parser will recurse for these tokens.
    static func estimatedNesting(_ tokens: [Token]) -> Int {
        var depth = 0
        var maxDepth = 0
        var unbracketed = 0
        for t in tokens {
            switch t.kind {
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp:
                depth += 1
                if depth > maxDepth { maxDepth = depth }
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc, .templateSeqEnd:
                depth -= 1
            case .minus, .bang, .question, .templateControl:
                unbracketed += 1
            default:
                break
            }
        }
        return maxDepth + unbracketed
    }

    /// Runs `body` here when the input is shallow, else on a thread with a large stack.
    static func withEnoughStack<T: Sendable>(for tokens: [Token], _ body: @escaping @Sendable () -> T) -> T {
        if estimatedNesting(tokens) <= inlineNestingBudget { return body() }
        return onLargeStack(body)
    }

    /// Runs `body` on a thread of its own with a 64 MB stack and waits for it:
    /// for recursive work over input nested deeper than a secondary thread's
    /// ~512 KB stack can take.
    public static func onLargeStack<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = largeStackSize
        thread.start()
        done.wait()
        // The thread always stores a value before signalling.
        return box.value ?? body()
    }

    /// Parses a whole configuration file (`.tf`).
    public static func parseFile(_ source: [UInt8], filename: String, start: SourcePos = .start) -> (File, Diagnostics) {
        let tokens = Lexer.scan(source, filename: filename, start: start)
        var diags = invalidTokenDiagnostics(tokens)
        let (body, parseDiags) = withEnoughStack(for: tokens) { () -> (Body, Diagnostics) in
            let p = TokenParser(tokens: tokens)
            let body = p.parseBody(end: .eof)
            return (body, p.diags)
        }
        diags += parseDiags
        return (File(filename: filename, body: body, bytes: source), diags)
    }

    /// Parses a standalone expression (newlines are insignificant, as inside parentheses).
    public static func parseExpression(_ source: [UInt8], filename: String, start: SourcePos = .start) -> (HCLExpression, Diagnostics) {
        let tokens = Lexer.scan(source, filename: filename, start: start)
        var diags = invalidTokenDiagnostics(tokens)
        let (expr, parseDiags) = withEnoughStack(for: tokens) { () -> (HCLExpression, Diagnostics) in
            let p = TokenParser(tokens: tokens)
            p.pushIncludeNewlines(false)
            let expr = p.parseExpression()
            let next = p.peek()
            if next.kind != .eof && !p.recovery {
                p.diags += .error(
                    "Extra characters after expression",
                    "An expression was successfully parsed, but extra characters were found after it.",
                    subject: next.range)
            }
            p.popIncludeNewlines()
            return (expr, p.diags)
        }
        diags += parseDiags
        return (expr, diags)
    }

    /// Parses a bare template, as `templatefile` reads one: literal text with `${}` and `%{}` sequences.
    public static func parseTemplate(_ source: [UInt8], filename: String, start: SourcePos = .start) -> (HCLExpression, Diagnostics) {
        let tokens = Lexer.scan(source, filename: filename, start: start, mode: .template)
        var diags = invalidTokenDiagnostics(tokens)
        let (expr, parseDiags) = withEnoughStack(for: tokens) { () -> (HCLExpression, Diagnostics) in
            let p = TokenParser(tokens: tokens)
            let expr = p.parseTemplate(end: .eof, flushHeredoc: false, openRange: nil)
            return (expr, p.diags)
        }
        diags += parseDiags
        return (expr, diags)
    }

    /// Parses an absolute traversal such as `aws_instance.web[0].id` (used for addresses given on
    /// the command line and in `depends_on`-like positions).
    public static func parseTraversal(_ source: [UInt8], filename: String, start: SourcePos = .start) -> (Traversal?, Diagnostics) {
        let tokens = Lexer.scan(source, filename: filename, start: start)
        var diags = invalidTokenDiagnostics(tokens)
        let p = TokenParser(tokens: tokens)
        p.pushIncludeNewlines(false)
        let t = p.parseTraversalAbsolute()
        p.popIncludeNewlines()
        diags += p.diags
        return (t, diags)
    }

    /// The diagnostics hclsyntax raises for tokens that never belong in HCL source
    /// (bitwise operators, quotes from other languages, bad encoding...). The parser
    /// includes them already; the formatter uses this on its own token stream.
    public static func invalidTokenDiagnostics(_ tokens: [Token]) -> Diagnostics {
        var diags = Diagnostics()
        var toldBitwise = 0, toldExponent = 0, toldBacktick = 0, toldApostrophe = 0
        var toldSemicolon = 0, toldTabs = 0, toldBadUTF8 = 0
        for tok in tokens {
            switch tok.kind {
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot:
                if toldBitwise < 4 {
                    var suggestion = ""
                    switch tok.kind {
                    case .bitwiseAnd: suggestion = " Did you mean boolean AND (\"&&\")?"
                    case .bitwiseOr: suggestion = " Did you mean boolean OR (\"||\")?"
                    case .bitwiseNot: suggestion = " Did you mean boolean NOT (\"!\")?"
                    default: break
                    }
                    diags += .error("Unsupported operator", "Bitwise operators are not supported.\(suggestion)", subject: tok.range)
                    toldBitwise += 1
                }
            case .starStar:
                if toldExponent < 1 {
                    diags += .error("Unsupported operator", "\"**\" is not a supported operator. Exponentiation is not supported as an operator.", subject: tok.range)
                    toldExponent += 1
                }
            case .backtick:
                if toldBacktick % 2 == 0 {
                    diags += .error("Invalid character", "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".", subject: tok.range)
                }
                if toldBacktick <= 2 { toldBacktick += 1 }
            case .apostrophe:
                if toldApostrophe % 2 == 0 {
                    diags += .error("Invalid character", "Single quotes are not valid. Use double quotes (\") to enclose strings.", subject: tok.range)
                }
                if toldApostrophe <= 2 { toldApostrophe += 1 }
            case .semicolon:
                if toldSemicolon < 1 {
                    diags += .error("Invalid character", "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.", subject: tok.range)
                    toldSemicolon += 1
                }
            case .tabs:
                if toldTabs < 1 {
                    diags += .error("Invalid character", "Tab characters may not be used. The recommended indentation style is two spaces per indent.", subject: tok.range)
                    toldTabs += 1
                }
            case .badUTF8:
                if toldBadUTF8 < 1 {
                    diags += .error("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.", subject: tok.range)
                    toldBadUTF8 += 1
                }
            case .quotedNewline:
                diags += .error("Invalid multi-line string", "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.", subject: tok.range)
            case .invalid:
                if tok.text == "\u{201C}" || tok.text == "\u{201D}" {
                    diags += .error("Invalid character", "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\".", subject: tok.range)
                } else {
                    diags += .error("Invalid character", "This character is not used within the language.", subject: tok.range)
                }
            default:
                break
            }
        }
        return diags
    }
}

/// Carries a result back from the large-stack thread; the semaphore orders the accesses.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    init() {}
}

extension SourceRange {
    /// hcl.Range's textual form, used inside diagnostic details: `file:1,2-5` or `file:1,2-3,4`.
    public var hclDescription: String {
        if start.line == end.line {
            return "\(filename):\(start.line),\(start.column)-\(end.column)"
        }
        return "\(filename):\(start.line),\(start.column)-\(end.line),\(end.column)"
    }

    /// The empty range at this range's end.
    var endPoint: SourceRange { SourceRange(filename: filename, start: end, end: end) }
    /// The empty range at this range's start.
    var startPoint: SourceRange { SourceRange(filename: filename, start: start, end: start) }
}

/// The recursive-descent parser over one token stream. It mirrors hclsyntax's
/// peeker: comments are skipped (a line comment still ends its line), and
/// newlines are significant only where the current context says so.
final class TokenParser {
    let tokens: [Token]
    var nextIndex = 0
    var includeNewlinesStack: [Bool] = [true]
    /// Set once recovery has been attempted; later "bad token" errors are then suppressed.
    var recovery = false
    var diags = Diagnostics()
    var depth = 0
    var reportedDepth = false

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: Peeker

    var includingNewlines: Bool { includeNewlinesStack[includeNewlinesStack.count - 1] }
    func pushIncludeNewlines(_ include: Bool) { includeNewlinesStack.append(include) }
    func popIncludeNewlines() { if includeNewlinesStack.count > 1 { includeNewlinesStack.removeLast() } }

    /// The parser peeks the same position several times; remember the last answer.
    private var cacheIndex = -1
    private var cacheNewlines = false
    private var cacheToken = Token(kind: .nilToken, text: "", range: SourceRange(filename: "", start: .start, end: .start))
    private var cacheNext = 0

    private func nextToken() -> (Token, Int) {
        let nl = includingNewlines
        if cacheIndex == nextIndex && cacheNewlines == nl { return (cacheToken, cacheNext) }
        let (tok, next) = scanNextToken()
        cacheIndex = nextIndex
        cacheNewlines = nl
        cacheToken = tok
        cacheNext = next
        return (tok, next)
    }

    private func scanNextToken() -> (Token, Int) {
        var i = nextIndex
        while i < tokens.count {
            let tok = tokens[i]
            switch tok.kind {
            case .comment:
                if includingNewlines && tok.text.utf8.last == 0x0A {
                    // The comment swallowed its line's newline; stand a newline in for it.
                    return (Token(kind: .newline, text: "\n", range: tok.range), i + 1)
                }
                i += 1
                continue
            case .newline:
                if !includingNewlines {
                    i += 1
                    continue
                }
            default:
                break
            }
            return (tok, i + 1)
        }
        return (tokens[tokens.count - 1], tokens.count)
    }

    func peek() -> Token { nextToken().0 }

    @discardableResult
    func read() -> Token {
        let (tok, idx) = nextToken()
        nextIndex = idx
        return tok
    }

    var nextRange: SourceRange { peek().range }

    var prevRange: SourceRange {
        if nextIndex == 0 { return nextRange }
        return tokens[nextIndex - 1].range
    }

    // MARK: Depth guard

    /// Enters one nesting level; returns false (after reporting once) when too deep.
    func enterNesting(at range: SourceRange) -> Bool {
        if depth >= Parser.maximumNestingDepth {
            if !reportedDepth {
                reportedDepth = true
                diags += .error(
                    "Nesting too deep",
                    "This construct is nested more than \(Parser.maximumNestingDepth) levels deep, which is more than Terraswift supports. Simplify the configuration by moving nested values into local values.",
                    subject: range)
            }
            recovery = true
            return false
        }
        depth += 1
        return true
    }

    func leaveNesting() { depth -= 1 }

    // MARK: Recovery

    static func opposite(_ kind: TokenKind) -> TokenKind {
        switch kind {
        case .oBrace: return .cBrace
        case .oBrack: return .cBrack
        case .oParen: return .cParen
        case .oQuote: return .cQuote
        case .oHeredoc: return .cHeredoc
        case .cBrace: return .oBrace
        case .cBrack: return .oBrack
        case .cParen: return .oParen
        case .cQuote: return .oQuote
        case .cHeredoc: return .oHeredoc
        case .templateControl, .templateInterp: return .templateSeqEnd
        case .templateSeqEnd: return .templateInterp
        default: return .nilToken
        }
    }

    /// Skips to just after the `end` that closes the current bracket (counting nested pairs).
    @discardableResult
    func recover(_ end: TokenKind) -> Token {
        let start = TokenParser.opposite(end)
        recovery = true
        var nest = 0
        while true {
            let tok = read()
            var kind = tok.kind
            if end == .templateSeqEnd && kind == .templateControl { kind = .templateInterp }
            if kind == start {
                nest += 1
            } else if kind == end {
                if nest < 1 { return tok }
                nest -= 1
            } else if kind == .eof {
                return tok
            }
        }
    }

    /// Skips to the next `start` bracket and then past its matching end.
    func recoverOver(_ start: TokenKind) {
        let end = TokenParser.opposite(start)
        while true {
            let tok = read()
            if tok.kind == start || tok.kind == .eof { break }
        }
        recover(end)
    }

    func recoverAfterBodyItem() {
        recovery = true
        var open: [TokenKind] = []
        while true {
            let tok = read()
            switch tok.kind {
            case .newline:
                if open.isEmpty { return }
            case .eof:
                return
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl:
                open.append(tok.kind)
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc:
                let opener = TokenParser.opposite(tok.kind)
                while let last = open.last, last != opener { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            case .templateSeqEnd:
                while let last = open.last, last != .templateInterp && last != .templateControl { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            default:
                break
            }
        }
    }

    // MARK: Bodies

    func parseBody(end: TokenKind) -> Body {
        var items: [Body.Item] = []
        var seen: [String: SourceRange] = [:]
        let startRange = prevRange
        var endRange: SourceRange

        loop: while true {
            let next = peek()
            if next.kind == end {
                endRange = nextRange
                read()
                break loop
            }
            switch next.kind {
            case .newline:
                read()
                continue
            case .ident:
                switch parseBodyItem() {
                case .block(let b)?:
                    items.append(.block(b))
                case .attribute(let a)?:
                    if let existing = seen[a.name] {
                        diags += .error(
                            "Attribute redefined",
                            "The argument \(goQuote(a.name)) was already set at \(existing.hclDescription). Each argument may be set only once.",
                            subject: a.nameRange)
                    } else {
                        seen[a.name] = a.nameRange
                        items.append(.attribute(a))
                    }
                case nil:
                    continue
                }
            default:
                let bad = read()
                if !recovery {
                    switch bad.kind {
                    case .oQuote:
                        diags += .error("Invalid argument name", "Argument names must not be quoted.", subject: bad.range)
                    case .eof:
                        if end == .cBrace {
                            diags += .error("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", subject: startRange)
                        } else {
                            diags += .error("Unclosed configuration body", "Found end of file before the end of this configuration body.", subject: startRange)
                        }
                    default:
                        diags += .error("Argument or block definition required", "An argument or block definition is required here.", subject: bad.range)
                    }
                }
                endRange = prevRange
                recover(end)
                break loop
            }
        }
        return Body(items: items, range: startRange.through(endRange), endRange: endRange.endPoint)
    }

    func parseBodyItem() -> Body.Item? {
        let ident = read()
        if ident.kind != .ident {
            recoverAfterBodyItem()
            diags += .error("Argument or block definition required", "An argument or block definition is required here.", subject: ident.range)
            return nil
        }
        let next = peek()
        switch next.kind {
        case .equal:
            return .attribute(finishParsingBodyAttribute(ident, singleLine: false))
        case .oQuote, .oBrace, .ident:
            return finishParsingBodyBlock(ident).map { .block($0) }
        default:
            recoverAfterBodyItem()
            diags += .error("Argument or block definition required", "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.", subject: ident.range)
            return nil
        }
    }

    /// The body of `name { attr = value }` written on one line.
    func parseSingleAttributeBody() -> Body? {
        let ident = read()
        if ident.kind != .ident {
            recoverAfterBodyItem()
            diags += .error("Argument or block definition required", "An argument or block definition is required here.", subject: ident.range)
            return nil
        }
        let next = peek()
        switch next.kind {
        case .equal:
            let attr = finishParsingBodyAttribute(ident, singleLine: true)
            return Body(items: [.attribute(attr)], range: attr.range, endRange: attr.range.endPoint)
        case .oQuote, .oBrace, .ident:
            recoverAfterBodyItem()
            diags += .error(
                "Argument definition required",
                "A single-line block definition can contain only a single argument. If you meant to define argument \(goQuote(ident.text)), use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.",
                subject: ident.range.through(next.range))
            return nil
        default:
            recoverAfterBodyItem()
            diags += .error("Argument or block definition required", "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.", subject: ident.range)
            return nil
        }
    }

    func finishParsingBodyAttribute(_ ident: Token, singleLine: Bool) -> Attribute {
        let eq = read()
        let errorsBefore = diags.errorCount
        let expr = parseExpression()
        let exprHasErrors = diags.errorCount > errorsBefore
        var endRange: SourceRange
        if recovery && exprHasErrors {
            endRange = prevRange
            recoverAfterBodyItem()
        } else {
            endRange = prevRange
            if !singleLine {
                let end = peek()
                if end.kind != .newline && end.kind != .eof {
                    if !recovery {
                        var summary = "Missing newline after argument"
                        var detail = "An argument definition must end with a newline."
                        if end.kind == .comma {
                            summary = "Unexpected comma after argument"
                            detail = "Argument definitions must be separated by newlines, not commas. " + detail
                        }
                        diags += .error(summary, detail, subject: end.range, context: ident.range.through(end.range))
                    }
                    endRange = prevRange
                    recoverAfterBodyItem()
                } else {
                    endRange = prevRange
                    read()
                }
            }
        }
        return Attribute(name: ident.text, expression: expr, nameRange: ident.range, equalsRange: eq.range, range: ident.range.through(endRange))
    }

    func finishParsingBodyBlock(_ ident: Token) -> Block? {
        var labels: [BlockLabel] = []
        var oBrace: Token
        while true {
            let tok = peek()
            switch tok.kind {
            case .oBrace:
                oBrace = read()
            case .oQuote:
                let (value, range) = parseQuotedStringLiteral()
                labels.append(BlockLabel(value: value, range: range, isQuoted: true))
                continue
            case .ident:
                let t = read()
                labels.append(BlockLabel(value: t.text, range: t.range, isQuoted: false))
                continue
            default:
                switch tok.kind {
                case .equal:
                    diags += .error("Invalid block definition", "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.", subject: tok.range, context: ident.range.through(tok.range))
                case .newline:
                    diags += .error("Invalid block definition", "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.", subject: tok.range, context: ident.range.through(tok.range))
                default:
                    if !recovery {
                        diags += .error("Invalid block definition", "Either a quoted string block label or an opening brace (\"{\") is expected here.", subject: tok.range, context: ident.range.through(tok.range))
                    }
                }
                recoverAfterBodyItem()
                return Block(type: ident.text, typeRange: ident.range, labels: labels,
                             body: Body(items: [], range: ident.range, endRange: ident.range),
                             openBraceRange: ident.range, closeBraceRange: ident.range)
            }
            break
        }

        guard enterNesting(at: oBrace.range) else {
            recover(.cBrace)
            let r = prevRange
            return Block(type: ident.text, typeRange: ident.range, labels: labels,
                         body: Body(items: [], range: oBrace.range.through(r), endRange: r),
                         openBraceRange: oBrace.range, closeBraceRange: r)
        }
        defer { leaveNesting() }

        var body: Body?
        switch peek().kind {
        case .newline, .eof, .cBrace:
            body = parseBody(end: .cBrace)
        default:
            body = parseSingleAttributeBody()
            switch peek().kind {
            case .cBrace:
                read()
            case .comma:
                diags += .error("Invalid single-argument block definition", "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.", subject: nextRange)
                recover(.cBrace)
            case .newline:
                diags += .error("Invalid single-argument block definition", "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.", subject: nextRange)
                recover(.cBrace)
            default:
                if !recovery {
                    if peek().kind == .eof {
                        diags += .error("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", subject: oBrace.range, context: ident.range.through(oBrace.range))
                    } else {
                        diags += .error("Invalid single-argument block definition", "A single-line block definition must end with a closing brace immediately after its single argument definition.", subject: nextRange)
                    }
                }
                recover(.cBrace)
            }
        }
        let cBraceRange = prevRange

        let eol = peek()
        if eol.kind == .newline || eol.kind == .eof {
            read()
        } else {
            if !recovery {
                diags += .error("Missing newline after block definition", "A block definition must end with a newline.", subject: eol.range, context: ident.range.through(eol.range))
            }
            recoverAfterBodyItem()
        }

        let finalBody = body ?? Body(items: [], range: oBrace.range.through(cBraceRange), endRange: cBraceRange)
        return Block(type: ident.text, typeRange: ident.range, labels: labels, body: finalBody,
                     openBraceRange: oBrace.range, closeBraceRange: cBraceRange)
    }

    /// A quoted string that may not contain template sequences (block labels).
    func parseQuotedStringLiteral() -> (String, SourceRange) {
        let oQuote = read()
        if oQuote.kind != .oQuote {
            diags += .error("Invalid string literal", "A quoted string is required here.", subject: oQuote.range)
            return ("", oQuote.range)
        }
        var ret = ""
        var endRange: SourceRange
        loop: while true {
            let tok = read()
            switch tok.kind {
            case .cQuote:
                endRange = tok.range
                break loop
            case .quotedLit:
                let (s, d) = StringLiteral.decode(tok)
                diags += d
                ret += s
            case .templateControl, .templateInterp:
                let which = tok.kind == .templateControl ? "%" : "$"
                diags += .error(
                    "Invalid string literal",
                    "Template sequences are not allowed in this string. To include a literal \"\(which)\", double it (as \"\(which)\(which)\") to escape it.",
                    subject: tok.range, context: oQuote.range.through(tok.range))
                ret += which + "{ ... }"
                recover(.templateSeqEnd)
            case .eof:
                diags += .error("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.", subject: tok.range, context: oQuote.range.through(tok.range))
                endRange = tok.range
                break loop
            default:
                diags += .error("Invalid string literal", "This item is not valid in a string literal.", subject: tok.range, context: oQuote.range.through(tok.range))
                recover(.cQuote)
                endRange = tok.range
                break loop
            }
        }
        return (ret, oQuote.range.through(endRange))
    }
}

/// Go's `%q` rendering of a string, which hclsyntax uses inside messages.
func goQuote(_ s: String) -> String { GoStrings.quote(s, replacement: "\\ufffd") }
