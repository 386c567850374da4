/// Expression parsing: operators by precedence, terms, traversals, splats,
/// calls, collection constructors and `for` expressions.
extension TokenParser {
    /// Binary operators from lowest to highest precedence.
    static let binaryOperatorLevels: [[TokenKind: BinaryOperator]] = [
        [.or: .logicalOr],
        [.and: .logicalAnd],
        [.equalOp: .equal, .notEqual: .notEqual],
        [.greaterThan: .greaterThan, .greaterThanEq: .greaterThanOrEqual, .lessThan: .lessThan, .lessThanEq: .lessThanOrEqual],
        [.plus: .add, .minus: .subtract],
        [.star: .multiply, .slash: .divide, .percent: .modulo],
    ]

    var errorMark: Int { diags.errorCount }
    func errorsSince(_ mark: Int) -> Bool { diags.errorCount > mark }

    func placeholder(_ range: SourceRange) -> Expression { Expression(.invalid, range: range) }

    func parseExpression() -> Expression {
        let start = peek()
        guard enterNesting(at: start.range) else {
            return placeholder(start.range)
        }
        defer { leaveNesting() }
        return parseConditional()
    }

    private func parseConditional() -> Expression {
        let startRange = nextRange
        let mark = errorMark
        let cond = parseBinaryOps(level: 0)
        if recovery && errorsSince(mark) { return cond }
        let question = peek()
        if question.kind != .question { return cond }
        read()
        let mark2 = errorMark
        let trueExpr = parseExpression()
        if recovery && errorsSince(mark2) { return cond }
        let colon = peek()
        if colon.kind != .colon {
            diags += .error("Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.", subject: colon.range, context: startRange.through(colon.range))
            return cond
        }
        read()
        let mark3 = errorMark
        let falseExpr = parseExpression()
        if recovery && errorsSince(mark3) { return cond }
        return Expression(.conditional(condition: cond, trueResult: trueExpr, falseResult: falseExpr), range: startRange.through(falseExpr.range))
    }

    /// Each precedence level is left-associative: `a-b-c` is `(a-b)-c`.
    private func parseBinaryOps(level: Int) -> Expression {
        if level >= TokenParser.binaryOperatorLevels.count {
            return parseExpressionWithTraversals()
        }
        let ops = TokenParser.binaryOperatorLevels[level]
        let mark = errorMark
        var lhs = parseBinaryOps(level: level + 1)
        if recovery && errorsSince(mark) { return lhs }
        var pending: (BinaryOperator, Expression)?
        while let op = ops[peek().kind] {
            if let (prevOp, rhs) = pending {
                lhs = Expression(.binaryOp(prevOp, lhs: lhs, rhs: rhs), range: lhs.range.through(rhs.range))
            }
            read()
            let m = errorMark
            let rhs = parseBinaryOps(level: level + 1)
            pending = (op, rhs)
            if recovery && errorsSince(m) { return lhs }
        }
        if let (op, rhs) = pending {
            return Expression(.binaryOp(op, lhs: lhs, rhs: rhs), range: lhs.range.through(rhs.range))
        }
        return lhs
    }

    func parseExpressionWithTraversals() -> Expression {
        let term = parseExpressionTerm()
        return parseExpressionTraversals(term)
    }

    /// Appends a constant step, extending an existing traversal in place as hclsyntax does.
    private func makeRelativeTraversal(_ expr: Expression, _ step: TraversalStep) -> Expression {
        switch expr.kind {
        case .scopeTraversal(var t):
            t.steps.append(step)
            return Expression(.scopeTraversal(t), range: expr.range.through(step.range))
        case .relativeTraversal(let source, var steps):
            steps.append(step)
            return Expression(.relativeTraversal(source: source, steps: steps), range: expr.range.through(step.range))
        default:
            return Expression(.relativeTraversal(source: expr, steps: [step]), range: expr.range.through(step.range))
        }
    }

