/// Schema-driven decoding of native-syntax bodies, with hclsyntax's messages, so the
/// configuration layer can read `.tf` and `.tf.json` bodies the same way (see JSONBody).
public struct BodyContent: Sendable {
    public var attributes: [String: Attribute]
    /// Blocks in source order.
    public var blocks: [Block]
    public var missingItemRange: SourceRange
}

extension Body {
    /// Where a missing argument is reported: the empty range at the body's start.
    public var missingItemRange: SourceRange {
        if let json { return json.missingItemRange }
        return SourceRange(filename: range.filename, start: range.start, end: range.start)
    }

    /// Decodes against the schema; arguments and blocks it does not name are errors.
    public func content(schema: BodySchema) -> (BodyContent, Diagnostics) {
        if let json {
            var j = json
            j.hiddenAttributes.formUnion(hiddenAttributes)
            let (c, d) = j.content(schema: schema)
            var diags = d
            return (Body.bodyContent(c, diags: &diags), diags)
        }
        var (content, rest, diags) = partialContent(schema: schema)
        for attr in attributes where !rest.hiddenAttributes.contains(attr.name) {
            let candidates = schema.attributes.map(\.name).filter { content.attributes[$0] == nil }
            var suggestion = nameSuggestion(attr.name, candidates).map { " Did you mean \(goQuote($0))?" } ?? ""
            if suggestion.isEmpty, schema.blocks.contains(where: { $0.type == attr.name }) {
                suggestion = " Did you mean to define a block of type \(goQuote(attr.name))?"
            }
            diags += .error("Unsupported argument", "An argument named \(goQuote(attr.name)) is not expected here.\(suggestion)", subject: attr.nameRange)
        }
        for block in blocks where !rest.hiddenBlockTypes.contains(block.type) {
            var suggestion = nameSuggestion(block.type, schema.blocks.map(\.type)).map { " Did you mean \(goQuote($0))?" } ?? ""
            if suggestion.isEmpty, schema.attributes.contains(where: { $0.name == block.type }) {
                suggestion = " Did you mean to define argument \(goQuote(block.type))? If so, use the equals sign to assign it a value."
            }
            diags += .error("Unsupported block type", "Blocks of type \(goQuote(block.type)) are not expected here.\(suggestion)", subject: block.typeRange)
        }
        rest.items = []
        content.missingItemRange = missingItemRange
        return (content, diags)
    }

    /// Decodes what the schema names and returns the remaining body.
    public func partialContent(schema: BodySchema) -> (BodyContent, Body, Diagnostics) {
        if let json {
            var j = json
            j.hiddenAttributes.formUnion(hiddenAttributes)
            let (c, restJSON, d) = j.partialContent(schema: schema)
            var diags = d
            var rest = self
            rest.json = restJSON
            rest.hiddenAttributes = restJSON.hiddenAttributes
            rest.hiddenBlockTypes.formUnion(schema.blocks.map(\.type))
            return (Body.bodyContent(c, diags: &diags), rest, diags)
        }
        var diags = Diagnostics()
        var hiddenAttrs = hiddenAttributes
        var hiddenBlocks = hiddenBlockTypes
        var attrs: [String: Attribute] = [:]
        let all = attributes
        for s in schema.attributes {
            guard !hiddenAttrs.contains(s.name), let attr = all.first(where: { $0.name == s.name }) else {
                if s.required {
                    diags += .error("Missing required argument", "The argument \(goQuote(s.name)) is required, but no definition was found.", subject: missingItemRange)
                }
                continue
            }
            hiddenAttrs.insert(s.name)
            attrs[s.name] = attr
        }
        var wanted: [String: BlockHeaderSchema] = [:]
        for b in schema.blocks { wanted[b.type] = b }
        var found: [Block] = []
        for block in blocks where !hiddenBlocks.contains(block.type) {
            guard let bs = wanted[block.type] else { continue }
            let context = block.typeRange.through(block.openBraceRange)
            if block.labels.count > bs.labelNames.count {
                let detail = bs.labelNames.isEmpty
                    ? "No labels are expected for \(block.type) blocks."
                    : "Only \(bs.labelNames.count) labels (\(bs.labelNames.joined(separator: ", "))) are expected for \(block.type) blocks."
                diags += .error("Extraneous label for \(block.type)", detail, subject: block.labels[bs.labelNames.count].range, context: context)
                continue
            }
            if block.labels.count < bs.labelNames.count {
                diags += .error("Missing \(bs.labelNames[block.labels.count]) for \(block.type)",
                                "All \(block.type) blocks must have \(bs.labelNames.count) labels (\(bs.labelNames.joined(separator: ", "))).",
                                subject: block.openBraceRange, context: context)
                continue
            }
            found.append(block)
        }
        for b in schema.blocks { hiddenBlocks.insert(b.type) }
        var rest = self
        rest.hiddenAttributes = hiddenAttrs
        rest.hiddenBlockTypes = hiddenBlocks
        return (BodyContent(attributes: attrs, blocks: found, missingItemRange: missingItemRange), rest, diags)
    }

    /// Every argument (for bodies like `locals`); blocks are an error here.
    public func justAttributes() -> ([Attribute], Diagnostics) {
        var diags = Diagnostics()
        if let json {
            var j = json
            j.hiddenAttributes.formUnion(hiddenAttributes)
            let (attrs, d) = j.justAttributes()
            diags += d
            return (attrs.map { Body.attribute($0, diags: &diags) }, diags)
        }
        if let example = blocks.first {
            diags += .error("Unexpected \(goQuote(example.type)) block", "Blocks are not allowed here.", subject: example.typeRange)
        }
        return (attributes.filter { !hiddenAttributes.contains($0.name) }, diags)
    }
}
