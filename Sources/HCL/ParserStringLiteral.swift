/// Applies escapes to the text of a literal token, as hclsyntax does: quoted
/// literals (`"..."`) understand backslash escapes; both quoted literals and
/// heredoc/template literals turn `$${` and `%%{` into `${` and `%{`.
enum StringLiteral {
    static func decode(_ tok: Token) -> (String, Diagnostics) {
        let quoted = tok.kind == .quotedLit
        let b = Array(tok.text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var diags = Diagnostics()
        var pos = tok.range.start
        var i = 0
        var literalStart = 0

        func isHex(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) }

        /// Range of bytes [s, e) of the token, advancing `pos` (which must be at `s`).
        func rangeOver(_ s: Int, _ e: Int) -> SourceRange {
            let start = pos
            advance(&pos, b[s..<e])
            return SourceRange(filename: tok.range.filename, start: start, end: pos)
        }

        func flushLiteral(upTo e: Int) {
            if e > literalStart {
                out.append(contentsOf: b[literalStart..<e])
                advance(&pos, b[literalStart..<e])
            }
        }

        while i < b.count {
            let c = b[i]
            if quoted && c == 0x5C {
                flushLiteral(upTo: i)
                var e = i + 1
                var selector: UInt8 = 0
                if e < b.count {
                    selector = b[e]
                    if selector == 0x75 || selector == 0x55 {
                        let maxDigits = selector == 0x75 ? 4 : 8
                        e += 1
                        var n = 0
                        while n < maxDigits && e < b.count && isHex(b[e]) { e += 1; n += 1 }
                    } else {
                        e += max(utf8Length(b, e), 1)
                    }
                }
                let r = rangeOver(i, e)
                let slice = b[i..<e]
                if slice.count < 2 {
                    diags += .error("Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.", subject: r)
                    out.append(contentsOf: slice)
                } else {
                    switch selector {
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x75, 0x55:
                        let want = selector == 0x75 ? 6 : 10
                        if slice.count != want {
                            let detail = selector == 0x75
                                ? "The \\u escape sequence must be followed by four hexadecimal digits."
                                : "The \\U escape sequence must be followed by eight hexadecimal digits."
                            diags += .error("Invalid escape sequence", detail, subject: r)
                            out.append(contentsOf: slice)
                        } else {
                            var v: UInt32 = 0
                            for h in slice.dropFirst(2) {
                                let d: UInt32 = h <= 0x39 ? UInt32(h - 0x30) : (h <= 0x46 ? UInt32(h - 0x41 + 10) : UInt32(h - 0x61 + 10))
                                v = v &* 16 &+ d
                            }
                            if let scalar = Unicode.Scalar(v) {
                                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                            } else {
                                var hex = String(v, radix: 16)
                                while hex.count < 4 { hex = "0" + hex }
                                diags += .error("Invalid escape sequence", "Cannot encode character U+\(hex) in UTF-8.", subject: r)
                                out.append(contentsOf: slice)
                            }
                        }
                    default:
                        let sym = String(decoding: slice.dropFirst(), as: UTF8.self)
                        diags += .error("Invalid escape sequence", "The symbol \(goQuote(sym)) is not a valid escape sequence selector.", subject: r)
                        out.append(contentsOf: slice.dropFirst())
                    }
                }
                i = e
                literalStart = e
                continue
            }
            if (c == 0x24 || c == 0x25) && i + 2 < b.count && b[i + 1] == c && b[i + 2] == 0x7B {
                flushLiteral(upTo: i)
                _ = rangeOver(i, i + 3)
                out.append(c)
                out.append(0x7B)
                i += 3
                literalStart = i
                continue
            }
            i += 1
        }
        flushLiteral(upTo: b.count)
        return (String(decoding: out, as: UTF8.self), diags)
    }

    static func utf8Length(_ b: [UInt8], _ i: Int) -> Int {
        guard i < b.count else { return 0 }
        switch b[i] {
        case 0x00...0x7F: return 1
        case 0xC0...0xDF: return min(2, b.count - i)
        case 0xE0...0xEF: return min(3, b.count - i)
        case 0xF0...0xF7: return min(4, b.count - i)
        default: return 1
        }
    }

    /// Moves a position over bytes: `\r\n`, `\r` and `\n` each start a new line (as
    /// hclsyntax's escape scanner counts them); other characters are one column each.
    static func advance(_ pos: inout SourcePos, _ bytes: ArraySlice<UInt8>) {
        pos.byte += bytes.count
        var ascii = true
        for c in bytes where c >= 0x80 { ascii = false; break }
        if ascii {
            var k = bytes.startIndex
            while k < bytes.endIndex {
                let c = bytes[k]
                if c == 0x0D || c == 0x0A {
                    pos.line += 1
                    pos.column = 1
                    if c == 0x0D && k + 1 < bytes.endIndex && bytes[k + 1] == 0x0A { k += 1 }
                } else {
                    pos.column += 1
                }
                k += 1
            }
            return
        }
        for ch in String(decoding: bytes, as: UTF8.self) {
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                pos.line += 1
                pos.column = 1
            } else {
                pos.column += 1
            }
        }
    }
}
