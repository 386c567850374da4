/// Template parsing happens in two passes, as in hclsyntax: first the token
/// stream becomes a flat list of template atoms (literals with escapes and strip
/// markers applied, interpolations, directive markers); then heredoc indentation
/// is removed, adjacent literals are joined, and the directives are nested.
enum TemplateAtom {
    case literal(String, SourceRange)
    case interpolation(HCLExpression, SourceRange, stripLeft: Bool, stripRight: Bool)
    case ifOpen(HCLExpression, SourceRange)
    case forOpen(key: String?, value: String, collection: HCLExpression, SourceRange)
    case endControl(EndControl, SourceRange)
    case end(SourceRange)

    enum EndControl: String {
        case endif, `else`, endfor
    }

    var range: SourceRange {
        switch self {
        case .literal(_, let r), .interpolation(_, let r, _, _), .ifOpen(_, let r), .forOpen(_, _, _, let r), .endControl(_, let r), .end(let r):
            return r
        }
    }
}

extension TokenParser {
    /// Parses template content up to `end` (already past the opening quote/heredoc marker).
    func parseTemplate(end: TokenKind, flushHeredoc: Bool, openRange: SourceRange?) -> HCLExpression {
        var (atoms, range) = parseTemplateAtoms(end: end)
        if flushHeredoc { TokenParser.flushHeredocIndent(&atoms) }
        TokenParser.meldLiterals(&atoms)
        var builder = TemplateTreeBuilder(atoms: atoms)
        let parts = builder.parseRoot()
        diags += builder.diags
        let whole = openRange.map { $0.through(prevRange) } ?? range
        range = whole
        if atoms.count == 2, case .interpolation(let expr, _, _, _) = atoms[0] {
            return HCLExpression(.templateWrap(expr), range: whole)
        }
        return HCLExpression(.template(parts), range: whole)
    }

