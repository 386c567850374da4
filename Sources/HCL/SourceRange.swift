/// A position in a source file. `line` and `column` are 1-based (column counts
/// Unicode characters, as HCL does); `byte` is the 0-based UTF-8 offset.
public struct SourcePos: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public var byte: Int

    public init(line: Int, column: Int, byte: Int) {
        self.line = line
        self.column = column
        self.byte = byte
    }

    public static let start = SourcePos(line: 1, column: 1, byte: 0)

    public static func < (a: SourcePos, b: SourcePos) -> Bool { a.byte < b.byte }
}

/// A half-open span `[start, end)` of one file.
public struct SourceRange: Hashable, Sendable {
    public var filename: String
    public var start: SourcePos
    public var end: SourcePos

    public init(filename: String, start: SourcePos, end: SourcePos) {
        self.filename = filename
        self.start = start
        self.end = end
    }

    /// The smallest range covering both (assumed to be in the same file).
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(filename: filename, start: min(start, other.start), end: max(end, other.end))
    }

    public var isEmpty: Bool { start.byte == end.byte }

    public func contains(byte: Int) -> Bool { byte >= start.byte && byte < end.byte }
}