    func parseExpressionTraversals(_ from: Expression) -> Expression {
        var ret = from
        traversal: while true {
            let next = peek()
            switch next.kind {
            case .dot:
                let dot = read()
                let attrTok = peek()
                switch attrTok.kind {
                case .ident:
                    read()
                    ret = makeRelativeTraversal(ret, TraversalStep(.attribute(attrTok.text), range: dot.range.through(attrTok.range)))
                case .numberLit:
                    // Legacy `.0` index inherited from HIL.
                    let numTok = read()
                    let rng = dot.range.through(numTok.range)
                    if let dotIdx = numTok.text.firstIndex(of: ".") {
                        let first = numTok.text[..<dotIdx]
                        let second = numTok.text[numTok.text.index(after: dotIdx)...]
                        diags += .error("Invalid legacy index syntax", "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [\(first)][\(second)].", subject: numTok.range)
                        ret = makeRelativeTraversal(ret, TraversalStep(.index(.unknown), range: rng, isLegacyIndex: true))
                        continue traversal
                    }
                    let value = numberLiteral(numTok)
                    ret = makeRelativeTraversal(ret, TraversalStep(.index(value), range: rng, isLegacyIndex: true))
                case .star:
                    // Attribute-only splat: only `.name` / `.0` steps bind into each element.
                    let marker = read()
                    var steps: [TraversalStep] = []
                    let firstRange = nextRange
                    var lastRange = marker.range
                    while peek().kind == .dot {
                        let dot2 = read()
                        if peek().kind == .numberLit {
                            let numTok = read()
                            if let dotIdx = numTok.text.firstIndex(of: ".") {
                                let first = numTok.text[..<dotIdx]
                                let second = numTok.text[numTok.text.index(after: dotIdx)...]
                                diags += .error("Invalid legacy index syntax", "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [\(first)][\(second)].", subject: attrTok.range)
                                steps.append(TraversalStep(.index(.unknown), range: dot2.range.through(numTok.range), isLegacyIndex: true))
                                lastRange = numTok.range
                                continue
                            }
                            steps.append(TraversalStep(.index(numberLiteral(numTok)), range: dot2.range.through(numTok.range), isLegacyIndex: true))
                            lastRange = numTok.range
                            continue
                        }
                        if peek().kind != .ident {
                            if !recovery {
                                if peek().kind == .star {
                                    diags += .error("Nested splat expression not allowed", "A splat expression (*) cannot be used inside another attribute-only splat expression.", subject: nextRange)
                                } else {
                                    diags += .error("Invalid attribute name", "An attribute name is required after a dot.", subject: attrTok.range)
                                }
                            }
                            recovery = true
                            continue traversal
                        }
                        let name = read()
                        steps.append(TraversalStep(.attribute(name.text), range: dot2.range.through(name.range)))
                        lastRange = name.range
                    }
                    let markerRange = dot.range.through(marker.range)
                    let item = Expression(.splatItem, range: markerRange)
                    let each = steps.isEmpty ? item : Expression(.relativeTraversal(source: item, steps: steps), range: firstRange.through(lastRange))
                    ret = Expression(.splat(source: ret, each: each, isFullSplat: false, markerRange: markerRange), range: from.range.through(lastRange))
                default:
                    diags += .error("Invalid attribute name", "An attribute name is required after a dot.", subject: attrTok.range)
                    ret = Expression(.invalid, range: from.range.through(dot.range))
                    recovery = true
                }

            case .oBrack:
                let open = read()
                if peek().kind == .star {
                    // Full splat: every following traversal step applies to each element.
                    read()
                    var close = read()
                    if close.kind != .cBrack && !recovery {
                        // hclsyntax's diagnostic points at its `close` variable, which the
                        // recovery then overwrites: Terraform reports where recovery stopped.
                        close = recover(.cBrack)
                        diags += .error("Missing close bracket on splat index", "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").", subject: close.range)
                    }
                    let markerRange = open.range.through(close.range)
                    let item = Expression(.splatItem, range: markerRange)
                    let each = parseExpressionTraversals(item)
                    ret = Expression(.splat(source: ret, each: each, isFullSplat: true, markerRange: markerRange), range: from.range.through(each.range))
                } else {
                    var close: Token
                    pushIncludeNewlines(false)
                    let mark = errorMark
                    let key = parseExpression()
                    if recovery && errorsSince(mark) {
                        close = recover(.cBrack)
                    } else {
                        close = read()
                        if close.kind != .cBrack && !recovery {
                            // As above: the subject is where recovery stopped, as Terraform reports it.
                            close = recover(.cBrack)
                            diags += .error("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", subject: close.range)
                        }
                    }
                    popIncludeNewlines()
                    let rng = open.range.through(close.range)
                    if case .literal(let v) = key.kind {
                        ret = makeRelativeTraversal(ret, TraversalStep(.index(v), range: rng))
                    } else if case .template(let parts) = key.kind, parts.count == 1, case .literal(let s, _) = parts[0] {
                        ret = makeRelativeTraversal(ret, TraversalStep(.index(.string(s)), range: rng))
                    } else {
                        ret = Expression(.index(collection: ret, key: key, bracketRange: rng), range: from.range.through(rng))
                    }
                }
            default:
                break traversal
            }
        }
        return ret
    }

