/// What a body may contain: which names are arguments and which are blocks (with
/// their label names). In the JSON syntax only a schema can tell an argument from a
/// block, so JSON bodies are always read through one.
public struct BodySchema: Sendable {
    public var attributes: [AttributeSchema]
    public var blocks: [BlockHeaderSchema]

    public init(attributes: [AttributeSchema] = [], blocks: [BlockHeaderSchema] = []) {
        self.attributes = attributes
        self.blocks = blocks
    }
}

public struct AttributeSchema: Sendable {
    public var name: String
    public var required: Bool
    public init(name: String, required: Bool = false) {
        self.name = name
        self.required = required
    }
}

public struct BlockHeaderSchema: Sendable {
    public var type: String
    public var labelNames: [String]
    public init(type: String, labelNames: [String] = []) {
        self.type = type
        self.labelNames = labelNames
    }
}

/// An argument of a JSON body.
public struct JSONAttribute: Sendable {
    public var name: String
    public var expression: JSONExpression
    public var nameRange: SourceRange
    public var range: SourceRange
}

/// A block of a JSON body: its labels come from the nesting of object properties.
public struct JSONBlock: Sendable {
    public var type: String
    public var labels: [String]
    public var labelRanges: [SourceRange]
    public var body: JSONBody
    public var typeRange: SourceRange
    /// The opening brace/bracket of the block's content.
    public var definitionRange: SourceRange
}

public struct JSONBodyContent: Sendable {
    public var attributes: [String: JSONAttribute]
    /// Blocks in source order.
    public var blocks: [JSONBlock]
    public var missingItemRange: SourceRange
}

/// A body in the JSON syntax, decoded on demand against a schema (like hcl.Body).
public struct JSONBody: Sendable {
    public var node: JSONNode
    /// Names already consumed by a `partialContent` call.
    public var hiddenAttributes: Set<String> = []

    public init(node: JSONNode, hiddenAttributes: Set<String> = []) {
        self.node = node
        self.hiddenAttributes = hiddenAttributes
    }

    /// Where a missing argument would go (the closing brace of the object).
    public var missingItemRange: SourceRange {
        switch node {
        case .object(let o): return o.closeRange
        case .array(_, _, let open): return open
        default: return node.startRange
        }
    }

    /// Decodes against the schema; properties the schema does not know are errors (`//` comment keys excepted).
    public func content(schema: BodySchema) -> (JSONBodyContent, Diagnostics) {
        var (content, rest, diags) = partialContent(schema: schema)
        var suggestions: [String] = schema.attributes.map(\.name).filter { !rest.hiddenAttributes.contains($0) }
        suggestions += schema.blocks.map(\.type)
        let (props, propDiags) = collectDeepAttributes(node, labelName: nil)
        diags += propDiags
        for prop in props where prop.name != "//" && !rest.hiddenAttributes.contains(prop.name) {
            let dym = nameSuggestion(prop.name, suggestions).map { " Did you mean \(goQuote($0))?" } ?? ""
            diags += .error("Extraneous JSON object property", "No argument or block type is named \(goQuote(prop.name)).\(dym)",
                            subject: prop.nameRange, context: prop.range)
        }
        rest = JSONBody(node: node)
        _ = rest
        content.missingItemRange = missingItemRange
        return (content, diags)
    }

