/// What a body may contain: the decoding contract a language (Terraform's
/// configuration, a provider schema) imposes on HCL bodies.
public struct BodySchema: Sendable {
    public struct AttributeSchema: Sendable {
        public var name: String
        public var required: Bool
        public init(_ name: String, required: Bool = false) {
            self.name = name
            self.required = required
        }
    }

    public struct BlockSchema: Sendable {
        public var type: String
        public var labelNames: [String]
        public init(_ type: String, labels: [String] = []) {
            self.type = type
            self.labelNames = labels
        }
    }

    public var attributes: [AttributeSchema]
    public var blocks: [BlockSchema]

    public init(attributes: [AttributeSchema] = [], blocks: [BlockSchema] = []) {
        self.attributes = attributes
        self.blocks = blocks
    }
}

/// The attributes and blocks of a body that a schema asked for.
public struct BodyContent: Sendable {
    public var attributes: [String: Attribute]
    public var blocks: [Block]
    public var missingItemRange: SourceRange

    public func blocks(ofType type: String) -> [Block] { blocks.filter { $0.type == type } }
}

extension Body {
    /// Where to point a "missing argument" diagnostic: the start of the body (its `{`).
    public var missingItemRange: SourceRange {
        SourceRange(filename: range.filename, start: range.start, end: range.start)
    }

    /// Decodes against `schema`, reporting anything the schema does not allow
    /// with HCL's messages (and its "Did you mean" suggestions).
    public func content(_ schema: BodySchema, hidden: HiddenItems = HiddenItems()) -> (BodyContent, Diagnostics) {
        let (content, consumed, partialDiags) = partialContent(schema, hidden: hidden)
        var diags = partialDiags
        var reported = Set<String>()
        for attr in attributes where !consumed.attributes.contains(attr.name) && !reported.contains(attr.name) {
            reported.insert(attr.name)
            let candidates = schema.attributes.map(\.name).filter { content.attributes[$0] == nil }
            var suggestion = ""
            if let s = closestName(attr.name, candidates) {
                suggestion = " Did you mean \"\(s)\"?"
            } else if schema.blocks.contains(where: { $0.type == attr.name }) {
                suggestion = " Did you mean to define a block of type \"\(attr.name)\"?"
            }
            diags += Diagnostic(.error, summary: "Unsupported argument",
                                detail: "An argument named \"\(attr.name)\" is not expected here.\(suggestion)",
                                subject: attr.nameRange)
        }
        for block in blocks where !consumed.blocks.contains(block.type) {
            var suggestion = ""
            if let s = closestName(block.type, schema.blocks.map(\.type)) {
                suggestion = " Did you mean \"\(s)\"?"
            } else if schema.attributes.contains(where: { $0.name == block.type }) {
                suggestion = " Did you mean to define argument \"\(block.type)\"? If so, use the equals sign to assign it a value."
            }
            diags += Diagnostic(.error, summary: "Unsupported block type",
                                detail: "Blocks of type \"\(block.type)\" are not expected here.\(suggestion)",
                                subject: block.typeRange)
        }
        return (content, diags)
    }

    /// Names already consumed by an earlier partial decode of the same body.
    public struct HiddenItems: Sendable {
        public var attributes: Set<String> = []
        public var blocks: Set<String> = []
        public init() {}
    }

    /// Decodes what `schema` names and returns what it consumed, leaving the rest
    /// for another decoder (terraform decodes provider arguments this way).
    public func partialContent(_ schema: BodySchema, hidden: HiddenItems = HiddenItems()) -> (BodyContent, HiddenItems, Diagnostics) {
        var diags = Diagnostics()
        var hiddenAfter = hidden
        var attrs: [String: Attribute] = [:]
        for attrS in schema.attributes {
            let found = hidden.attributes.contains(attrS.name) ? nil : attribute(named: attrS.name)
            guard let found else {
                if attrS.required {
                    diags += Diagnostic(.error, summary: "Missing required argument",
                                        detail: "The argument \"\(attrS.name)\" is required, but no definition was found.",
                                        subject: missingItemRange)
                }
                continue
            }
            hiddenAfter.attributes.insert(attrS.name)
            attrs[attrS.name] = found
        }
        var result: [Block] = []
        let wanted = Dictionary(schema.blocks.map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
        for block in blocks where !hidden.blocks.contains(block.type) {
            guard let blockS = wanted[block.type] else { continue }
            let context = block.typeRange.through(block.openBraceRange)
            if block.labels.count > blockS.labelNames.count {
                let detail = blockS.labelNames.isEmpty
                    ? "No labels are expected for \(block.type) blocks."
                    : "Only \(blockS.labelNames.count) labels (\(blockS.labelNames.joined(separator: ", "))) are expected for \(block.type) blocks."
                diags += Diagnostic(.error, summary: "Extraneous label for \(block.type)", detail: detail,
                                    subject: block.labels[blockS.labelNames.count].range, context: context)
                continue
            }
            if block.labels.count < blockS.labelNames.count {
                diags += Diagnostic(.error, summary: "Missing \(blockS.labelNames[block.labels.count]) for \(block.type)",
                                    detail: "All \(block.type) blocks must have \(blockS.labelNames.count) labels (\(blockS.labelNames.joined(separator: ", "))).",
                                    subject: block.openBraceRange, context: context)
                continue
            }
            result.append(block)
        }
        for blockS in schema.blocks { hiddenAfter.blocks.insert(blockS.type) }
        return (BodyContent(attributes: attrs, blocks: result, missingItemRange: missingItemRange), hiddenAfter, diags)
    }

    /// All attributes, for bodies whose argument names are free (`locals`, tfvars):
    /// blocks are an error there.
    public func justAttributes() -> ([Attribute], Diagnostics) {
        var diags = Diagnostics()
        if let example = blocks.first {
            diags += Diagnostic(.error, summary: "Unexpected \"\(example.type)\" block", detail: "Blocks are not allowed here.",
                                subject: example.typeRange)
        }
        return (attributes, diags)
    }
}

/// The closest candidate by edit distance, when it is close enough to be a typo (distance < 3).
public func closestName(_ given: String, _ candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
        let d = nameDistance(given, c)
        if d < 3, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}

func nameDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
