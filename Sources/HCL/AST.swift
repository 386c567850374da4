/// The native-syntax tree: what the parser produces and the evaluator walks.
/// It follows hclsyntax's node set; every node carries its source range.

/// A parsed configuration file.
public struct File: Sendable {
    public var filename: String
    public var body: Body
    /// The source exactly as read, for rendering snippets in diagnostics.
    public var bytes: [UInt8]

    public init(filename: String, body: Body, bytes: [UInt8]) {
        self.filename = filename
        self.body = body
        self.bytes = bytes
    }
}

/// Attributes and blocks in source order.
public struct Body: Sendable {
    public enum Item: Sendable {
        case attribute(Attribute)
        case block(Block)
    }

    public var items: [Item]
    /// From the opening brace (or file start) to the closing brace (or end of file).
    public var range: SourceRange
    /// The empty range just after the body's last character (where a missing item would go).
    public var endRange: SourceRange

    /// Names already consumed by `partialContent` (hidden from later decoding).
    public var hiddenAttributes: Set<String> = []
    public var hiddenBlockTypes: Set<String> = []
    /// Set when the body comes from a `.tf.json` file: decoding then follows the JSON
    /// syntax's rules (only a schema tells arguments from blocks), and `items` is a
    /// reading of it (every property an argument unless resolved against a schema).
    public var json: JSONBody?

    public init(items: [Item], range: SourceRange, endRange: SourceRange) {
        self.items = items
        self.range = range
        self.endRange = endRange
    }

    public var attributes: [Attribute] {
        items.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } }
    }

    public var blocks: [Block] {
        items.compactMap { if case .block(let b) = $0 { return b } else { return nil } }
    }

    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }
}

/// `name = expression`
public struct Attribute: Sendable {
    public var name: String
    public var expression: HCLExpression
    public var nameRange: SourceRange
    public var equalsRange: SourceRange
    /// From the name to the end of the expression.
    public var range: SourceRange

    public init(name: String, expression: HCLExpression, nameRange: SourceRange, equalsRange: SourceRange, range: SourceRange) {
        self.name = name
        self.expression = expression
        self.nameRange = nameRange
        self.equalsRange = equalsRange
        self.range = range
    }
}

/// `type "label" label { body }`
public struct Block: Sendable {
    public var type: String
    public var typeRange: SourceRange
    public var labels: [BlockLabel]
    public var body: Body
    public var openBraceRange: SourceRange
    public var closeBraceRange: SourceRange

    public init(type: String, typeRange: SourceRange, labels: [BlockLabel], body: Body, openBraceRange: SourceRange, closeBraceRange: SourceRange) {
        self.type = type
        self.typeRange = typeRange
        self.labels = labels
        self.body = body
        self.openBraceRange = openBraceRange
        self.closeBraceRange = closeBraceRange
    }

    /// From the type keyword to the closing brace.
    public var range: SourceRange { typeRange.through(closeBraceRange) }
    /// For a block from the JSON syntax: the opening brace or bracket of its content,
    /// which is what hcl/json records as the block's definition range.
    public var jsonDefinitionRange: SourceRange?

    /// From the type keyword to the last label (what Terraform underlines for a block).
    public var definitionRange: SourceRange {
        if let jsonDefinitionRange { return jsonDefinitionRange }
        return labels.last.map { typeRange.through($0.range) } ?? typeRange
    }
}

public struct BlockLabel: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
    /// `"name"` rather than a bare identifier `name`.
    public var isQuoted: Bool

    public init(value: String, range: SourceRange, isQuoted: Bool) {
        self.value = value
        self.range = range
        self.isQuoted = isQuoted
    }
}

/// A constant written directly in the source.
public enum LiteralValue: Sendable, Hashable {
    /// The exact decimal text as written (`0.1`, `1e300`, 40-digit integers), never rounded.
    case number(String)
    case string(String)
    case bool(Bool)
    case null
    /// A placeholder standing for a value the parser could not determine after a syntax error.
    case unknown
}