    func numberLiteral(_ tok: Token) -> LiteralValue {
        if TokenParser.isValidNumber(tok.text) { return .number(tok.text) }
        diags += .error("Invalid number literal", "Failed to recognize the value of this number literal.", subject: tok.range)
        return .unknown
    }

    /// digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ] — what cty accepts from the scanner's number tokens.
    static func isValidNumber(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func digits() -> Bool {
            let s = i
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            return i > s
        }
        guard digits() else { return false }
        if i < b.count && b[i] == 0x2E {
            i += 1
            guard digits() else { return false }
        }
        if i < b.count && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < b.count && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
            guard digits() else { return false }
        }
        return i == b.count
    }

    func parseExpressionTerm() -> Expression {
        let start = peek()
        switch start.kind {
        case .oParen:
            let oParen = read()
            pushIncludeNewlines(false)
            let mark = errorMark
            let expr = parseExpression()
            if errorsSince(mark) {
                recover(.cParen)
                popIncludeNewlines()
                return expr
            }
            let close = peek()
            if close.kind != .cParen {
                diags += .error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", subject: close.range, context: start.range.through(close.range))
                recovery = true
            }
            let cParen = read()
            popIncludeNewlines()
            return Expression(.parentheses(expr), range: oParen.range.through(cParen.range))

        case .numberLit:
            let tok = read()
            return Expression(.literal(numberLiteral(tok)), range: tok.range)

        case .ident:
            let tok = read()
            let after = peek().kind
            if after == .oParen || after == .doubleColon {
                return finishParsingFunctionCall(tok)
            }
            switch tok.text {
            case "true": return Expression(.literal(.bool(true)), range: tok.range)
            case "false": return Expression(.literal(.bool(false)), range: tok.range)
            case "null": return Expression(.literal(.null), range: tok.range)
            default:
                return Expression(.scopeTraversal(Traversal(rootName: tok.text, rootRange: tok.range, steps: [])), range: tok.range)
            }

        case .oQuote, .oHeredoc:
            let open = read()
            let closer = TokenParser.opposite(open.kind)
            let flush = open.kind == .oHeredoc && open.text.hasPrefix("<<-")
            return parseTemplate(end: closer, flushHeredoc: flush, openRange: open.range)

        case .minus, .bang:
            let tok = read()
            // Only the term and its traversals: `-a+b` is `(-a)+b`.
            guard enterNesting(at: tok.range) else { return placeholder(tok.range) }
            defer { leaveNesting() }
            let operand = parseExpressionWithTraversals()
            let op: UnaryOperator = start.kind == .minus ? .negate : .logicalNot
            return Expression(.unaryOp(op, operand: operand, symbolRange: tok.range), range: tok.range.through(operand.range))

        case .oBrack:
            return parseTupleConstructor()

        case .oBrace:
            return parseObjectConstructor()

        default:
            if !recovery {
                if start.kind == .eof {
                    diags += .error("Missing expression", "Expected the start of an expression, but found the end of the file.", subject: start.range)
                } else {
                    diags += .error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", subject: start.range)
                }
            }
            recovery = true
            return placeholder(start.range)
        }
    }

    func finishParsingFunctionCall(_ name: Token) -> Expression {
        var openTok = read()
        var nameStr = name.text
        var nameEnd = name.range.end
        while openTok.kind == .doubleColon {
            let nextName = read()
            if nextName.kind != .ident {
                diags += .error("Missing function name", "Function scope resolution symbol :: must be followed by a function name in this scope.", subject: nextName.range, context: name.range.through(nextName.range))
                recoverOver(.oParen)
                return placeholder(name.range.through(nextName.range))
            }
            nameStr += "::" + nextName.text
            nameEnd = nextName.range.end
            openTok = read()
        }
        let nameRange = SourceRange(filename: name.range.filename, start: name.range.start, end: nameEnd)
        if openTok.kind != .oParen {
            diags += .error("Missing open parenthesis", "Function selector must be followed by an open parenthesis to begin the function call.", subject: openTok.range, context: name.range.through(openTok.range))
            recoverOver(.oParen)
            return placeholder(name.range.through(openTok.range))
        }

        var args: [Expression] = []
        var expandFinal = false
        var closeTok: Token?
        pushIncludeNewlines(false)
        loop: while true {
            if peek().kind == .cParen {
                closeTok = read()
                break
            }
            let mark = errorMark
            let arg = parseExpression()
            args.append(arg)
            if recovery && errorsSince(mark) {
                let recovered = recover(.cParen)
                if recovered.kind == .cParen { closeTok = recovered }
                break
            }
            let sep = read()
            if sep.kind == .cParen {
                closeTok = sep
                break
            }
            if sep.kind == .ellipsis {
                expandFinal = true
                if peek().kind != .cParen {
                    if !recovery {
                        diags += .error("Missing closing parenthesis", "An expanded function argument (with ...) must be immediately followed by closing parentheses.", subject: sep.range, context: name.range.through(sep.range))
                    }
                    closeTok = recover(.cParen)
                } else {
                    closeTok = read()
                }
                break
            }
            if sep.kind != .comma {
                if sep.kind == .eof {
                    diags += .error("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.", subject: name.range.through(openTok.range))
                } else {
                    diags += .error("Missing argument separator", "A comma is required to separate each function argument from the next.", subject: sep.range, context: name.range.through(sep.range))
                }
                closeTok = recover(.cParen)
                break
            }
            if peek().kind == .cParen {
                closeTok = read()
                break
            }
        }
        popIncludeNewlines()
        // Without a closing parenthesis hclsyntax leaves a zero range; the open parenthesis is the closest honest stand-in.
        let closeRange = closeTok?.range ?? openTok.range
        let call = FunctionCall(name: nameStr, nameRange: nameRange, arguments: args, expandFinalArgument: expandFinal, openParenRange: openTok.range, closeParenRange: closeRange)
        return Expression(.functionCall(call), range: nameRange.through(closeRange))
    }

    func isKeyword(_ tok: Token, _ word: String) -> Bool { tok.kind == .ident && tok.text == word }

    func parseTupleConstructor() -> Expression {
        let open = read()
        pushIncludeNewlines(false)
        defer { popIncludeNewlines() }
        if isKeyword(peek(), "for") {
            return finishParsingForExpr(open)
        }
        var exprs: [Expression] = []
        var close: Token
        while true {
            if peek().kind == .cBrack {
                close = read()
                break
            }
            let mark = errorMark
            let e = parseExpression()
            exprs.append(e)
            if recovery && errorsSince(mark) {
                close = recover(.cBrack)
                break
            }
            let next = peek()
            if next.kind == .cBrack {
                close = read()
                break
            }
            if next.kind != .comma {
                if !recovery {
                    if next.kind == .eof {
                        diags += .error("Unterminated tuple constructor expression", "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.", subject: open.range)
                    } else {
                        diags += .error("Missing item separator", "Expected a comma to mark the beginning of the next item.", subject: next.range, context: open.range.through(next.range))
                    }
                }
                close = recover(.cBrack)
                break
            }
            read()
        }
        return Expression(.tuple(exprs), range: open.range.through(close.range))
    }

    func parseObjectConstructor() -> Expression {
        let open = read()
        pushIncludeNewlines(false)
        let isFor = isKeyword(peek(), "for")
        popIncludeNewlines()
        if isFor {
            return finishParsingForExpr(open)
        }
        pushIncludeNewlines(true)
        defer { popIncludeNewlines() }
        var items: [ObjectItem] = []
        var close: Token
        while true {
            let next = peek()
            if next.kind == .newline {
                read()
                continue
            }
            if next.kind == .cBrace {
                close = read()
                break
            }
            let forceNonLiteral = peek().kind == .oParen
            let mark = errorMark
            let keyExpr = parseExpression()
            if recovery && errorsSince(mark) {
                close = recover(.cBrace)
                break
            }
            let key = ObjectKey(expression: keyExpr, forceNonLiteral: forceNonLiteral)
            let sep = peek()
            if sep.kind != .equal && sep.kind != .colon {
                if !recovery {
                    switch sep.kind {
                    case .newline, .comma:
                        diags += .error("Missing attribute value", "Expected an attribute value, introduced by an equals sign (\"=\").", subject: sep.range, context: open.range.through(sep.range))
                    case .ident:
                        diags += .error("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.", subject: sep.range, context: open.range.through(sep.range))
                    case .eof:
                        diags += .error("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", subject: open.range)
                    default:
                        diags += .error("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value.", subject: sep.range, context: open.range.through(sep.range))
                    }
                }
                close = recover(.cBrace)
                break
            }
            read()
            let mark2 = errorMark
            let value = parseExpression()
            if recovery && errorsSince(mark2) {
                if case .invalid = value.kind {
                    items.append(ObjectItem(key: key, value: value))
                }
                close = recover(.cBrace)
                break
            }
            items.append(ObjectItem(key: key, value: value))
            let after = peek()
            if after.kind == .cBrace {
                close = read()
                break
            }
            if after.kind != .comma && after.kind != .newline {
                if !recovery {
                    if after.kind == .eof {
                        diags += .error("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", subject: open.range)
                    } else {
                        diags += .error("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", subject: after.range, context: open.range.through(after.range))
                    }
                }
                close = recover(.cBrace)
                break
            }
            read()
        }
        return Expression(.object(items), range: open.range.through(close.range))
    }

    func finishParsingForExpr(_ open: Token) -> Expression {
        pushIncludeNewlines(false)
        defer { popIncludeNewlines() }
        read() // "for"
        let makeObject = open.kind == .oBrace
        let closeKind: TokenKind = makeObject ? .cBrace : .cBrack

        func fail(_ detail: String) -> Expression {
            if !recovery {
                diags += .error("Invalid 'for' expression", detail, subject: nextRange, context: open.range.through(nextRange))
            }
            let close = recover(closeKind)
            return placeholder(open.range.through(close.range))
        }

        guard peek().kind == .ident else { return fail("For expression requires variable name after 'for'.") }
        var valueName = read().text
        var keyName: String?
        if peek().kind == .comma {
            keyName = valueName
            read()
            guard peek().kind == .ident else { return fail("For expression requires value variable name after comma.") }
            valueName = read().text
        }
        guard isKeyword(peek(), "in") else { return fail("For expression requires the 'in' keyword after its name declarations.") }
        read()
        let mark = errorMark
        let collection = parseExpression()
        if recovery && errorsSince(mark) {
            let close = recover(closeKind)
            return placeholder(open.range.through(close.range))
        }
        guard peek().kind == .colon else { return fail("For expression requires a colon after the collection expression.") }
        read()

        let mark2 = errorMark
        var keyExpr: Expression?
        var valueExpr = parseExpression()
        if peek().kind == .fatArrow {
            read()
            keyExpr = valueExpr
            valueExpr = parseExpression()
        }
        if recovery && errorsSince(mark2) {
            let close = recover(closeKind)
            return placeholder(open.range.through(close.range))
        }

        var grouping = false
        var ellipsis: Token?
        if peek().kind == .ellipsis {
            ellipsis = read()
            grouping = true
        }

        var condition: Expression?
        if isKeyword(peek(), "if") {
            read()
            let mark3 = errorMark
            condition = parseExpression()
            if recovery && errorsSince(mark3) {
                let close = recover(closeKind)
                return placeholder(open.range.through(close.range))
            }
        }

        var close: Token
        if peek().kind == closeKind {
            close = read()
        } else {
            if !recovery {
                diags += .error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", subject: nextRange, context: open.range.through(nextRange))
            }
            close = recover(closeKind)
        }

        let whole = open.range.through(close.range)
        if !makeObject {
            if let k = keyExpr {
                diags += .error("Invalid 'for' expression", "Key expression is not valid when building a tuple.", subject: k.range, context: whole)
            }
            if grouping, let e = ellipsis {
                diags += .error("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", subject: e.range, context: whole)
            }
        } else if keyExpr == nil {
            diags += .error("Invalid 'for' expression", "Key expression is required when building an object.", subject: valueExpr.range, context: whole)
        }

        let f = ForExpression(keyVariable: keyName, valueVariable: valueName, collection: collection, keyExpression: keyExpr,
                              valueExpression: valueExpr, condition: condition, grouping: grouping, isObject: makeObject,
                              openRange: open.range, closeRange: close.range)
        return Expression(.forExpr(f), range: whole)
    }
}
