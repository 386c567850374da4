/// The rewrites terraform fmt makes on top of HCL's layout rules, found by
/// walking the body structure on the token stream:
/// - block labels are re-emitted in quoted, canonically escaped form (comments
///   between the type name and the labels are lost, as with terraform);
/// - an attribute whose whole value is one interpolation, `"${x}"`, becomes `x`;
/// - in a top-level `variable` block, `type = list` (`map`, `set`) gains `(any)`
///   and the legacy quoted types `"string"`, `"list"`, `"map"` become `string`,
///   `list(string)`, `map(string)`.
///
/// The input is expected to have parsed without errors; anything the walk
/// does not recognise is copied unchanged rather than guessed at.
struct FormatRewriter {
    let tokens: [FormatToken]
    var out: [FormatToken] = []
    var i = 0

    init(tokens: [FormatToken]) {
        self.tokens = tokens
        out.reserveCapacity(tokens.count + 16)
    }

    static func rewrite(_ tokens: [FormatToken]) -> [FormatToken] {
        var r = FormatRewriter(tokens: tokens)
        var path: [ArraySlice<UInt8>] = []
        _ = r.body(&path, nested: false)
        // The EOF token, or whatever the walk could not place, is copied as is.
        while r.i < tokens.count { r.emit() }
        return r.out
    }

    private var current: FormatToken? { i < tokens.count ? tokens[i] : nil }

    private mutating func emit() {
        out.append(tokens[i])
        i += 1
    }

    /// Walks body items until the end of input (or the closing brace of a
    /// nested body, left unconsumed). Returns false when the structure is not
    /// what a valid body looks like.
    private mutating func body(_ path: inout [ArraySlice<UInt8>], nested: Bool) -> Bool {
        while let t = current {
            switch t.kind {
            case .newline, .comment:
                emit()
            case .eof:
                return !nested
            case .cBrace:
                return nested
            case .ident:
                guard i + 1 < tokens.count else { return false }
                if tokens[i + 1].kind == .equal {
                    attribute(path)
                } else if !block(&path) {
                    return false
                }
            default:
                return false
            }
        }
        return !nested
    }

    private mutating func attribute(_ path: [ArraySlice<UInt8>]) {
        let name = tokens[i].bytes
        emit()
        emit() // =
        let start = i
        var depth = 0
        var k = i
        var lastSignificant = -1
        while k < tokens.count {
            let t = tokens[k]
            if depth == 0 && (t.endsLine || t.kind == .eof || t.kind == .cBrace) { break }
            switch t.kind {
            case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl, .oQuote, .oHeredoc: depth += 1
            case .cBrace, .cBrack, .cParen, .templateSeqEnd, .cQuote, .cHeredoc: depth -= 1
            default: break
            }
            if t.kind != .comment { lastSignificant = k }
            k += 1
        }
        guard lastSignificant >= start else { return }
        let expr = Array(tokens[start...lastSignificant])
        let isVariableType = path.count == 1 && FormatToken(kind: .ident, bytes: path[0]).textEquals("variable")
            && FormatToken(kind: .ident, bytes: name).textEquals("type")
        out.append(contentsOf: isVariableType ? FormatRewriter.typeExpression(expr) : FormatRewriter.valueExpression(expr))
        i = lastSignificant + 1
    }

    private mutating func block(_ path: inout [ArraySlice<UInt8>]) -> Bool {
        let typeIndex = i
        var labels: [String] = []
        var lastLabelEnd = -1
        var k = i + 1
        scan: while k < tokens.count {
            switch tokens[k].kind {
            case .ident:
                labels.append(String(decoding: tokens[k].bytes, as: UTF8.self))
                lastLabelEnd = k
                k += 1
            case .oQuote:
                var j = k + 1
                while j < tokens.count && tokens[j].kind != .cQuote && !tokens[j].endsLine { j += 1 }
                guard j < tokens.count, tokens[j].kind == .cQuote else { return false }
                if j == k + 1 {
                    labels.append("")
                } else if j == k + 2 && tokens[k + 1].kind == .quotedLit,
                          let value = FormatRewriter.unescape(tokens[k + 1].bytes) {
                    labels.append(value)
                }
                lastLabelEnd = j
                k = j + 1
            case .comment where !tokens[k].endsLine:
                k += 1
            case .oBrace:
                break scan
            default:
                return false
            }
        }
        guard k < tokens.count, tokens[k].kind == .oBrace else { return false }
        out.append(tokens[typeIndex])
        for label in labels {
            out.append(FormatToken(.oQuote, "\""))
            let escaped = FormatRewriter.escape(label)
            if !escaped.isEmpty { out.append(FormatToken(.quotedLit, escaped)) }
            out.append(FormatToken(.cQuote, "\""))
        }
        i = lastLabelEnd >= 0 ? lastLabelEnd + 1 : typeIndex + 1
        while i <= k { emit() } // stragglers before the brace, then the brace
        path.append(tokens[typeIndex].bytes)
        defer { path.removeLast() }
        guard body(&path, nested: true), current?.kind == .cBrace else { return false }
        emit()
        return true
    }

