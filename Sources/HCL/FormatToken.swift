/// A token as the formatter handles it: its kind, its bytes, and the number of
/// spaces to print before it. Formatting only ever changes `spacesBefore`
/// (and terraform's rewrites replace whole tokens), so the bytes of comments,
/// strings and heredocs reach the output untouched.
struct FormatToken {
    var kind: TokenKind
    var bytes: ArraySlice<UInt8>
    var spacesBefore: Int

    init(kind: TokenKind, bytes: ArraySlice<UInt8>, spacesBefore: Int = 0) {
        self.kind = kind
        self.bytes = bytes
        self.spacesBefore = spacesBefore
    }

    init(_ kind: TokenKind, _ text: String) {
        self.kind = kind
        self.bytes = ArraySlice(text.utf8)
        self.spacesBefore = 0
    }

    /// Single-line comments own their newline, so they end a line too.
    var endsLine: Bool {
        kind == .newline || (kind == .comment && bytes.last == 0x0A)
    }

    /// +1 for tokens that open a nesting level, -1 for those that close one,
    /// as hclwrite counts them for indentation (quotes and heredocs excluded).
    var bracketChange: Int {
        switch kind {
        case .oBrace, .oBrack, .oParen, .templateControl, .templateInterp: return 1
        case .cBrace, .cBrack, .cParen, .templateSeqEnd: return -1
        default: return 0
        }
    }

    func textEquals(_ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        return s.withUTF8Buffer { buf in
            var i = bytes.startIndex
            for b in buf {
                if bytes[i] != b { return false }
                i += 1
            }
            return true
        }
    }

    /// Width in columns: one per grapheme cluster, as hclwrite measures.
    var columns: Int {
        var ascii = true
        for b in bytes where b >= 0x80 || b == 0x0D {
            ascii = false
            break
        }
        if ascii { return bytes.count }
        return String(decoding: bytes, as: UTF8.self).count
    }
}

extension FormatToken {
    /// Converts the lexer's stream to format tokens. The gap between two
    /// tokens (spaces, tabs, a byte-order mark) becomes `spacesBefore`, which
    /// only survives formatting before the end of the file.
    static func from(_ tokens: [Token], source: [UInt8]) -> [FormatToken] {
        var result: [FormatToken] = []
        result.reserveCapacity(tokens.count)
        var last = 0
        for t in tokens {
            // The lexer reports tab runs as a token of their own; terraform's
            // scanner treats them as plain space.
            if t.kind == .tabs { continue }
            let start = t.range.start.byte, end = t.range.end.byte
            let bytes: ArraySlice<UInt8>
            if start >= 0, end <= source.count, start <= end, t.kind != .badUTF8 {
                bytes = source[start..<end]
            } else {
                bytes = ArraySlice(t.text.utf8)
            }
            result.append(FormatToken(kind: t.kind, bytes: bytes, spacesBefore: max(0, start - last)))
            last = max(last, end)
        }
        return result
    }
}

extension Array where Element == FormatToken {
    func writeBytes(into out: inout [UInt8]) {
        for t in self {
            if t.spacesBefore > 0 {
                out.append(contentsOf: repeatElement(0x20, count: t.spacesBefore))
            }
            out.append(contentsOf: t.bytes)
        }
    }
}
