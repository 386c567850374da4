/// A problem found in user input. Diagnostics are values: every layer returns
/// them beside its result and only the CLI renders them.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var summary: String
    public var detail: String
    /// The exact construct at fault (underlined when rendered).
    public var subject: SourceRange?
    /// A wider range shown around the subject (e.g. the whole expression).
    public var context: SourceRange?
    /// Values of the references in the subject expression, shown under the snippet
    /// as terraform does ("├────────────────\n│ var.x is ..."), already rendered.
    public var expressionValues: [ExpressionValue]
    /// Address of the resource or module this is about, when there is one.
    public var address: String?
    /// The function whose call failed, as its signature (`tonumber(v)`, `concat(seqs...)`):
    /// rendered as terraform's "while calling" line above the values.
    public var functionCall: String?
    /// Set once the evaluator has described the values of the expression at
    /// fault (possibly none), so enclosing expressions leave them alone, as
    /// hcl keeps the innermost expression of a diagnostic.
    public var valuesAttached = false

    public struct ExpressionValue: Hashable, Sendable {
        public var traversal: String
        public var statement: String
        public init(traversal: String, statement: String) {
            self.traversal = traversal
            self.statement = statement
        }
    }

    public init(
        _ severity: Severity, summary: String, detail: String = "",
        subject: SourceRange? = nil, context: SourceRange? = nil,
        expressionValues: [ExpressionValue] = [], address: String? = nil
    ) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.subject = subject
        self.context = context
        self.expressionValues = expressionValues
        self.address = address
    }

    public static func error(_ summary: String, _ detail: String = "", subject: SourceRange? = nil, context: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.error, summary: summary, detail: detail, subject: subject, context: context)
    }

    public static func warning(_ summary: String, _ detail: String = "", subject: SourceRange? = nil, context: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.warning, summary: summary, detail: detail, subject: subject, context: context)
    }
}

/// An ordered collection of diagnostics, in the order they were found.
public struct Diagnostics: Sendable, Sequence {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errorCount: Int { items.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { items.lazy.filter { $0.severity == .warning }.count }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    /// Changes the diagnostics from `index` on (those found since a count was taken).
    public mutating func update(from index: Int, _ body: (inout Diagnostic) -> Void) {
        guard index < items.count else { return }
        for i in index..<items.count { body(&items[i]) }
    }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }

    public static func += (lhs: inout Diagnostics, rhs: Diagnostic) { lhs.append(rhs) }
    public static func += (lhs: inout Diagnostics, rhs: Diagnostics) { lhs.append(contentsOf: rhs) }
}

extension Diagnostics {
    /// The order terraform's views print diagnostics in (tfdiags' stable sort): warnings
    /// first, then those without a source range, then by file (fewer path segments first,
    /// then name) and position; otherwise the order they were found.
    public var sortedForDisplay: Diagnostics {
        func less(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
            if a.severity != b.severity { return a.severity == .warning }
            guard let sa = a.subject, let sb = b.subject else { return a.subject == nil && b.subject != nil }
            if sa.filename != sb.filename {
                let ca = sa.filename.filter { $0 == "/" }.count, cb = sb.filename.filter { $0 == "/" }.count
                if ca != cb { return ca < cb }
                return Array(sa.filename.utf8).lexicographicallyPrecedes(sb.filename.utf8)
            }
            if sa.start.byte != sb.start.byte { return sa.start.byte < sb.start.byte }
            return sa.end.byte < sb.end.byte
        }
        // Insertion into place keeps equal items in their found order (a stable sort).
        var sorted: [Diagnostic] = []
        for d in items {
            var i = sorted.count
            while i > 0 && less(d, sorted[i - 1]) { i -= 1 }
            sorted.insert(d, at: i)
        }
        return Diagnostics(sorted)
    }
}