    // MARK: expression rewrites

    /// `"${expr}"` → `expr` when the template is exactly one interpolation.
    static func valueExpression(_ tokens: [FormatToken]) -> [FormatToken] {
        guard tokens.count >= 5,
              tokens[0].kind == .oQuote, tokens[1].kind == .templateInterp,
              tokens[tokens.count - 2].kind == .templateSeqEnd, tokens[tokens.count - 1].kind == .cQuote
        else { return tokens }
        let inside = tokens[2..<(tokens.count - 2)]
        var quotes = 0
        for t in inside {
            if t.kind == .oQuote { quotes += 1; continue }
            if t.kind == .cQuote { quotes -= 1; continue }
            if quotes > 0 { continue }
            if t.kind == .templateInterp || t.kind == .templateSeqEnd || t.kind == .quotedLit { return tokens }
        }
        var lo = inside.startIndex, hi = inside.endIndex
        while lo < hi && inside[lo].kind == .newline { lo += 1 }
        while hi > lo && inside[hi - 1].kind == .newline { hi -= 1 }
        let trimmed = Array(inside[lo..<hi])
        var multiLine = false, leadingParen = false, trailingParen = false
        for (n, t) in trimmed.enumerated() {
            if n == 0 && t.kind == .oParen {
                leadingParen = true
            } else if t.kind == .newline {
                multiLine = true
            } else if n == trimmed.count - 1 && t.kind == .cParen {
                trailingParen = true
            }
        }
        if multiLine && !(leadingParen && trailingParen) {
            return [FormatToken(.oParen, "(")] + trimmed + [FormatToken(.cParen, ")")]
        }
        return trimmed
    }

    static func typeExpression(_ tokens: [FormatToken]) -> [FormatToken] {
        if tokens.count == 1 {
            let t = tokens[0]
            guard t.kind == .ident, t.textEquals("list") || t.textEquals("map") || t.textEquals("set") else { return tokens }
            return [t, FormatToken(.oParen, "("), FormatToken(.ident, "any"), FormatToken(.cParen, ")")]
        }
        if tokens.count == 3, tokens[0].kind == .oQuote, tokens[1].kind == .quotedLit, tokens[2].kind == .cQuote {
            let lit = tokens[1]
            if lit.textEquals("string") { return [FormatToken(.ident, "string")] }
            for name in ["list", "map"] where String(decoding: lit.bytes, as: UTF8.self) == name {
                return [FormatToken(.ident, name), FormatToken(.oParen, "("), FormatToken(.ident, "string"), FormatToken(.cParen, ")")]
            }
        }
        return tokens
    }

    // MARK: label strings

    /// The value of a quoted literal, or nil for an invalid escape.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        let s = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var result = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                switch e {
                case "n": result.append("\n"); i += 2
                case "r": result.append("\r"); i += 2
                case "t": result.append("\t"); i += 2
                case "\"": result.append("\""); i += 2
                case "\\": result.append("\\"); i += 2
                case "u", "U":
                    let digits = e == "u" ? 4 : 8
                    guard i + 2 + digits <= s.count else { return nil }
                    let hex = String(String.UnicodeScalarView(s[(i + 2)..<(i + 2 + digits)]))
                    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return nil }
                    result.append(scalar)
                    i += 2 + digits
                default:
                    return nil
                }
            } else if (c == "$" || c == "%") && i + 2 < s.count && s[i + 1] == c && s[i + 2] == "{" {
                result.append(c)
                result.append("{")
                i += 3
            } else {
                result.append(c)
                i += 1
            }
        }
        return String(result)
    }

    /// Quoted-literal escaping as HCL writes new string tokens.
    static func escape(_ s: String) -> String { GoStrings.hclEscape(s) }
}
