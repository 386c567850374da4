import JSON

/// The source text of the files a run has read, so diagnostics can show snippets.
public struct SourceFiles: Sendable {
    public struct Entry: Sendable {
        public var bytes: [UInt8]
        /// Byte ranges and headers (`resource "a" "b"`) of the file's top-level
        /// blocks, used for the "in BLOCK" context of a snippet.
        public var topLevelBlocks: [(range: Range<Int>, header: String)]
        /// For a `.tf.json` file: its root value, whose property path names a snippet's context.
        public var jsonRoot: JSONNode?

        public init(bytes: [UInt8], topLevelBlocks: [(range: Range<Int>, header: String)] = [], jsonRoot: JSONNode? = nil) {
            self.bytes = bytes
            self.topLevelBlocks = topLevelBlocks
            self.jsonRoot = jsonRoot
        }
    }

    public var files: [String: Entry] = [:]

    public init() {}

    public subscript(filename: String) -> Entry? {
        get { files[filename] }
        set { files[filename] = newValue }
    }
}

/// The snippet terraform attaches to a diagnostic: the lines covered, where the
/// highlight sits in them, and the enclosing top-level block.
public struct DiagnosticSnippet: Sendable, Equatable {
    public var context: String?
    public var code: String
    public var startLine: Int
    public var highlightStart: Int
    public var highlightEnd: Int
}

/// Renders diagnostics as terraform does: the boxed, coloured form for a
/// terminal, the plain form with `-no-color`, and the JSON form of `-json`.
public struct DiagnosticRenderer: Sendable {
    public enum Style: Sendable {
        /// `╷ │ ╵` rules on the left (terraform's views when colour is on).
        case boxed
        /// No rules; a blank line before each diagnostic.
        case plain
    }

    public var sources: SourceFiles
    public var color: Bool
    public var style: Style
    /// Terraform wraps details at the terminal width, 78 columns when not a terminal.
    public var width: Int

    public init(sources: SourceFiles, color: Bool, style: Style = .boxed, width: Int = 78) {
        self.sources = sources
        self.color = color
        self.style = color ? style : .plain
        self.width = width
    }

    /// The highlighted range as terraform reports it (empty ranges widened by one byte).
    public static func highlightRange(_ d: Diagnostic) -> SourceRange? {
        guard var r = d.subject else { return nil }
        if r.isEmpty {
            r.end.byte += 1
            r.end.column += 1
        }
        return r
    }

    public func snippet(for d: Diagnostic) -> DiagnosticSnippet? {
        guard let subject = d.subject, let file = sources[subject.filename] else { return nil }
        var highlight = subject
        var snippetRange = d.context.map { $0.through(subject) } ?? subject
        if snippetRange.isEmpty {
            snippetRange.end.byte += 1
        }
        if highlight.isEmpty {
            highlight.end.byte += 1
        }
        let src = file.bytes
        // Lines overlapping the snippet range, with hcl's rules: a line's range
        // excludes its newline (so empty lines never overlap), and a range
        // "overlaps" a line that contains either of its end points.
        var codeStart = -1
        var code: [UInt8] = []
        var lineStart = 0
        let r0 = snippetRange.start.byte, r1 = snippetRange.end.byte
        while lineStart < src.count {
            var lineEnd = lineStart
            while lineEnd < src.count, src[lineEnd] != 0x0A { lineEnd += 1 }
            var tokenEnd = lineEnd
            if tokenEnd > lineStart, src[tokenEnd - 1] == 0x0D { tokenEnd -= 1 }
            let l0 = lineStart, l1 = tokenEnd
            func lineContains(_ o: Int) -> Bool { o >= l0 && o < l1 }
            func rangeContains(_ o: Int) -> Bool { o >= r0 && o < r1 }
            let overlaps = l1 > l0 && r1 > r0
                && (lineContains(r0) || lineContains(r1) || rangeContains(l0) || rangeContains(l1))
            if overlaps {
                if codeStart < 0 && code.isEmpty { codeStart = lineStart }
                code.append(contentsOf: src[l0..<l1])
                code.append(0x0A)
            }
            lineStart = lineEnd + 1
        }
        if code.last == 0x0A { code.removeLast() }
        if codeStart < 0 { codeStart = 0 }
        var start = highlight.start.byte - codeStart
        var end = start + (highlight.end.byte - highlight.start.byte)
        start = max(0, min(start, code.count))
        end = max(0, min(end, code.count))
        let contextOffset = highlight.start.byte - 1
        let context = file.jsonRoot.map { $0.navigationContext(offset: contextOffset) }
            ?? file.topLevelBlocks.first { $0.range.contains(contextOffset) }?.header
        return DiagnosticSnippet(context: context, code: String(decoding: code, as: UTF8.self),
                                 startLine: snippetRange.start.line, highlightStart: start, highlightEnd: end)
    }

    /// Terraform colours text with colorstring, which appends a reset to every
    /// string it colours; the boxed form reproduces those bytes exactly.
    private func colored(_ s: String) -> String {
        color ? s + "\u{1B}[0m" : s
    }

