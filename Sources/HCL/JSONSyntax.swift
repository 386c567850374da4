/// The JSON syntax of HCL (`.tf.json`), as hcl/json implements it.
///
/// This has its own small JSON scanner instead of going through the json-c
/// wrapper because every value needs its exact source range (line, column,
/// byte) for diagnostics and for parsing the templates embedded in strings at
/// the right position, and json-c reports no positions. The error messages
/// follow hcl/json so that Terraform users see the same text.

/// A JSON value with source ranges.
public indirect enum JSONNode: Sendable {
    case object(JSONObject)
    case array([JSONNode], range: SourceRange, openRange: SourceRange)
    /// The decoded string (escapes applied).
    case string(String, range: SourceRange)
    /// The number text exactly as written.
    case number(String, range: SourceRange)
    case bool(Bool, range: SourceRange)
    case null(range: SourceRange)
    /// Stands in for a value that failed to parse.
    case invalid(range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .object(let o): return o.range
        case .array(_, let r, _), .string(_, let r), .number(_, let r), .bool(_, let r), .null(let r), .invalid(let r): return r
        }
    }

    /// The first character's range (what hcl/json underlines for a mistyped value).
    public var startRange: SourceRange {
        switch self {
        case .object(let o): return o.openRange
        case .array(_, _, let open): return open
        default: return range
        }
    }
}

extension JSONNode {
    /// The dotted path of object properties (and `[i]` array steps) down to the innermost
    /// object or array holding `offset`, as hcl/json names a snippet's context
    /// (`resource.terraform_data.a.depends_on`); nil at the top level.
    public func navigationContext(offset: Int) -> String? {
        var steps: [String] = []
        var node = self
        descend: while true {
            switch node {
            case .object(let o):
                for p in o.properties {
                    switch p.value {
                    case .object, .array:
                        if p.value.range.start.byte <= offset && offset < p.value.range.end.byte {
                            steps.append("." + p.name)
                            node = p.value
                            continue descend
                        }
                    default:
                        continue
                    }
                }
                break descend
            case .array(let items, _, _):
                for (i, item) in items.enumerated() {
                    switch item {
                    case .object, .array:
                        if item.range.start.byte <= offset && offset < item.range.end.byte {
                            steps.append("[\(i)]")
                            node = item
                            continue descend
                        }
                    default:
                        continue
                    }
                }
                break descend
            default:
                break descend
            }
        }
        var text = steps.joined()
        if text.hasPrefix(".") { text.removeFirst() }
        return text.isEmpty ? nil : text
    }
}

public struct JSONObject: Sendable {
    /// Properties in source order; duplicates are kept (bodies report them).
    public var properties: [JSONProperty]
    public var range: SourceRange
    public var openRange: SourceRange
    public var closeRange: SourceRange
}

public struct JSONProperty: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var value: JSONNode

    public var range: SourceRange { nameRange.through(value.range) }
}

public enum JSONSyntax {
    /// Parses a `.tf.json` file into a body to be decoded against a schema.
    public static func parseFile(_ source: [UInt8], filename: String) -> (JSONBody, Diagnostics) {
        var (node, diags) = parse(source, filename: filename)
        switch node {
        case .object, .array:
            break
        default:
            diags += .error("Root value must be object", "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.", subject: node.startRange)
            // An empty body stands in, so decoding it adds no second error about the same problem.
            let origin = SourceRange(filename: filename, start: .start, end: .start)
            node = .object(JSONObject(properties: [], range: origin, openRange: origin, closeRange: origin))
        }
        return (JSONBody(node: node), diags)
    }

    /// Parses one JSON value with ranges.
    public static func parse(_ source: [UInt8], filename: String, start: SourcePos = .start) -> (JSONNode, Diagnostics) {
        let tokens = JSONScanner.scan(source, filename: filename, start: start)
        let p = JSONValueParser(tokens: tokens)
        var node = p.parseValue()
        if p.diags.isEmpty && p.peek().kind != .eof {
            p.diags += .error("Extraneous data after value", "Extra characters appear after the JSON value.", subject: p.peek().range)
        }
        if p.depthExceeded { node = .invalid(range: node.range) }
        return (node, p.diags)
    }
}

// MARK: - Scanner

struct JSONToken {
    enum Kind: Equatable { case braceO, braceC, brackO, brackC, comma, colon, equals, keyword, string, number, eof, invalid }
    var kind: Kind
    var bytes: ArraySlice<UInt8>
    var range: SourceRange
}

