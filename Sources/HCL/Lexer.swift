/// The native-syntax scanner. It produces the same token stream as hclsyntax's
/// scanner: every byte of the input except the spaces and tabs between tokens
/// belongs to exactly one token, so the stream can be printed back losslessly
/// (the formatter relies on this). Errors are never raised here: unexpected
/// input becomes error tokens (`.invalid`, `.badUTF8`, `.quotedNewline`, ...)
/// that the parser turns into diagnostics.
public enum Lexer {
    /// What the scanner expects at the top level.
    public enum Mode: Sendable {
        /// A configuration file or a standalone expression.
        case normal
        /// A bare template, as given to `templatefile`: literal text with `${}`/`%{}` sequences.
        case template
    }

    public static func scan(_ source: [UInt8], filename: String, start: SourcePos = .start, mode: Mode = .normal) -> [Token] {
        var scanner = TokenScanner(source: source, filename: filename, start: start, mode: mode)
        scanner.run()
        return scanner.tokens
    }
}

/// The scanner's working state. Template and heredoc bodies are scanned in
/// their own modes; `${`/`%{` push the normal mode and the matching `}` pops it,
/// which is why brace depth is tracked (a `}` closes a template sequence only
/// at the depth where it was opened).
struct TokenScanner {
    enum Context {
        case main
        case quoted
        case heredoc(marker: ArraySlice<UInt8>, startOfLine: Bool)
        case bare
    }

    let data: [UInt8]
    let filename: String
    var tokens: [Token] = []
    var p: Int
    /// Position just after the last emitted token (or the start).
    var lastPos: SourcePos
    var stack: [Context]
    var braces = 0
    var retBraces: [Int] = []
    /// The difference between the caller's byte numbering and our index into `data`.
    let byteOffsetBias: Int

    init(source: [UInt8], filename: String, start: SourcePos, mode: Lexer.Mode) {
        data = source
        self.filename = filename
        var s = start
        byteOffsetBias = start.byte
        p = 0
        // A UTF-8 byte order mark is skipped; it takes up bytes but no column.
        if source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF {
            p = 3
            s.byte += 3
        }
        lastPos = s
        stack = [mode == .normal ? .main : .bare]
        tokens.reserveCapacity(source.count / 4 + 16)
    }