/// One step of a traversal after its root.
public struct TraversalStep: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `.name`
        case attribute(String)
        /// `[key]` with a constant key, or the legacy `.0` form.
        case index(LiteralValue)
    }

    public var kind: Kind
    /// Includes the leading `.` or the brackets.
    public var range: SourceRange
    /// Written as `.0` (legacy HIL syntax) rather than `[0]`.
    public var isLegacyIndex: Bool

    public init(_ kind: Kind, range: SourceRange, isLegacyIndex: Bool = false) {
        self.kind = kind
        self.range = range
        self.isLegacyIndex = isLegacyIndex
    }
}

/// A reference such as `var.a.b[0]`: a root name and constant steps.
public struct Traversal: Sendable, Hashable {
    public var rootName: String
    public var rootRange: SourceRange
    public var steps: [TraversalStep]

    public init(rootName: String, rootRange: SourceRange, steps: [TraversalStep]) {
        self.rootName = rootName
        self.rootRange = rootRange
        self.steps = steps
    }
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case logicalOr = "||"
    case logicalAnd = "&&"
    case equal = "=="
    case notEqual = "!="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case logicalNot = "!"
}

public struct FunctionCall: Sendable {
    /// Full name, with namespaces joined by `::` (`provider::aws::arn_parse`).
    public var name: String
    public var nameRange: SourceRange
    public var arguments: [HCLExpression]
    /// The last argument was followed by `...` and is expanded into arguments.
    public var expandFinalArgument: Bool
    public var openParenRange: SourceRange
    public var closeParenRange: SourceRange

    /// The namespace parts before the function's own name (`["provider", "aws"]`).
    public var namespaces: [String] {
        var parts: [String] = []
        var current = ""
        var chars = Array(name)
        var i = 0
        while i < chars.count {
            if chars[i] == ":" && i + 1 < chars.count && chars[i + 1] == ":" {
                parts.append(current)
                current = ""
                i += 2
            } else {
                current.append(chars[i])
                i += 1
            }
        }
        chars = []
        return parts
    }
}

public struct ObjectItem: Sendable {
    public var key: ObjectKey
    public var value: HCLExpression
}

/// The key of an object constructor item. HCL treats a bare identifier (`{a = 1}`)
/// as the literal string "a", while `{(a) = 1}` evaluates the reference `a`.
public struct ObjectKey: Sendable {
    public var expression: HCLExpression
    /// The key was wrapped in parentheses, so it is always evaluated as an expression.
    public var forceNonLiteral: Bool

    /// The name when the key is a bare identifier that evaluates as a literal string.
    public var bareIdentifier: String? {
        guard !forceNonLiteral, case .scopeTraversal(let t) = expression.kind, t.steps.isEmpty else { return nil }
        return t.rootName
    }

    public var range: SourceRange { expression.range }
}

/// `[for k, v in coll : v if cond]` or `{for k, v in coll : k => v... if cond}`
public struct ForExpression: Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    /// Present only for the object form.
    public var keyExpression: HCLExpression?
    public var valueExpression: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value: values with the same key are grouped into tuples.
    public var grouping: Bool
    /// `{` form (object) rather than `[` form (tuple).
    public var isObject: Bool
    public var openRange: SourceRange
    public var closeRange: SourceRange
}

/// One part of a template (quoted string, heredoc or template file).
public enum TemplatePart: Sendable {
    /// Literal text with escapes applied and strip markers / heredoc indentation already removed.
    case literal(String, SourceRange)
    case interpolation(TemplateInterpolation)
    case conditional(TemplateConditional)
    case forLoop(TemplateForLoop)

    public var range: SourceRange {
        switch self {
        case .literal(_, let r): return r
        case .interpolation(let i): return i.range
        case .conditional(let c): return c.range
        case .forLoop(let f): return f.range
        }
    }
}

