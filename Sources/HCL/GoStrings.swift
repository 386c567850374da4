/// The string renderings terraform inherits from Go and hclwrite, kept in one place
/// because messages, addresses, `fmt` and plan output all depend on the same rules.
public enum GoStrings {
    /// Go's `unicode.IsPrint` (and `strconv.IsPrint`): letters, marks, numbers,
    /// punctuation, symbols and the ASCII space. Other spaces are not printable.
    public static func isPrint(_ u: Unicode.Scalar) -> Bool {
        if u == " " { return true }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `strconv.Quote` (the `%q` verb). `replacement` renders U+FFFD, which in
    /// text decoded from invalid UTF-8 stands for a byte Go would show as `\x..`.
    public static func quote(_ s: String, replacement: String? = nil) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            case "\u{FFFD}" where replacement != nil: out += replacement!
            default:
                if isPrint(u) {
                    out.unicodeScalars.append(u)
                } else if u.value < 0x80 {
                    out += "\\x" + hex(u.value, 2)
                } else if u.value < 0x10000 {
                    out += "\\u" + hex(u.value, 4)
                } else {
                    out += "\\U" + hex(u.value, 8)
                }
            }
        }
        return out + "\""
    }

    /// hclwrite's quoted-literal escaping (without the quotes): the usual escapes, `${`
    /// and `%{` doubled so they stay literal, other non-printables as `\uXXXX`/`\UXXXXXXXX`.
    public static func hclEscape(_ s: String) -> String {
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$", "%":
                out.unicodeScalars.append(u)
                if i + 1 < scalars.count && scalars[i + 1] == "{" { out.unicodeScalars.append(u) }
            default:
                if isPrint(u) {
                    out.unicodeScalars.append(u)
                } else {
                    out += u.value < 0x10000 ? "\\u" + hex(u.value, 4) : "\\U" + hex(u.value, 8)
                }
            }
        }
        return out
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