    /// Decodes what the schema names and returns the rest as another body.
    public func partialContent(schema: BodySchema) -> (JSONBodyContent, JSONBody, Diagnostics) {
        var diags = Diagnostics()
        let (props, propDiags) = collectDeepAttributes(node, labelName: nil)
        diags += propDiags
        var used = hiddenAttributes
        var content = JSONBodyContent(attributes: [:], blocks: [], missingItemRange: missingItemRange)
        var attrSchemas: [String: AttributeSchema] = [:]
        for a in schema.attributes { attrSchemas[a.name] = a }
        var blockSchemas: [String: BlockHeaderSchema] = [:]
        for b in schema.blocks { blockSchemas[b.type] = b }

        for prop in props {
            if hiddenAttributes.contains(prop.name) { continue }
            if attrSchemas[prop.name] != nil {
                if let existing = content.attributes[prop.name] {
                    diags += .error("Duplicate argument", "The argument \(goQuote(prop.name)) was already set at \(existing.range.hclDescription).",
                                    subject: prop.nameRange, context: prop.range)
                    continue
                }
                content.attributes[prop.name] = JSONAttribute(name: prop.name, expression: JSONExpression(node: prop.value),
                                                              nameRange: prop.nameRange, range: prop.nameRange.through(prop.value.range))
                used.insert(prop.name)
            } else if let bs = blockSchemas[prop.name] {
                diags += unpackBlock(prop.value, type: bs.type, typeRange: prop.nameRange, labelsLeft: bs.labelNames[...],
                                     labelsUsed: [], labelRanges: [], into: &content.blocks)
                used.insert(prop.name)
            }
        }
        for a in schema.attributes where a.required && content.attributes[a.name] == nil {
            diags += .error("Missing required argument", "The argument \(goQuote(a.name)) is required, but no definition was found.", subject: missingItemRange)
        }
        return (content, JSONBody(node: node, hiddenAttributes: used), diags)
    }

    /// Every property as an argument (for bodies like `locals` whose names are free).
    public func justAttributes() -> ([JSONAttribute], Diagnostics) {
        var diags = Diagnostics()
        guard case .object(let obj) = node else {
            diags += .error("Incorrect JSON value type", "A JSON object is required here, setting the arguments for this block.", subject: node.startRange)
            return ([], diags)
        }
        var attrs: [JSONAttribute] = []
        var seen: [String: SourceRange] = [:]
        for prop in obj.properties where prop.name != "//" && !hiddenAttributes.contains(prop.name) {
            if let existing = seen[prop.name] {
                diags += .error("Duplicate attribute definition", "The argument \(goQuote(prop.name)) was already set at \(existing.hclDescription).", subject: prop.nameRange)
                continue
            }
            let range = prop.nameRange.through(prop.value.range)
            seen[prop.name] = range
            attrs.append(JSONAttribute(name: prop.name, expression: JSONExpression(node: prop.value), nameRange: prop.nameRange, range: range))
        }
        return (attrs, diags)
    }

    private func unpackBlock(_ v: JSONNode, type: String, typeRange: SourceRange, labelsLeft: ArraySlice<String>,
                             labelsUsed: [String], labelRanges: [SourceRange], into blocks: inout [JSONBlock]) -> Diagnostics {
        var diags = Diagnostics()
        if let labelName = labelsLeft.first {
            let (props, propDiags) = collectDeepAttributes(v, labelName: labelName)
            diags += propDiags
            if props.isEmpty {
                diags += .error("Missing block label", "At least one object property is required, whose name represents the \(type) block's \(labelName).", subject: v.startRange)
                return diags
            }
            for p in props {
                diags += unpackBlock(p.value, type: type, typeRange: typeRange, labelsLeft: labelsLeft.dropFirst(),
                                     labelsUsed: labelsUsed + [p.name], labelRanges: labelRanges + [p.nameRange], into: &blocks)
            }
            return diags
        }
        switch v {
        case .null:
            break
        case .object(let o):
            blocks.append(JSONBlock(type: type, labels: labelsUsed, labelRanges: labelRanges, body: JSONBody(node: v),
                                    typeRange: typeRange, definitionRange: o.openRange))
        case .array(let items, _, let open):
            for item in items {
                blocks.append(JSONBlock(type: type, labels: labelsUsed, labelRanges: labelRanges, body: JSONBody(node: item),
                                        typeRange: typeRange, definitionRange: open))
            }
        default:
            diags += .error("Incorrect JSON value type", "Either a JSON object or a JSON array is required, representing the contents of one or more \(goQuote(type)) blocks.", subject: v.startRange)
        }
        return diags
    }

