import HCL
/// Writes values as HCL expression source the way Terraform's hclwrite does
/// (TokensForValue followed by Format): lists inline, objects one attribute
/// per line with `=` aligned across runs of single-line attributes, and
/// indentation counted per line from the net brackets it opens.
public enum HCLValueWriter {
    struct Line {
        var lead: String
        var assign: String?
        /// Brackets opened minus closed, before the assignment and within it.
        var leadNet: Int
        var assignNet: Int
    }

    /// The expression text for a known value; nil for unknown values.
    public static func expression(_ v: Value) -> String? {
        var tokens: [Token] = []
        guard append(v, &tokens) else { return nil }
        return format(tokens)
    }

    /// `name = value` lines for each attribute of an object (a .tfvars file body).
    public static func attributes(_ attrs: [(String, Value)]) -> String? {
        var tokens: [Token] = []
        for (name, v) in attrs {
            tokens.append(.text(name, 0))
            tokens.append(.equal)
            guard append(v, &tokens) else { return nil }
            tokens.append(.newline)
        }
        return format(tokens)
    }

    enum Token {
        case text(String, Int)  // text and its bracket change
        case equal
        case comma
        case newline
    }

    static func append(_ v: Value, _ toks: inout [Token]) -> Bool {
        guard v.isKnown else { return false }
        if v.isNull { toks.append(.text("null", 0)); return true }
        switch v.content {
        case .bool(let b): toks.append(.text(b ? "true" : "false", 0))
        case .number(let n): toks.append(.text(n.description, 0))
        case .string(let s): toks.append(.text("\"" + escape(s) + "\"", 0))
        case .elements(let elems):
            toks.append(.text("[", 1))
            for (i, e) in elems.enumerated() {
                if i > 0 { toks.append(.comma) }
                guard append(e, &toks) else { return false }
            }
            toks.append(.text("]", -1))
        case .attributes(let attrs):
            toks.append(.text("{", 1))
            if !attrs.isEmpty { toks.append(.newline) }
            for k in attrs.keys.sorted(by: FunctionTable.utf8Less) {
                toks.append(.text(isIdentifier(k) ? k : "\"" + escape(k) + "\"", 0))
                toks.append(.equal)
                guard append(attrs[k] ?? .dynamicNull, &toks) else { return false }
                toks.append(.newline)
            }
            toks.append(.text("}", -1))
        case .type(let t): toks.append(.text(t.typeExpression, 0))
        case .unknown, .null: return false
        }
        return true
    }

    static func format(_ tokens: [Token]) -> String {
        // Split into lines; an `=` whose right side closes its own brackets
        // starts the line's "assign" cell, which takes part in alignment.
        var lines: [Line] = []
        var current: [Token] = []
        func flush() {
            var lead = "", assign: String?
            var leadNet = 0, assignNet = 0
            var prevComma = false
            var equalIndex: Int?
            for (i, t) in current.enumerated() where equalIndex == nil {
                if case .equal = t, i > 0 { equalIndex = i }
            }
            var assignable = false
            if let ei = equalIndex {
                var net = 0
                for t in current[ei...] { if case .text(_, let d) = t { net += d } }
                assignable = net == 0
            }
            for (i, t) in current.enumerated() {
                let inAssign = assignable && i >= (equalIndex ?? Int.max)
                var piece = ""
                var delta = 0
                switch t {
                case .text(let s, let d): piece = (prevComma ? " " : "") + s; delta = d; prevComma = false
                case .comma: piece = ","; prevComma = true
                case .equal: piece = inAssign ? "= " : " = "; prevComma = false
                case .newline: continue
                }
                if inAssign { assign = (assign ?? "") + piece; assignNet += delta } else { lead += piece; leadNet += delta }
            }
            lines.append(Line(lead: lead, assign: assign, leadNet: leadNet, assignNet: assignNet))
            current = []
        }
        for t in tokens {
            if case .newline = t { flush() } else { current.append(t) }
        }
        if !current.isEmpty { flush() }

        // Indentation (hclwrite formatIndent).
        var indents: [Int] = []
        var levels: [Int] = []
        for line in lines {
            let net = line.leadNet + line.assignNet
            if net > 0 {
                levels.append(indents.count)
                indents.append(net)
            } else if net < 0 {
                var closed = -net
                while closed > 0, let top = indents.last {
                    if closed > top { closed -= top; indents.removeLast() }
                    else if closed < top { indents[indents.count - 1] -= closed; closed = 0 }
                    else { indents.removeLast(); closed = 0 }
                }
                levels.append(indents.count)
            } else {
                levels.append(indents.count)
            }
        }

        // Alignment of `=` across consecutive lines with an assign cell.
        var widths = Array(repeating: 0, count: lines.count)
        var i = 0
        while i < lines.count {
            guard lines[i].assign != nil else { i += 1; continue }
            var j = i
            var maxCols = 0
            while j < lines.count, lines[j].assign != nil {
                maxCols = max(maxCols, lines[j].lead.count)
                j += 1
            }
            for k in i..<j { widths[k] = maxCols }
            i = j
        }
        var out: [String] = []
        for (n, line) in lines.enumerated() {
            var text = String(repeating: "  ", count: levels[n]) + line.lead
            if let a = line.assign {
                text += String(repeating: " ", count: widths[n] - line.lead.count + 1) + a
            }
            out.append(text)
        }
        return out.joined(separator: "\n")
    }

    /// hclwrite's escapeQuotedStringLit: escapes plus doubled template introducers.
    static func escape(_ s: String) -> String { GoStrings.hclEscape(s) }

    /// HCL identifier: a letter or underscore, then letters, digits, `_` or `-`.
    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        guard first.properties.isIDStart || first == "_" else { return false }
        return s.unicodeScalars.dropFirst().allSatisfy { $0.properties.isIDContinue || $0 == "-" }
    }
}
