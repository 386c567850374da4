/// Presents a JSON-syntax body as a native `Body`, so that code decoding the
/// configuration reads `.tf` and `.tf.json` files alike. Decoding calls
/// (`content`, `partialContent`, `justAttributes`) go to the JSON rules; the
/// attributes and blocks they return are native nodes whose expressions keep
/// the JSON value they came from (`HCLExpression.jsonNode`).

/// Which properties of a JSON body are blocks (and their labels and nested
/// shapes); every other property is an argument. This is the part of a schema
/// needed to read a JSON body as native items.
public struct JSONBodyShape: Sendable {
    public struct BlockShape: Sendable {
        public var labelNames: [String]
        public var shape: JSONBodyShape
        public init(labelNames: [String] = [], shape: JSONBodyShape = JSONBodyShape()) {
            self.labelNames = labelNames
            self.shape = shape
        }
    }

    public var blocks: [String: BlockShape]
    public init(blocks: [String: BlockShape] = [:]) { self.blocks = blocks }
}

extension Body {
    /// A body read from the JSON syntax; `items` hold every property as an argument
    /// until `resolvingJSON(_:)` gives a shape.
    public init(json: JSONBody) {
        var diags = Diagnostics()
        let items = Body.items(of: json, shape: JSONBodyShape(), diags: &diags)
        let close = json.missingItemRange
        self.init(items: items, range: json.node.range, endRange: SourceRange(filename: close.filename, start: close.end, end: close.end))
        self.json = json
    }

    /// The same JSON body with its items read against `shape`: named properties
    /// become blocks (recursively), the rest arguments. Decoding still follows the JSON rules.
    public func resolvingJSON(_ shape: JSONBodyShape) -> Body {
        guard let json else { return self }
        var diags = Diagnostics()
        var copy = self
        copy.items = Body.items(of: json, shape: shape, diags: &diags)
        return copy
    }

    static func items(of json: JSONBody, shape: JSONBodyShape, diags: inout Diagnostics) -> [Item] {
        guard case .object = json.node else { return [] }
        let schema = BodySchema(blocks: shape.blocks.map { BlockHeaderSchema(type: $0.key, labelNames: $0.value.labelNames) })
        let (content, rest, d) = json.partialContent(schema: schema)
        diags += d
        let (attrs, ad) = rest.justAttributes()
        diags += ad
        var items: [(SourcePos, Item)] = attrs.map { a in (a.nameRange.start, .attribute(attribute(a, diags: &diags))) }
        for b in content.blocks {
            var block = Body.block(b)
            if let inner = shape.blocks[b.type] { block.body = block.body.resolvingJSON(inner.shape) }
            items.append((b.definitionRange.start, .block(block)))
        }
        return items.sorted { $0.0.byte < $1.0.byte }.map(\.1)
    }

    static func attribute(_ a: JSONAttribute, diags: inout Diagnostics) -> Attribute {
        let (expr, d) = a.expression.nativeExpression()
        diags += d
        return Attribute(name: a.name, expression: expr, nameRange: a.nameRange, equalsRange: a.nameRange, range: a.range)
    }

    static func block(_ b: JSONBlock) -> Block {
        let labels = zip(b.labels, b.labelRanges).map { BlockLabel(value: $0.0, range: $0.1, isQuoted: true) }
        let body = Body(json: b.body)
        let end = b.body.node.range
        var block = Block(type: b.type, typeRange: b.typeRange, labels: labels, body: body,
                          openBraceRange: b.definitionRange,
                          closeBraceRange: SourceRange(filename: end.filename, start: end.end, end: end.end))
        block.jsonDefinitionRange = b.definitionRange
        return block
    }

    static func bodyContent(_ c: JSONBodyContent, diags: inout Diagnostics) -> BodyContent {
        var attrs: [String: Attribute] = [:]
        for a in c.attributes.values.sorted(by: { $0.nameRange.start.byte < $1.nameRange.start.byte }) {
            attrs[a.name] = attribute(a, diags: &diags)
        }
        return BodyContent(attributes: attrs, blocks: c.blocks.map(block), missingItemRange: c.missingItemRange)
    }
}