    /// The properties of an object, or of every object in an array, in order.
    private func collectDeepAttributes(_ v: JSONNode, labelName: String?) -> ([JSONProperty], Diagnostics) {
        var diags = Diagnostics()
        var props: [JSONProperty] = []
        switch v {
        case .null:
            break
        case .object(let o):
            props += o.properties
        case .array(let items, _, _):
            for item in items {
                if case .object(let o) = item {
                    props += o.properties
                } else if let labelName {
                    diags += .error("Incorrect JSON value type", "A JSON object is required here, to specify \(labelName) labels for this block.", subject: item.startRange)
                } else {
                    diags += .error("Incorrect JSON value type", "A JSON object is required here, to define arguments and child blocks.", subject: item.startRange)
                }
            }
        default:
            if let labelName {
                diags += .error("Incorrect JSON value type", "Either a JSON object or JSON array of objects is required here, to specify \(labelName) labels for this block.", subject: v.startRange)
            } else {
                diags += .error("Incorrect JSON value type", "Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.", subject: v.startRange)
            }
        }
        return (props, diags)
    }
}

/// An expression in the JSON syntax: a JSON value whose strings are templates.
public struct JSONExpression: Sendable {
    public var node: JSONNode

    public init(node: JSONNode) { self.node = node }

    public var range: SourceRange { node.range }

    /// The equivalent native-syntax expression, as Terraform evaluates JSON values with a
    /// context: strings (including object keys) are parsed as templates, placed just after
    /// their opening quote (escapes removed by JSON shift later columns, as in hcl/json).
    public func nativeExpression() -> (HCLExpression, Diagnostics) {
        var diags = Diagnostics()
        let e = JSONExpression.convert(node, &diags)
        return (e, diags)
    }

    /// The value as a literal, as hcl/json evaluates without a context (strings stay verbatim).
    public func literalExpression() -> HCLExpression {
        JSONExpression.literal(node)
    }

    static func template(_ s: String, _ r: SourceRange, _ diags: inout Diagnostics) -> HCLExpression {
        var start = r.start
        start.byte += 1
        start.column += 1
        let (e, d) = Parser.parseTemplate(Array(s.utf8), filename: r.filename, start: start)
        diags += d
        return d.hasErrors ? HCLExpression(.invalid, range: r) : e
    }

    static func convert(_ n: JSONNode, _ diags: inout Diagnostics) -> HCLExpression {
        var e = convertKind(n, &diags)
        e.jsonNode = n
        return e
    }

    private static func convertKind(_ n: JSONNode, _ diags: inout Diagnostics) -> HCLExpression {
        switch n {
        case .string(let s, let r):
            // The expression spans the quotes, as a JSON string's range does in hcl/json.
            var e = template(s, r, &diags)
            e.range = r
            return e
        case .number(let t, let r):
            return HCLExpression(.literal(.number(t)), range: r)
        case .bool(let b, let r):
            return HCLExpression(.literal(.bool(b)), range: r)
        case .null(let r):
            return HCLExpression(.literal(.null), range: r)
        case .array(let items, let r, _):
            return HCLExpression(.tuple(items.map { convert($0, &diags) }), range: r)
        case .object(let o):
            let items = o.properties.map { p in
                var key = template(p.name, p.nameRange, &diags)
                key.jsonNode = .string(p.name, range: p.nameRange)
                return ObjectItem(key: ObjectKey(expression: key, forceNonLiteral: true), value: convert(p.value, &diags))
            }
            return HCLExpression(.object(items), range: o.range)
        case .invalid(let r):
            return HCLExpression(.invalid, range: r)
        }
    }

    static func literal(_ n: JSONNode) -> HCLExpression {
        switch n {
        case .string(let s, let r):
            return HCLExpression(.literal(.string(s)), range: r)
        case .object(let o):
            let items = o.properties.map { p in
                ObjectItem(key: ObjectKey(expression: HCLExpression(.literal(.string(p.name)), range: p.nameRange), forceNonLiteral: true),
                           value: literal(p.value))
            }
            return HCLExpression(.object(items), range: o.range)
        case .array(let items, let r, _):
            return HCLExpression(.tuple(items.map(literal)), range: r)
        default:
            var d = Diagnostics()
            return convert(n, &d)
        }
    }
}