/// `${ expr }`; the strip flags record `${~` and `~}` (already applied to neighbouring literals).
public struct TemplateInterpolation: Sendable {
    public var expression: HCLExpression
    public var range: SourceRange
    public var stripLeft: Bool
    public var stripRight: Bool
}

/// `%{ if cond }...%{ else }...%{ endif }`
public struct TemplateConditional: Sendable {
    public var condition: HCLExpression
    public var thenParts: [TemplatePart]
    public var elseParts: [TemplatePart]
    /// The `%{ if ... }` directive.
    public var ifRange: SourceRange
    /// The `%{ else }` directive, when present.
    public var elseRange: SourceRange?
    /// The `%{ endif }` directive.
    public var endRange: SourceRange
    /// From `%{ if` to the end of `%{ endif }`.
    public var range: SourceRange
}

/// `%{ for k, v in coll }...%{ endfor }`
public struct TemplateForLoop: Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    public var body: [TemplatePart]
    public var forRange: SourceRange
    public var endRange: SourceRange
    public var range: SourceRange
}

/// The old name, for code that does not import Foundation (whose `Expression`
/// makes the bare name ambiguous); prefer `HCLExpression`.
public typealias Expression = HCLExpression

/// An expression node and its source range. (Named with the prefix because
/// Foundation declares its own `Expression`.)
public struct HCLExpression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(LiteralValue)
        /// A quoted string, heredoc or template file with its parts.
        case template([TemplatePart])
        /// A template that is exactly one interpolation, like `"${x}"`: yields `x`'s value unchanged (not converted to string).
        case templateWrap(HCLExpression)
        /// A reference starting at a variable name: `var.a[0].b`.
        case scopeTraversal(Traversal)
        /// Constant attribute/index steps applied to the result of another expression: `f(x).a[0]`, `(x).y`.
        case relativeTraversal(source: HCLExpression, steps: [TraversalStep])
        case functionCall(FunctionCall)
        case conditional(condition: HCLExpression, trueResult: HCLExpression, falseResult: HCLExpression)
        case binaryOp(BinaryOperator, lhs: HCLExpression, rhs: HCLExpression)
        case unaryOp(UnaryOperator, operand: HCLExpression, symbolRange: SourceRange)
        case tuple([HCLExpression])
        case object([ObjectItem])
        case forExpr(ForExpression)
        /// `collection[key]` where the key is not a constant.
        case index(collection: HCLExpression, key: HCLExpression, bracketRange: SourceRange)
        /// `source[*].each` or `source.*.each`: `each` is evaluated for every element with
        /// `.splatItem` standing for the element. `isFullSplat` is the `[*]` form.
        case splat(source: HCLExpression, each: HCLExpression, isFullSplat: Bool, markerRange: SourceRange)
        /// The element placeholder inside a splat's `each` expression.
        case splatItem
        case parentheses(HCLExpression)
        /// Stands in for an expression that failed to parse (its diagnostics were reported).
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange
    /// The JSON value this expression was read from (`.tf.json`), when it was. Static
    /// readings differ in that syntax: a string is parsed as a reference where a
    /// reference is expected, and taken literally where no evaluation context exists.
    public var jsonNode: JSONNode?

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The traversal when this expression is a plain reference (`var.x`, `a.b[0]`); in
    /// the JSON syntax, a string holding one (parsed from the opening quote, as hcl/json does).
    public var asTraversal: Traversal? {
        if let jsonNode {
            guard case .string(let text, let r) = jsonNode else { return nil }
            let (t, d) = Parser.parseTraversal(Array(text.utf8), filename: r.filename, start: r.start)
            return d.hasErrors ? nil : t
        }
        if case .scopeTraversal(let t) = kind { return t }
        return nil
    }

    /// The string value when this is a template made of literal text only (no sequences).
    public var asStringLiteral: String? {
        switch kind {
        case .literal(.string(let s)):
            return s
        case .template(let parts):
            var out = ""
            for part in parts {
                guard case .literal(let s, _) = part else { return nil }
                out += s
            }
            return out
        default:
            return nil
        }
    }
}