    private func parseTemplateAtoms(end: TokenKind) -> ([TemplateAtom], SourceRange) {
        var atoms: [TemplateAtom] = []
        let startRange = nextRange
        var ltrimNext = false
        var nextCanTrimPrev = false
        var endRange: SourceRange

        func trimPreviousLiteral() {
            if let last = atoms.indices.last, case .literal(let s, let r) = atoms[last] {
                atoms[last] = .literal(trimTrailingSpace(s), r)
            }
        }

        loop: while true {
            let next = read()
            if next.kind == end {
                endRange = next.range
                break
            }
            let ltrim = ltrimNext
            ltrimNext = false
            let canTrimPrev = nextCanTrimPrev
            nextCanTrimPrev = false

            switch next.kind {
            case .stringLit, .quotedLit:
                var (s, d) = StringLiteral.decode(next)
                diags += d
                if ltrim { s = trimLeadingSpace(s) }
                atoms.append(.literal(s, next.range))
                nextCanTrimPrev = true

            case .templateInterp:
                let stripLeft = next.text.utf8.count == 3
                if canTrimPrev && stripLeft && !atoms.isEmpty { trimPreviousLiteral() }
                pushIncludeNewlines(false)
                let expr = parseExpression()
                let close = peek()
                var stripRight = false
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        switch close.kind {
                        case .eof:
                            diags += .error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.", subject: startRange)
                        case .colon:
                            diags += .error("Extra characters after interpolation expression", "Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with \"$${\" instead of just \"${\".", subject: close.range, context: startRange.through(close.range))
                        default:
                            if (close.kind == .cQuote || close.kind == .oQuote) && end == .cQuote {
                                diags += .error("Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", subject: startRange)
                            } else {
                                diags += .error("Extra characters after interpolation expression", "Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\".", subject: close.range, context: startRange.through(close.range))
                            }
                        }
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    if close.text.utf8.count == 2 && close.text.utf8.first == 0x7E {
                        ltrimNext = true
                        stripRight = true
                    }
                }
                popIncludeNewlines()
                atoms.append(.interpolation(expr, next.range.through(close.range), stripLeft: stripLeft, stripRight: stripRight))

            case .templateControl:
                if canTrimPrev && next.text.utf8.count == 3 && !atoms.isEmpty { trimPreviousLiteral() }
                pushIncludeNewlines(false)
                let kw = peek()
                if kw.kind != .ident {
                    if !recovery {
                        diags += .error("Invalid template directive", "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.", subject: kw.range, context: next.range.through(kw.range))
                    }
                    recover(.templateSeqEnd)
                    popIncludeNewlines()
                    continue loop
                }
                read()
                switch kw.text {
                case "if":
                    let cond = parseExpression()
                    atoms.append(.ifOpen(cond, next.range.through(nextRange)))
                case "else":
                    atoms.append(.endControl(.else, next.range.through(nextRange)))
                case "endif":
                    atoms.append(.endControl(.endif, next.range.through(nextRange)))
                case "endfor":
                    atoms.append(.endControl(.endfor, next.range.through(nextRange)))
                case "for":
                    func forFail(_ detail: String) {
                        if !recovery {
                            diags += .error("Invalid 'for' directive", detail, subject: nextRange)
                        }
                        recover(.templateSeqEnd)
                        popIncludeNewlines()
                    }
                    guard peek().kind == .ident else { forFail("For directive requires variable name after 'for'."); continue loop }
                    var valueName = read().text
                    var keyName: String?
                    if peek().kind == .comma {
                        keyName = valueName
                        read()
                        guard peek().kind == .ident else { forFail("For directive requires value variable name after comma."); continue loop }
                        valueName = read().text
                    }
                    guard isKeyword(peek(), "in") else { forFail("For directive requires 'in' keyword after names."); continue loop }
                    read()
                    let coll = parseExpression()
                    atoms.append(.forOpen(key: keyName, value: valueName, collection: coll, next.range.through(nextRange)))
                default:
                    if !recovery {
                        var suggestion = ""
                        if let s = nameSuggestion(kw.text, ["if", "for", "else", "endif", "endfor"]) {
                            suggestion = " Did you mean \(goQuote(s))?"
                        }
                        diags += .error("Invalid template control keyword", "\(goQuote(kw.text)) is not a valid template control keyword.\(suggestion)", subject: kw.range, context: next.range.through(kw.range))
                    }
                    recover(.templateSeqEnd)
                    popIncludeNewlines()
                    continue loop
                }
                let close = peek()
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        diags += .error("Extra characters in \(kw.text) marker", "Expected a closing brace to end the sequence, but found extra characters.", subject: close.range, context: startRange.through(close.range))
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    if close.text.utf8.count == 2 && close.text.utf8.first == 0x7E { ltrimNext = true }
                }
                popIncludeNewlines()

            default:
                if !recovery {
                    diags += .error("Unterminated template string", "No closing marker was found for the string.", subject: next.range, context: startRange.through(next.range))
                }
                let final = recover(end)
                endRange = final.range
                break loop
            }
        }

        if atoms.isEmpty {
            atoms.append(.literal("", startRange.endPoint))
        }
        atoms.append(.end(endRange))
        return (atoms, startRange.through(endRange))
    }

    /// `<<-` heredocs: remove from every line the smallest indentation found on any
    /// non-blank line. Applied to the literal source text, so interpolated values never
    /// influence it.
    static func flushHeredocIndent(_ atoms: inout [TemplateAtom]) {
        var minSpaces = Int.max
        var newline = true
        var adjust: [Int] = []
        for (i, atom) in atoms.enumerated() {
            if newline {
                newline = false
                // A line starting with a sequence rather than text has no indentation to remove.
                var spaces = 0
                if case .literal(let s, _) = atom {
                    let trimmed = trimLeadingSpace(s)
                    if trimmed.isEmpty && s.hasSuffix("\n") {
                        spaces = Int.max
                    } else {
                        spaces = s.count - trimmed.count
                        adjust.append(i)
                    }
                } else if case .end = atom {
                    break
                }
                if spaces < minSpaces { minSpaces = spaces }
            }
            if case .literal(let s, _) = atom, s.utf8.last == 0x0A {
                newline = true
            }
        }
        guard minSpaces != Int.max else { return }
        for i in adjust {
            guard case .literal(let s, var r) = atoms[i] else { continue }
            let cut = s.index(s.startIndex, offsetBy: min(minSpaces, s.count))
            let removedBytes = s[..<cut].utf8.count
            r.start.column += minSpaces
            r.start.byte += removedBytes
            atoms[i] = .literal(String(s[cut...]), r)
        }
    }

    static func meldLiterals(_ atoms: inout [TemplateAtom]) {
        var out: [TemplateAtom] = []
        out.reserveCapacity(atoms.count)
        for atom in atoms {
            if case .literal(let s, let r) = atom, let last = out.last, case .literal(let ps, var pr) = last {
                pr.end = r.end
                out[out.count - 1] = .literal(ps + s, pr)
            } else {
                out.append(atom)
            }
        }
        atoms = out
    }

    /// Absolute traversal for addresses (`a.b[0]["k"]`): no splats, constant keys only.
    func parseTraversalAbsolute() -> Traversal? {
        let varTok = read()
        guard varTok.kind == .ident else {
            diags += .error("Variable name required", "Must begin with a variable name.", subject: varTok.range)
            return nil
        }
        var t = Traversal(rootName: varTok.text, rootRange: varTok.range, steps: [])
        while true {
            let next = peek()
            if next.kind == .eof { return t }
            switch next.kind {
            case .dot:
                let dot = read()
                let nameTok = read()
                guard nameTok.kind == .ident else {
                    let detail = nameTok.kind == .star ? "Splat expressions (.*) may not be used here." : "Dot must be followed by attribute name."
                    diags += .error("Attribute name required", detail, subject: nameTok.range, context: varTok.range.through(nameTok.range))
                    return t
                }
                t.steps.append(TraversalStep(.attribute(nameTok.text), range: dot.range.through(nameTok.range)))
            case .oBrack:
                let open = read()
                let inner = peek()
                let key: LiteralValue
                switch inner.kind {
                case .numberLit:
                    key = numberLiteral(read())
                case .oQuote:
                    let mark = errorMark
                    let (s, _) = parseQuotedStringLiteral()
                    key = .string(s)
                    if errorsSince(mark) { return t }
                default:
                    if inner.kind == .star {
                        diags += .error("Attribute name required", "Splat expressions ([*]) may not be used here.", subject: inner.range, context: varTok.range.through(inner.range))
                    } else {
                        diags += .error("Index value required", "Index brackets must contain either a literal number or a literal string.", subject: inner.range, context: varTok.range.through(inner.range))
                    }
                    return t
                }
                let close = read()
                if close.kind != .cBrack {
                    diags += .error("Unclosed index brackets", "Index key must be followed by a closing bracket.", subject: close.range, context: open.range.through(close.range))
                }
                t.steps.append(TraversalStep(.index(key), range: open.range.through(close.range)))
                if diags.hasErrors { return t }
            default:
                diags += .error("Invalid character", "Expected an attribute access or an index operator.", subject: next.range, context: varTok.range.through(next.range))
                return t
            }
        }
    }
}

