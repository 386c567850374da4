/// The whitespace rules of terraform fmt (HCL's canonical layout): indentation
/// by bracket nesting, spacing between neighbouring tokens, and vertical
/// alignment of `=` and of trailing comments in runs of consecutive lines.
/// Only `spacesBefore` changes.
enum FormatLayout {
    /// One physical line split in up to three cells: `lead` (everything up to
    /// the others), `assign` (from an attribute's `=`, when the rest of the line
    /// is a complete expression) and `comment` (a trailing single-line comment).
    struct Line {
        var lead: Range<Int>
        var assign: Range<Int>?
        var comment: Int?
    }

    static func apply(_ tokens: inout [FormatToken]) {
        let lines = splitLines(tokens)
        indent(lines, &tokens)
        space(lines, &tokens)
        align(lines, &tokens)
    }

    static func splitLines(_ tokens: [FormatToken]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .eof {
                lines.append(Line(lead: start..<i))
                start = -1
                break
            }
            if t.endsLine {
                lines.append(Line(lead: start..<(i + 1)))
                start = i + 1
            }
            i += 1
        }
        if start >= 0 {
            lines.append(Line(lead: start..<tokens.count))
        }

        for n in lines.indices {
            var lead = lines[n].lead
            if lead.isEmpty { continue }
            if lead.count > 1 && tokens[lead.upperBound - 1].kind == .comment {
                lines[n].comment = lead.upperBound - 1
                lead = lead.lowerBound..<(lead.upperBound - 1)
            }
            var k = lead.lowerBound + 1
            while k < lead.upperBound {
                if tokens[k].kind == .equal {
                    // Only a `=` whose right side closes every bracket it opens
                    // starts an alignable cell; otherwise a multi-line value follows.
                    var net = 0
                    for j in k..<lead.upperBound { net += tokens[j].bracketChange }
                    if net == 0 {
                        lines[n].assign = k..<lead.upperBound
                        lead = lead.lowerBound..<k
                    }
                    break
                }
                k += 1
            }
            lines[n].lead = lead
        }
        return lines
    }

    static func indent(_ lines: [Line], _ tokens: inout [FormatToken]) {
        var stack: [Int] = []
        for line in lines {
            guard !line.lead.isEmpty else { continue }
            let first = line.lead.lowerBound
            if tokens[first].kind == .newline {
                tokens[first].spacesBefore = 0
                continue
            }
            var net = 0
            for i in line.lead {
                net += tokens[i].bracketChange
                if tokens[i].kind == .oHeredoc { break }
            }
            if let assign = line.assign {
                for i in assign { net += tokens[i].bracketChange }
            }
            if net > 0 {
                tokens[first].spacesBefore = 2 * stack.count
                stack.append(net)
            } else {
                var closed = -net
                while closed > 0, let top = stack.last {
                    if closed > top {
                        closed -= top
                        stack.removeLast()
                    } else if closed < top {
                        stack[stack.count - 1] -= closed
                        closed = 0
                    } else {
                        stack.removeLast()
                        closed = 0
                    }
                }
                tokens[first].spacesBefore = 2 * stack.count
            }
        }
    }

    static func space(_ lines: [Line], _ tokens: inout [FormatToken]) {
        for line in lines {
            spaceCell(line.lead, &tokens, firstGetsOne: false)
            if let assign = line.assign {
                spaceCell(assign, &tokens, firstGetsOne: true)
            }
        }
    }

    private static func spaceCell(_ cell: Range<Int>, _ tokens: inout [FormatToken], firstGetsOne: Bool) {
        guard !cell.isEmpty else { return }
        if firstGetsOne { tokens[cell.lowerBound].spacesBefore = 1 }
        var i = cell.lowerBound
        while i + 1 < cell.upperBound {
            let before: TokenKind = i > cell.lowerBound ? tokens[i - 1].kind : .nilToken
            let beforeIsIdent = i > cell.lowerBound && tokens[i - 1].kind == .ident
            tokens[i + 1].spacesBefore = spaceAfter(tokens[i], before: before, beforeIsIdent: beforeIsIdent, after: tokens[i + 1]) ? 1 : 0
            i += 1
        }
    }

    static func align(_ lines: [Line], _ tokens: inout [FormatToken]) {
        func columns(_ r: Range<Int>?) -> Int {
            guard let r else { return 0 }
            var c = 0
            for i in r { c += tokens[i].spacesBefore + tokens[i].columns }
            return c
        }

        var chainStart = -1
        var maxColumns = 0
        func closeAssign(_ end: Int) {
            for n in chainStart..<end {
                guard let a = lines[n].assign else { continue }
                tokens[a.lowerBound].spacesBefore = maxColumns - columns(lines[n].lead) + 1
            }
            chainStart = -1
            maxColumns = 0
        }
        for (n, line) in lines.enumerated() {
            if line.assign == nil {
                if chainStart != -1 { closeAssign(n) }
            } else {
                if chainStart == -1 { chainStart = n }
                maxColumns = max(maxColumns, columns(line.lead))
            }
        }
        if chainStart != -1 { closeAssign(lines.count) }

        func closeComment(_ end: Int) {
            for n in chainStart..<end {
                guard let c = lines[n].comment else { continue }
                tokens[c].spacesBefore = maxColumns - (columns(lines[n].lead) + columns(lines[n].assign)) + 1
            }
            chainStart = -1
            maxColumns = 0
        }
        for (n, line) in lines.enumerated() {
            if line.comment == nil {
                if chainStart != -1 { closeComment(n) }
            } else {
                if chainStart == -1 { chainStart = n }
                maxColumns = max(maxColumns, columns(line.lead) + columns(line.assign))
            }
        }
        if chainStart != -1 { closeComment(lines.count) }
    }

    /// Whether `subject` is followed by a space, given its neighbours.
    static func spaceAfter(_ subject: FormatToken, before: TokenKind, beforeIsIdent: Bool, after: FormatToken) -> Bool {
        let s = subject.kind, a = after.kind
        if a == .newline || a == .nilToken { return false }
        if s == .ident && a == .oParen { return false }
        if (s == .ident && a == .doubleColon) || (s == .doubleColon && a == .ident) { return false }
        if s == .dot || a == .dot { return false }
        if a == .comma || a == .ellipsis { return false }
        if s == .comma { return true }
        if s == .quotedLit || s == .stringLit || s == .oQuote || s == .oHeredoc
            || a == .quotedLit || a == .stringLit || a == .cQuote || a == .cHeredoc {
            return false
        }
        if s == .ident && beforeIsIdent && subject.textEquals("in") { return true }
        if a == .oBrack && (s == .ident || s == .numberLit || subject.bracketChange < 0) { return false }
        if s == .bang { return false }
        if s == .minus {
            switch before {
            case .nilToken, .oParen, .oBrace, .oBrack, .equal, .colon, .comma, .question,
                 .plus, .star, .slash, .percent, .minus,
                 .equalOp, .notEqual, .greaterThan, .greaterThanEq, .lessThan, .lessThanEq,
                 .and, .or, .bang:
                return false
            default:
                return true
            }
        }
        if s == .oBrace || a == .cBrace {
            return !(s == .oBrace && a == .cBrace)
        }
        if (s == .templateInterp || s == .templateControl) && a == .oBrace { return true }
        if s == .cBrace && a == .templateSeqEnd { return true }
        if s == .templateSeqEnd && (a == .templateInterp || a == .templateControl) { return false }
        if subject.bracketChange > 0 { return false }
        if after.bracketChange < 0 { return false }
        return true
    }
}