enum JSONScanner {
    static func scan(_ buf: [UInt8], filename: String, start: SourcePos) -> [JSONToken] {
        var tokens: [JSONToken] = []
        var pos = start
        var i = 0
        func range(_ s: SourcePos, _ e: SourcePos) -> SourceRange { SourceRange(filename: filename, start: s, end: e) }
        while true {
            // Whitespace: a tab counts as two columns and a carriage return as none, as hcl/json counts them.
            while i < buf.count {
                switch buf[i] {
                case 0x20: pos.byte += 1; pos.column += 1
                case 0x0A: pos.byte += 1; pos.column = 1; pos.line += 1
                case 0x0D: pos.byte += 1
                case 0x09: pos.byte += 1; pos.column += 2
                default: break
                }
                if buf[i] != 0x20 && buf[i] != 0x0A && buf[i] != 0x0D && buf[i] != 0x09 { break }
                i += 1
            }
            if i >= buf.count {
                tokens.append(JSONToken(kind: .eof, bytes: [], range: range(pos, pos)))
                return tokens
            }
            let startPos = pos
            let s = i
            let first = buf[i]
            switch first {
            case 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x3D:
                let kind: JSONToken.Kind = [0x7B: .braceO, 0x7D: .braceC, 0x5B: .brackO, 0x5D: .brackC, 0x2C: .comma, 0x3A: .colon, 0x3D: .equals][first] ?? .invalid
                i += 1
                pos.byte += 1
                pos.column += 1
                tokens.append(JSONToken(kind: kind, bytes: buf[s..<i], range: range(startPos, pos)))
            case 0x22:
                i += 1
                pos.byte += 1
                pos.column += 1
                var escaping = false
                loop: while i < buf.count {
                    let b = buf[i]
                    if b == 0x5C {
                        escaping.toggle()
                        i += 1; pos.byte += 1; pos.column += 1
                    } else if b == 0x22 {
                        i += 1; pos.byte += 1; pos.column += 1
                        if !escaping { break loop }
                        escaping = false
                    } else if b < 32 {
                        break loop
                    } else {
                        let n = characterLength(buf, i)
                        i += n; pos.byte += n; pos.column += 1
                        escaping = false
                    }
                }
                tokens.append(JSONToken(kind: .string, bytes: buf[s..<i], range: range(startPos, pos)))
            case 0x2D, 0x2B, 0x2E, 0x30...0x39:
                while i < buf.count, [0x2D, 0x2B, 0x2E, 0x65, 0x45].contains(buf[i]) || (buf[i] >= 0x30 && buf[i] <= 0x39) {
                    i += 1; pos.byte += 1; pos.column += 1
                }
                tokens.append(JSONToken(kind: .number, bytes: buf[s..<i], range: range(startPos, pos)))
            default:
                if isAlpha(first) {
                    while i < buf.count, isAlpha(buf[i]) || buf[i] == 0x5F {
                        i += 1; pos.byte += 1; pos.column += 1
                    }
                    tokens.append(JSONToken(kind: .keyword, bytes: buf[s..<i], range: range(startPos, pos)))
                } else {
                    var end = pos
                    end.byte += 1
                    end.column += 1
                    tokens.append(JSONToken(kind: .invalid, bytes: buf[s..<s + 1], range: range(startPos, end)))
                    tokens.append(JSONToken(kind: .eof, bytes: [], range: range(end, end)))
                    return tokens
                }
            }
        }
    }

    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }

    /// Bytes of the grapheme cluster starting at `i` (one column in hcl/json's count).
    static func characterLength(_ buf: [UInt8], _ i: Int) -> Int {
        if buf[i] < 0x80 && (i + 1 >= buf.count || buf[i + 1] < 0x80) { return 1 }
        var j = i + 1
        while j < buf.count && buf[j] >= 0x80 && buf[j] & 0xC0 == 0x80 { j += 1 }
        // Extend over combining marks that belong to the same character.
        let end = min(buf.count, j + 16)
        let s = String(decoding: buf[i..<end], as: UTF8.self)
        if let first = s.first {
            let n = String(first).utf8.count
            if n > 0 && i + n <= buf.count && String(decoding: buf[i..<i + n], as: UTF8.self) == String(first) { return n }
        }
        return j - i
    }
}

// MARK: - Parser

final class JSONValueParser {
    let tokens: [JSONToken]
    var index = 0
    var diags = Diagnostics()
    var depth = 0
    var depthExceeded = false

    /// Byte offset just past the input.
    let endByte: Int