    public func render(_ d: Diagnostic) -> String {
        let isError = d.severity == .error
        let esc = "\u{1B}["
        var body = ""
        switch style {
        case .boxed:
            body += colored(isError ? "\(esc)1m\(esc)31mError: \(esc)0m" : "\(esc)1m\(esc)33mWarning: \(esc)0m")
            body += colored("\(esc)1m\(d.summary)\(esc)0m\n\n")
        case .plain:
            body += (isError ? "\nError: " : "\nWarning: ") + d.summary + "\n\n"
        }
        body += snippetText(d)
        if !d.detail.isEmpty {
            let paraWidth = style == .boxed ? width - 3 : width - 1
            for line in d.detail.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(" ") {
                    body += line + "\n"
                } else {
                    body += DiagnosticRenderer.wordWrap(String(line), limit: paraWidth) + "\n"
                }
            }
        }
        guard style == .boxed else { return body }
        let rule = isError ? "\(esc)31m" : "\(esc)33m"
        let lineRule = colored("\(rule)│\(esc)0m ")
        var out = colored("\(rule)╷\(esc)0m") + "\n"
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            out += lineRule + line + "\n"
        }
        out += colored("\(rule)╵\(esc)0m") + "\n"
        return out
    }

    private func snippetText(_ d: Diagnostic) -> String {
        let esc = "\u{1B}["
        var out = ""
        if let address = d.address {
            out += "  with \(address),\n"
        }
        guard let subject = d.subject else { return out }
        guard let snippet = snippet(for: d) else {
            return out + "  on \(subject.filename) line \(subject.start.line):\n  (source code not available)\n\n"
        }
        out += "  on \(subject.filename) line \(subject.start.line)\(snippet.context.map { ", in \($0)" } ?? ""):\n"
        let codeBytes = Array(snippet.code.utf8)
        let before = String(decoding: codeBytes[0..<snippet.highlightStart], as: UTF8.self)
        let highlighted = String(decoding: codeBytes[snippet.highlightStart..<max(snippet.highlightStart, snippet.highlightEnd)], as: UTF8.self)
        let after = String(decoding: codeBytes[max(snippet.highlightStart, snippet.highlightEnd)...], as: UTF8.self)
        let code = color ? colored(before + "\(esc)4m" + highlighted + "\(esc)0m" + after) : before + highlighted + after
        for (i, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out += DiagnosticRenderer.padLeft(String(snippet.startLine + i), 4) + ": " + line + "\n"
        }
        if !d.expressionValues.isEmpty || d.functionCall != nil {
            // Without colour, the same lines with no escape sequences.
            let (grey, bold, reset) = color ? ("\(esc)90m", "\(esc)1m", "\(esc)0m") : ("", "", "")
            out += colored("    \(grey)├────────────────\(reset)\n")
            if let call = d.functionCall, let paren = call.firstIndex(of: "(") {
                out += colored("    \(grey)│\(reset) while calling \(bold)\(call[..<paren])\(reset)\(call[paren...])\n")
            }
            for value in d.expressionValues.sorted(by: { $0.traversal < $1.traversal }) {
                let lines = value.statement.split(separator: "\n", omittingEmptySubsequences: false)
                out += colored("    \(grey)│\(reset) \(bold)\(value.traversal)\(reset) \(lines.first.map(String.init) ?? "")\n")
                for line in lines.dropFirst() {
                    out += colored("    \(grey)│\(reset)   \(line)\n")
                }
            }
        }
        return out + "\n"
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Word wrapping with the rules of the library terraform uses: break only at
    /// white space, never split a word, drop the spaces at a break.
    public static func wordWrap(_ s: String, limit: Int) -> String {
        var out = ""
        var current = 0
        var word = ""
        var wordLen = 0
        var spaces = ""
        var spaceLen = 0
        for ch in s {
            if ch == "\n" {
                if wordLen == 0 {
                    if current + spaceLen <= limit { out += spaces }
                } else {
                    out += spaces + word
                }
                spaces = ""; spaceLen = 0; word = ""; wordLen = 0
                out.append("\n")
                current = 0
            } else if ch.isWhitespace && ch != "\u{A0}" {
                if spaceLen == 0 || wordLen > 0 {
                    current += spaceLen + wordLen
                    out += spaces + word
                    spaces = ""; spaceLen = 0; word = ""; wordLen = 0
                }
                spaces.append(ch)
                spaceLen += 1
            } else {
                word.append(ch)
                wordLen += 1
                if current + spaceLen + wordLen > limit && wordLen < limit {
                    out.append("\n")
                    current = 0
                    spaces = ""
                    spaceLen = 0
                }
            }
        }
        if wordLen == 0 {
            if current + spaceLen <= limit { out += spaces }
        } else {
            out += spaces + word
        }
        return out
    }

    // MARK: JSON form

    /// The diagnostic object of terraform's JSON output (`validate -json`, `-json` UI streams).
    public func json(_ d: Diagnostic) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "severity", value: .string(d.severity.rawValue)),
            JSONMember(key: "summary", value: .string(d.summary)),
            JSONMember(key: "detail", value: .string(d.detail)),
        ]
        if let address = d.address {
            members.append(JSONMember(key: "address", value: .string(address)))
        }
        if let r = DiagnosticRenderer.highlightRange(d) {
            func pos(_ p: SourcePos) -> JSONValue {
                .object(["line": .number(p.line), "column": .number(p.column), "byte": .number(p.byte)])
            }
            members.append(JSONMember(key: "range", value: .object([
                "filename": .string(r.filename), "start": pos(r.start), "end": pos(r.end),
            ])))
            if let s = snippet(for: d) {
                let values: [JSONValue] = d.expressionValues.sorted { $0.traversal < $1.traversal }.map {
                    .object(["traversal": .string($0.traversal), "statement": .string($0.statement)])
                }
                members.append(JSONMember(key: "snippet", value: .object([
                    "context": s.context.map { .string($0) } ?? .null,
                    "code": .string(s.code),
                    "start_line": .number(s.startLine),
                    "highlight_start_offset": .number(s.highlightStart),
                    "highlight_end_offset": .number(s.highlightEnd),
                    "values": .array(values),
                ])))
            }
        }
        return .object(members)
    }
}