/// Nests the flat atom list into template parts, pairing if/else/endif and for/endfor.
struct TemplateTreeBuilder {
    var atoms: [TemplateAtom]
    var pos = 0
    var diags = Diagnostics()
    var depth = 0

    init(atoms: [TemplateAtom]) { self.atoms = atoms }

    func peek() -> TemplateAtom { atoms[pos] }

    mutating func read() -> TemplateAtom {
        let a = atoms[pos]
        if case .end = a { return a }
        pos += 1
        return a
    }

    mutating func parseRoot() -> [TemplatePart] {
        var parts: [TemplatePart] = []
        while true {
            if case .end = peek() { break }
            if let p = parsePart() { parts.append(p) }
        }
        return parts
    }

    private func emptyLiteral(_ r: SourceRange) -> TemplatePart { .literal("", r) }

    mutating func parsePart() -> TemplatePart? {
        let next = peek()
        switch next {
        case .literal(let s, let r):
            _ = read()
            return .literal(s, r)
        case .interpolation(let e, let r, let l, let rt):
            _ = read()
            return .interpolation(TemplateInterpolation(expression: e, range: r, stripLeft: l, stripRight: rt))
        case .ifOpen:
            return parseIf()
        case .forOpen:
            return parseFor()
        case .end(let r):
            _ = read()
            diags += .error("Unexpected end of template", "The control directives within this template are unbalanced.", subject: r)
            return nil
        case .endControl(let kind, let r):
            _ = read()
            diags += .error("Unexpected \(kind.rawValue) directive", "The control directives within this template are unbalanced.", subject: r)
            return nil
        }
    }

    private mutating func tooDeep(_ r: SourceRange) -> Bool {
        if depth >= Parser.maximumNestingDepth {
            diags += .error("Nesting too deep", "This template nests directives more than \(Parser.maximumNestingDepth) levels deep, which is more than Terraswift supports.", subject: r)
            // Skip everything: the rest cannot be paired reliably.
            pos = atoms.count - 1
            return true
        }
        return false
    }