    init(tokens: [JSONToken]) {
        self.tokens = tokens
        endByte = tokens.last?.range.end.byte ?? 0
    }

    func peek() -> JSONToken { tokens[min(index, tokens.count - 1)] }

    @discardableResult
    func read() -> JSONToken {
        let t = peek()
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func parseValue() -> JSONNode {
        let tok = peek()
        if depth >= Parser.maximumNestingDepth {
            if !depthExceeded {
                depthExceeded = true
                diags += .error("Nesting too deep", "This JSON value is nested more than \(Parser.maximumNestingDepth) levels deep, which is more than Terraswift supports.", subject: tok.range)
            }
            index = tokens.count - 1
            return .invalid(range: tok.range)
        }
        depth += 1
        defer { depth -= 1 }
        let node: JSONNode?
        switch tok.kind {
        case .braceO: node = parseObject()
        case .brackO: node = parseArray()
        case .number: node = parseNumber()
        case .string: node = parseString()
        case .keyword: node = parseKeyword()
        case .braceC:
            diags += .error("Missing JSON value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", subject: tok.range)
            node = nil
        case .brackC:
            diags += .error("Missing array element value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", subject: tok.range)
            node = nil
        case .eof:
            diags += .error("Missing value", "The JSON data ends prematurely.", subject: tok.range)
            node = nil
        default:
            diags += .error("Invalid start of value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", subject: tok.range)
            node = nil
        }
        return node ?? .invalid(range: tok.range)
    }

    private func recover(_ first: JSONToken, open: JSONToken.Kind, close: JSONToken.Kind) {
        var tok = first
        var depth = 1
        while true {
            if tok.kind == open {
                depth += 1
            } else if tok.kind == close {
                depth -= 1
                if depth <= 1 { return }
            } else if tok.kind == .eof {
                return
            }
            tok = read()
        }
    }

    private func parseObject() -> JSONNode? {
        let open = read()
        var props: [JSONProperty] = []
        // As in hcl/json, a value that fails to parse still takes its place (as `.invalid`).
        while true {
            if peek().kind == .braceC { break }
            let keyNode = parseValue()
            guard case .string(let key, let keyRange) = keyNode else {
                diags += .error("Invalid object property name", "A JSON object property name must be a string", subject: keyNode.startRange)
                return nil
            }
            let colon = read()
            if colon.kind != .colon {
                recover(colon, open: .braceO, close: .braceC)
                if colon.kind == .braceC || colon.kind == .comma {
                    diags += .error("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", subject: colon.range)
                } else if colon.kind == .equals {
                    diags += .error("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", subject: colon.range)
                } else {
                    diags += .error("Missing property value colon", "A colon must appear between an object property's name and its value.", subject: colon.range)
                }
                return nil
            }
            let value = parseValue()
            props.append(JSONProperty(name: key, nameRange: keyRange, value: value))
            switch peek().kind {
            case .comma:
                let comma = read()
                if peek().kind == .braceC {
                    diags += .error("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", subject: comma.range)
                    return nil
                }
                continue
            case .eof:
                diags += .error("Unclosed object", "No closing brace was found for this JSON object.", subject: open.range)
                return nil
            case .brackC:
                read()
                diags += .error("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", subject: peek().range)
                return nil
            case .braceC:
                break
            default:
                recover(read(), open: .braceO, close: .braceC)
                diags += .error("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", subject: peek().range)
                return nil
            }
            break
        }
        let close = read()
        return .object(JSONObject(properties: props, range: open.range.through(close.range), openRange: open.range, closeRange: close.range))
    }

    private func parseArray() -> JSONNode? {
        let open = read()
        var values: [JSONNode] = []
        while true {
            if peek().kind == .brackC { break }
            let v = parseValue()
            values.append(v)
            switch peek().kind {
            case .comma:
                let comma = read()
                if peek().kind == .brackC {
                    diags += .error("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", subject: comma.range)
                    return nil
                }
                continue
            case .colon:
                recover(read(), open: .brackO, close: .brackC)
                diags += .error("Invalid array value", "A colon is not used to introduce values in a JSON array.", subject: peek().range)
                return nil
            case .eof:
                recover(read(), open: .brackO, close: .brackC)
                diags += .error("Unclosed object", "No closing bracket was found for this JSON array.", subject: open.range)
                return nil
            case .braceC:
                recover(read(), open: .brackO, close: .brackC)
                diags += .error("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", subject: peek().range)
                return nil
            case .brackC:
                break
            default:
                recover(read(), open: .brackO, close: .brackC)
                diags += .error("Missing attribute seperator comma", "A comma must appear between each value in an array.", subject: peek().range)
                return nil
            }
            break
        }
        let close = read()
        return .array(values, range: open.range.through(close.range), openRange: open.range)
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isJSONNumber(_ b: ArraySlice<UInt8>) -> Bool {
        var i = b.startIndex
        func digit(_ k: Int) -> Bool { k < b.endIndex && b[k] >= 0x30 && b[k] <= 0x39 }
        if i < b.endIndex && b[i] == 0x2D { i += 1 }
        guard digit(i) else { return false }
        if b[i] == 0x30 { i += 1 } else { while digit(i) { i += 1 } }
        if i < b.endIndex && b[i] == 0x2E {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < b.endIndex && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < b.endIndex && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return i == b.endIndex
    }

    private func parseNumber() -> JSONNode? {
        let tok = read()
        guard JSONValueParser.isJSONNumber(tok.bytes) else {
            diags += .error("Invalid JSON number", "There is a syntax error in the given JSON number.", subject: tok.range)
            return nil
        }
        return .number(String(decoding: tok.bytes, as: UTF8.self), range: tok.range)
    }

    private func parseString() -> JSONNode? {
        let tok = read()
        switch JSONValueParser.decodeString(Array(tok.bytes)) {
        case .success(let s):
            return .string(s, range: tok.range)
        case .failure(let offset):
            // hcl/json places the error `offset` bytes (and columns) after the string's start.
            var s = tok.range.start
            s.byte += offset
            s.column += offset
            var e = s
            e.byte += 1
            e.column += 1
            // hcl/json can point one past the end of the input (an unterminated string);
            // keep the range inside the file. (Terraform widens the resulting empty range
            // back to the same one-character span when it renders it.)
            for k in [0, 1] {
                var q = k == 0 ? s : e
                if q.byte > endByte {
                    q.column -= q.byte - endByte
                    q.byte = endByte
                }
                if k == 0 { s = q } else { e = q }
            }
            let errRange = SourceRange(filename: tok.range.filename, start: s, end: e)
            diags += .error("Invalid JSON string", "There is a syntax error in the given JSON string.", subject: errRange,
                            context: errRange == tok.range ? nil : tok.range)
            return nil
        }
    }

    enum StringResult { case success(String), failure(Int) }

    /// Decodes a JSON string token; a failure carries Go's error offset (bytes read including the bad one).
    static func decodeString(_ b: [UInt8]) -> StringResult {
        guard b.count >= 2, b[0] == 0x22 else { return .failure(b.count) }
        var out: [UInt8] = []
        var i = 1
        func hex4(_ k: Int) -> UInt32? {
            guard k + 4 <= b.count else { return nil }
            var v: UInt32 = 0
            for c in b[k..<k + 4] {
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                if i != b.count - 1 { return .failure(i + 1) }
                return .success(String(decoding: out, as: UTF8.self))
            }
            if c < 0x20 { return .failure(i + 1) }
            if c == 0x5C {
                guard i + 1 < b.count else { return .failure(b.count) }
                let e = b[i + 1]
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var v = hex4(i + 2) else {
                        var k = i + 2
                        while k < b.count && k < i + 6, hex4Digit(b[k]) { k += 1 }
                        return .failure(k + 1)
                    }
                    i += 6
                    if v >= 0xD800 && v < 0xDC00, i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75, let lo = hex4(i + 2), lo >= 0xDC00 && lo < 0xE000 {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                    let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    continue
                default:
                    return .failure(i + 2)
                }
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        return .failure(b.count)
    }

    static func hex4Digit(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) }

    private func parseKeyword() -> JSONNode? {
        let tok = read()
        let s = String(decoding: tok.bytes, as: UTF8.self)
        switch s {
        case "true": return .bool(true, range: tok.range)
        case "false": return .bool(false, range: tok.range)
        case "null": return .null(range: tok.range)
        case "undefined", "NaN", "Infinity":
            diags += .error("Invalid JSON keyword", "The JavaScript identifier \(goQuote(s)) cannot be used in JSON.", subject: tok.range)
            return nil
        default:
            let dym = nameSuggestion(s, ["false", "true", "null"]).map { " Did you mean \(goQuote($0))?" } ?? ""
            diags += .error("Invalid JSON keyword", "\(goQuote(s)) is not a valid JSON keyword.\(dym)", subject: tok.range)
            return nil
        }
    }
}