    // MARK: - Emission

    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        var startPos = lastPos
        // Only spaces and tabs may lie between tokens, one column per byte.
        let base = lastPos.byte - byteOffsetBias
        startPos.column += start - base
        startPos.byte = start + byteOffsetBias
        var endPos = startPos
        endPos.byte = end + byteOffsetBias
        advance(&endPos, over: start, end)
        lastPos = endPos
        let text = String(decoding: data[start..<end], as: UTF8.self)
        tokens.append(Token(kind: kind, text: text, range: SourceRange(filename: filename, start: startPos, end: endPos)))
    }


    /// Moves a position across bytes, counting lines and grapheme clusters as hclsyntax does.
    func advance(_ pos: inout SourcePos, over start: Int, _ end: Int) {
        var i = start
        while i < end {
            let b = data[i]
            if b < 0x80 {
                // ASCII: a following combining mark would join this cluster, so
                // only take the fast path when the next byte is ASCII too.
                if i + 1 < end && data[i + 1] >= 0x80 {
                    break
                }
                if b == 0x0A {
                    pos.line += 1
                    pos.column = 1
                } else if b == 0x0D && i + 1 < end && data[i + 1] == 0x0A {
                    pos.line += 1
                    pos.column = 1
                    i += 1
                } else {
                    pos.column += 1
                }
                i += 1
            } else {
                break
            }
        }
        if i >= end { return }
        // Slow path: count Swift Characters (extended grapheme clusters).
        let rest = String(decoding: data[i..<end], as: UTF8.self)
        for ch in rest {
            if ch == "\n" || ch == "\r\n" {
                pos.line += 1
                pos.column = 1
            } else {
                pos.column += 1
            }
        }
    }

    // MARK: - Byte classes

    @inline(__always) func byte(_ i: Int) -> UInt8? { i < data.count ? data[i] : nil }

    /// Length of a complete (leniently checked, as hclsyntax does) UTF-8 sequence at `i`, or 0.
    func utf8Length(at i: Int) -> Int {
        guard i < data.count else { return 0 }
        let b = data[i]
        let n: Int
        switch b {
        case 0x00...0x7F: return 1
        case 0xC0...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF7: n = 4
        default: return 0
        }
        if i + n > data.count { return 0 }
        for k in 1..<n where data[i + k] & 0xC0 != 0x80 { return 0 }
        return n
    }

    func scalar(at i: Int, length n: Int) -> Unicode.Scalar? {
        let b = data[i]
        var v: UInt32
        switch n {
        case 1: return Unicode.Scalar(b)
        case 2: v = UInt32(b & 0x1F)
        case 3: v = UInt32(b & 0x0F)
        default: v = UInt32(b & 0x07)
        }
        for k in 1..<n { v = (v << 6) | UInt32(data[i + k] & 0x3F) }
        return Unicode.Scalar(v)
    }

    /// Length of an identifier-start character at `i`, or 0.
    func identStartLength(at i: Int) -> Int {
        guard let b = byte(i) else { return 0 }
        if b < 0x80 {
            return (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F ? 1 : 0
        }
        let n = utf8Length(at: i)
        guard n > 0, let s = scalar(at: i, length: n), s.properties.isIDStart else { return 0 }
        return n
    }

    func identContinueLength(at i: Int) -> Int {
        guard let b = byte(i) else { return 0 }
        if b < 0x80 {
            let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
            return ok ? 1 : 0
        }
        let n = utf8Length(at: i)
        guard n > 0, let s = scalar(at: i, length: n), s.properties.isIDContinue else { return 0 }
        return n
    }

    /// End of an identifier starting at `i` (which must be an identifier start).
    func identEnd(from i: Int) -> Int {
        var j = i + identStartLength(at: i)
        while true {
            let n = identContinueLength(at: j)
            if n == 0 { return j }
            j += n
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    // MARK: - Driver

    mutating func run() {
        while p < data.count {
            switch stack[stack.count - 1] {
            case .main: scanMain()
            case .quoted: scanQuoted()
            case .heredoc: scanHeredoc()
            case .bare: scanBare()
            }
        }
        emit(.eof, data.count, data.count)
    }

    mutating func pushTemplateSequence(_ kind: TokenKind, length: Int) {
        emit(kind, p, p + length)
        p += length
        braces += 1
        retBraces.append(braces)
        if case .heredoc(let marker, _) = stack[stack.count - 1] {
            stack[stack.count - 1] = .heredoc(marker: marker, startOfLine: false)
        }
        stack.append(.main)
    }

    /// Length of `${`, `${~`, `%{` or `%{~` at `p` for the given introducer, or 0.
    func sequenceIntroducer(_ intro: UInt8, at i: Int) -> Int {
        guard byte(i) == intro, byte(i + 1) == 0x7B else { return 0 }
        return byte(i + 2) == 0x7E ? 3 : 2
    }

    /// Length of a `$`/`%` that is literal text: `$${` (escape, with optional `~`) or a lone `$`.
    /// Returns 0 when at end of input (the sign cannot be classified yet).
    func literalSignLength(_ sign: UInt8, at i: Int) -> Int {
        guard byte(i) == sign else { return 0 }
        guard let next = byte(i + 1) else { return 0 }
        if next == sign && byte(i + 2) == 0x7B {
            return byte(i + 3) == 0x7E ? 4 : 3
        }
        return 1
    }

    // MARK: Normal mode

    mutating func scanMain() {
        let b = data[p]
        switch b {
        case 0x20, 0x09:
            p += 1
            while let c = byte(p), c == 0x20 || c == 0x09 { p += 1 }
            // Spaces are not tokens, but the next token's column must count them.
        case 0x30...0x39:
            var j = p + 1
            var lastGood = j
            while let c = byte(j) {
                if TokenScanner.isDigit(c) {
                    j += 1
                    lastGood = j
                } else if c == 0x2E {
                    j += 1
                } else if c == 0x65 || c == 0x45 {
                    var k = j + 1
                    if let s = byte(k), s == 0x2B || s == 0x2D { k += 1 }
                    if let d = byte(k), TokenScanner.isDigit(d) {
                        j = k + 1
                        lastGood = j
                    } else {
                        break
                    }
                } else {
                    break
                }
            }
            single(.numberLit, lastGood - p)
        case 0x0A:
            single(.newline, 1)
        case 0x0D:
            if byte(p + 1) == 0x0A { single(.newline, 2) } else { single(.invalid, 1) }
        case 0x23: // #
            lineComment()
        case 0x2F: // /
            if byte(p + 1) == 0x2F {
                lineComment()
            } else if byte(p + 1) == 0x2A, let end = blockCommentEnd() {
                single(.comment, end - p)
            } else {
                single(.slash, 1)
            }
        case 0x3D: // =
            if byte(p + 1) == 0x3D { single(.equalOp, 2) } else if byte(p + 1) == 0x3E { single(.fatArrow, 2) } else { single(.equal, 1) }
        case 0x21: // !
            if byte(p + 1) == 0x3D { single(.notEqual, 2) } else { single(.bang, 1) }
        case 0x3E: // >
            if byte(p + 1) == 0x3D { single(.greaterThanEq, 2) } else { single(.greaterThan, 1) }
        case 0x3C: // <
            if let len = heredocIntroducerLength() {
                startHeredoc(length: len)
            } else if byte(p + 1) == 0x3D {
                single(.lessThanEq, 2)
            } else {
                single(.lessThan, 1)
            }
        case 0x26: // &
            if byte(p + 1) == 0x26 { single(.and, 2) } else { single(.bitwiseAnd, 1) }
        case 0x7C: // |
            if byte(p + 1) == 0x7C { single(.or, 2) } else { single(.bitwiseOr, 1) }
        case 0x3A: // :
            if byte(p + 1) == 0x3A { single(.doubleColon, 2) } else { single(.colon, 1) }
        case 0x2E: // .
            if byte(p + 1) == 0x2E && byte(p + 2) == 0x2E { single(.ellipsis, 3) } else { single(.dot, 1) }
        case 0x7B: // {
            single(.oBrace, 1)
            braces += 1
        case 0x7D: // }
            closeBrace(length: 1)
        case 0x7E: // ~
            if byte(p + 1) == 0x7D { closeBrace(length: 2) } else { single(.bitwiseNot, 1) }
        case 0x22: // "
            single(.oQuote, 1)
            stack.append(.quoted)
        case 0x5B: single(.oBrack, 1)
        case 0x5D: single(.cBrack, 1)
        case 0x28: single(.oParen, 1)
        case 0x29: single(.cParen, 1)
        case 0x2C: single(.comma, 1)
        case 0x2A: single(.star, 1)
        case 0x25: single(.percent, 1)
        case 0x2B: single(.plus, 1)
        case 0x2D: single(.minus, 1)
        case 0x3F: single(.question, 1)
        case 0x5E: single(.bitwiseXor, 1)
        case 0x3B: single(.semicolon, 1)
        case 0x60: single(.backtick, 1)
        case 0x27: single(.apostrophe, 1)
        default:
            if identStartLength(at: p) > 0 {
                single(.ident, identEnd(from: p) - p)
            } else if b < 0x80 {
                single(.invalid, 1)
            } else {
                let n = utf8Length(at: p)
                if n == 0 { single(.badUTF8, 1) } else { single(.invalid, n) }
            }
        }
    }

    mutating func single(_ kind: TokenKind, _ length: Int) {
        emit(kind, p, p + length)
        p += length
    }

    mutating func lineComment() {
        var j = p
        while j < data.count && data[j] != 0x0A { j += 1 }
        if j < data.count { j += 1 }
        single(.comment, j - p)
    }

    /// End (exclusive) of a `/* */` comment at `p`, or nil when it is never closed.
    func blockCommentEnd() -> Int? {
        var j = p + 2
        while j + 1 < data.count {
            if data[j] == 0x2A && data[j + 1] == 0x2F { return j + 2 }
            j += 1
        }
        return nil
    }

    /// Length of `<<EOT\n` / `<<-EOT\r\n` at `p`, or nil.
    func heredocIntroducerLength() -> Int? {
        guard byte(p + 1) == 0x3C else { return nil }
        var j = p + 2
        if byte(j) == 0x2D { j += 1 }
        guard identStartLength(at: j) > 0 else { return nil }
        j = identEnd(from: j)
        if byte(j) == 0x0A { return j + 1 - p }
        if byte(j) == 0x0D && byte(j + 1) == 0x0A { return j + 2 - p }
        return nil
    }

    mutating func startHeredoc(length: Int) {
        var ms = p + 2
        if data[ms] == 0x2D { ms += 1 }
        var me = p + length - 1
        if data[me - 1] == 0x0D { me -= 1 }
        let marker = data[ms..<me]
        single(.oHeredoc, length)
        stack.append(.heredoc(marker: marker, startOfLine: true))
    }

    mutating func closeBrace(length: Int) {
        if let last = retBraces.last, last == braces {
            single(.templateSeqEnd, length)
            braces -= 1
            retBraces.removeLast()
            if stack.count > 1 { stack.removeLast() }
        } else {
            // A stray `~}` is still a sequence end, so the parser can say it is misplaced.
            single(length == 2 ? .templateSeqEnd : .cBrace, length)
            braces -= 1
        }
    }

    // MARK: Quoted template mode

    mutating func scanQuoted() {
        let n = sequenceIntroducer(0x24, at: p)
        if n > 0 { pushTemplateSequence(.templateInterp, length: n); return }
        let m = sequenceIntroducer(0x25, at: p)
        if m > 0 { pushTemplateSequence(.templateControl, length: m); return }
        let b = data[p]
        switch b {
        case 0x22:
            single(.cQuote, 1)
            stack.removeLast()
        case 0x24, 0x25:
            let len = literalSignLength(b, at: p)
            if len == 0 { single(.invalid, data.count - p) } else { single(.quotedLit, len) }
        case 0x0A, 0x0D:
            var j = p
            while j < data.count && (data[j] == 0x0A || data[j] == 0x0D) { j += 1 }
            single(.quotedNewline, j - p)
        default:
            var j = p
            while j < data.count {
                let c = data[j]
                if c == 0x24 || c == 0x25 || c == 0x22 || c == 0x0A || c == 0x0D { break }
                if c < 0x80 && c != 0x5C {
                    j += 1
                    continue
                }
                if c == 0x5C {
                    let n = utf8Length(at: j + 1)
                    if n == 0 || data[j + 1] == 0x0A || data[j + 1] == 0x0D { break }
                    j += 1 + n
                    continue
                }
                let n = utf8Length(at: j)
                if n == 0 { break }
                j += n
            }
            if j > p {
                single(.quotedLit, j - p)
            } else if b == 0x5C {
                single(.invalid, 1)
            } else {
                single(.badUTF8, 1)
            }
        }
    }

    // MARK: Heredoc template mode

    mutating func scanHeredoc() {
        guard case .heredoc(let marker, let startOfLine) = stack[stack.count - 1] else { return }
        let n = sequenceIntroducer(0x24, at: p)
        if n > 0 { pushTemplateSequence(.templateInterp, length: n); return }
        let m = sequenceIntroducer(0x25, at: p)
        if m > 0 { pushTemplateSequence(.templateControl, length: m); return }
        let b = data[p]
        var j = p
        if b == 0x24 || b == 0x25 {
            j += literalSignLength(b, at: p)
            if j == p { single(.stringLit, data.count - p); return }
        } else {
            while j < data.count {
                let c = data[j]
                if c == 0x24 || c == 0x25 || c == 0x0A || c == 0x0D { break }
                if c < 0x80 {
                    j += 1
                    continue
                }
                let n = utf8Length(at: j)
                if n == 0 { break }
                j += n
            }
        }
        // A literal that runs to the end of its line may be the closing marker.
        var eol = 0
        if byte(j) == 0x0A { eol = 1 } else if byte(j) == 0x0D && byte(j + 1) == 0x0A { eol = 2 }
        if eol > 0 {
            if startOfLine && trimmedEquals(p, j, marker) {
                emit(.cHeredoc, p, j)
                emit(.newline, j, j + eol)
                p = j + eol
                stack.removeLast()
                return
            }
            stack[stack.count - 1] = .heredoc(marker: marker, startOfLine: true)
            single(.stringLit, j + eol - p)
            return
        }
        if j == p {
            // A byte no literal can hold: broken UTF-8 or a lone carriage return.
            single(utf8Length(at: p) == 0 ? .badUTF8 : .invalid, 1)
            return
        }
        stack[stack.count - 1] = .heredoc(marker: marker, startOfLine: false)
        single(.stringLit, j - p)
    }

    func trimmedEquals(_ start: Int, _ end: Int, _ marker: ArraySlice<UInt8>) -> Bool {
        var s = start
        var e = end
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x0A }
        while s < e && isSpace(data[s]) { s += 1 }
        while e > s && isSpace(data[e - 1]) { e -= 1 }
        return data[s..<e].elementsEqual(marker)
    }

    // MARK: Bare template mode

    mutating func scanBare() {
        let n = sequenceIntroducer(0x24, at: p)
        if n > 0 { pushTemplateSequence(.templateInterp, length: n); return }
        let m = sequenceIntroducer(0x25, at: p)
        if m > 0 { pushTemplateSequence(.templateControl, length: m); return }
        let b = data[p]
        var j = p
        if b == 0x24 || b == 0x25 {
            j += literalSignLength(b, at: p)
            // A trailing sign at the very end of a bare template is literal text.
            if j == p { j = data.count }
        } else {
            while j < data.count {
                let c = data[j]
                if c == 0x24 || c == 0x25 || c == 0x0A || c == 0x0D { break }
                if c < 0x80 {
                    j += 1
                    continue
                }
                let n = utf8Length(at: j)
                if n == 0 { break }
                j += n
            }
        }
        if byte(j) == 0x0A { j += 1 } else if byte(j) == 0x0D && byte(j + 1) == 0x0A { j += 2 }
        if j == p {
            single(utf8Length(at: p) == 0 ? .badUTF8 : .invalid, 1)
            return
        }
        single(.stringLit, j - p)
    }
}