    mutating func parseIf() -> TemplatePart? {
        guard case .ifOpen(let cond, let ifRange) = read() else { return nil }
        if tooDeep(ifRange) { return nil }
        depth += 1
        defer { depth -= 1 }
        var thenParts: [TemplatePart] = []
        var elseParts: [TemplatePart] = []
        var inElse = false
        var elseRange: SourceRange?
        var endifRange: SourceRange
        loop: while true {
            let next = peek()
            if case .end(let r) = next {
                diags += .error("Unexpected end of template", "The if directive at \(ifRange.hclDescription) is missing its corresponding endif directive.", subject: r)
                return nil
            }
            if case .endControl(let kind, let r) = next {
                _ = read()
                switch kind {
                case .else:
                    if !inElse {
                        inElse = true
                        elseRange = r
                        continue
                    }
                    diags += .error("Unexpected else directive", "Already in the else clause for the if started at \(ifRange.hclDescription).", subject: r)
                case .endif:
                    endifRange = r
                    break loop
                default:
                    diags += .error("Unexpected \(kind.rawValue) directive", "Expecting an endif directive for the if started at \(ifRange.hclDescription).", subject: r)
                }
                return nil
            }
            if let p = parsePart() {
                if inElse { elseParts.append(p) } else { thenParts.append(p) }
            }
        }
        if thenParts.isEmpty { thenParts.append(emptyLiteral(ifRange.endPoint)) }
        if elseParts.isEmpty { elseParts.append(emptyLiteral(endifRange.startPoint)) }
        return .conditional(TemplateConditional(condition: cond, thenParts: thenParts, elseParts: elseParts,
                                                ifRange: ifRange, elseRange: elseRange, endRange: endifRange,
                                                range: ifRange.through(endifRange)))
    }

    mutating func parseFor() -> TemplatePart? {
        guard case .forOpen(let key, let value, let coll, let forRange) = read() else { return nil }
        if tooDeep(forRange) { return nil }
        depth += 1
        defer { depth -= 1 }
        var body: [TemplatePart] = []
        var endRange: SourceRange
        loop: while true {
            let next = peek()
            if case .end(let r) = next {
                diags += .error("Unexpected end of template", "The for directive at \(forRange.hclDescription) is missing its corresponding endfor directive.", subject: r)
                return nil
            }
            if case .endControl(let kind, let r) = next {
                _ = read()
                switch kind {
                case .else:
                    diags += .error("Unexpected else directive", "An else clause is not expected for a for directive.", subject: r)
                case .endfor:
                    endRange = r
                    break loop
                default:
                    diags += .error("Unexpected \(kind.rawValue) directive", "Expecting an endfor directive corresponding to the for directive at \(forRange.hclDescription).", subject: r)
                }
                return nil
            }
            if let p = parsePart() { body.append(p) }
        }
        if body.isEmpty { body.append(emptyLiteral(forRange.endPoint)) }
        return .forLoop(TemplateForLoop(keyVariable: key, valueVariable: value, collection: coll, body: body,
                                        forRange: forRange, endRange: endRange, range: forRange.through(endRange)))
    }
}

/// Go's unicode.IsSpace, which hclsyntax uses for strip markers and heredoc indentation.
func isGoSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0: return true
    default:
        return c.value > 0xFF && c.properties.generalCategory == .spaceSeparator
            || c.value == 0x2028 || c.value == 0x2029
    }
}

func trimLeadingSpace(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let i = scalars.firstIndex(where: { !isGoSpace($0) }) else { return "" }
    return String(scalars[i...])
}

func trimTrailingSpace(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let i = scalars.lastIndex(where: { !isGoSpace($0) }) else { return "" }
    return String(scalars[...i])
}

/// The first candidate within edit distance 2 of `given`, as terraform and HCL
/// pick "Did you mean" suggestions (first match in the order given, not the closest).
public func nameSuggestion(_ given: String, _ candidates: [String]) -> String? {
    let a = Array(given.unicodeScalars)
    for c in candidates {
        let b = Array(c.unicodeScalars)
        var prev = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1..<(b.count + 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        let dist = a.isEmpty ? b.count : prev[b.count]
        if dist < 3 { return c }
    }
    return nil
}
