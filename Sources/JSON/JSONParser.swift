import CJSONC

/// Why a document could not be parsed, with where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 0-based byte offset, 1-based line and column of the problem.
    public var offset: Int
    public var line: Int
    public var column: Int
    /// The document nests deeper than the limit it was parsed with.
    public var isDepthLimit = false

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// Parses JSON through json-c, strictly (RFC 8259, valid UTF-8, nothing after the value).
///
/// json-c clamps integers outside the 64-bit range and drops the sign of `-0`,
/// so a lexical pre-scan records the text of every such integer token by its
/// place in document order; the tree then answers those numbers from the text.
/// Other numbers come from json-c itself: integers as 64-bit values, decimals
/// as the text json-c keeps for them.
public enum JSON {
    /// Deep enough for any real state file or API body, shallow enough that the
    /// recursive tree walk stays well inside a secondary thread's stack.
    public static let defaultMaxDepth = 512

    public static let controlCharacterMessage = "invalid control character in string literal"

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(bytes: $0, maxDepth: maxDepth) }
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse(bytes: $0, maxDepth: maxDepth) }
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        let tree = try parseTree(bytes: bytes, maxDepth: maxDepth)
        if tree.sawClampedInteger {
            // Rare: the byte-level decoder reads every number from its text.
            if let raw = lazyDocument(Array(bytes), maxDepth: maxDepth) { return raw.value }
            throw error(in: bytes, at: 0, "JSON object has duplicate keys together with integers beyond 64 bits, which cannot be decoded exactly")
        }
        return tree.withRoot { $0.value }
    }

    public static func parseTree(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONTree {
        var text = text
        return try text.withUTF8 { try parseTree(bytes: $0, maxDepth: maxDepth) }
    }

    /// The document as json-c's own tree, to be read node by node without an
    /// intermediate copy. Numbers read from it are exact (see `JSONNode.number`),
    /// except that `sawClampedInteger` is set when duplicate keys made exact
    /// recovery of a clamped integer impossible.
    public static func parseTree(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws -> JSONTree {
        guard bytes.count < Int(Int32.max) else {
            throw JSONParseError(message: "JSON document is larger than 2 GiB", offset: 0, line: 1, column: 1)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw error(in: bytes, at: nul, "invalid NUL byte")
        }
        let scan = scanNumbers(bytes)
        if let controlCharacter = scan.controlCharacter {
            // json-c accepts raw control characters inside strings; RFC 8259 does not.
            throw error(in: bytes, at: controlCharacter, controlCharacterMessage)
        }
        // json-c allocates its whole nesting stack up front, so it gets what
        // the document needs, and one more: a value inside the innermost
        // container takes a level of json-c's stack too. The limit itself is
        // checked on the pre-scan's count.
        let tokenerDepth = max(1, min(maxDepth, scan.maxNesting, Int(Int32.max) - 1) + 1)
        let tooDeep = scan.maxNesting > maxDepth ? deepOpener(bytes, depth: maxDepth + 1) : nil
        guard let tok = json_tokener_new_ex(Int32(tokenerDepth)) else {
            throw JSONParseError(message: "out of memory", offset: 0, line: 1, column: 1)
        }
        defer { json_tokener_free(tok) }
        json_tokener_set_flags(tok, Int32(JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8))

        var root: OpaquePointer? = bytes.baseAddress.map { base in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                json_tokener_parse_ex(tok, $0, Int32(bytes.count))
            }
        } ?? nil
        var status = json_tokener_get_error(tok)
        var end = json_tokener_get_parse_end(tok)
        if status == json_tokener_continue, !bytes.isEmpty, end == bytes.count {
            // A number at the very end may still be growing as far as json-c
            // knows; one space tells it the text is over.
            root = json_tokener_parse_ex(tok, " ", 1)
            status = json_tokener_get_error(tok)
            end = bytes.count
        }
        if status == json_tokener_continue || (bytes.isEmpty && root == nil && status == json_tokener_success) {
            if let root { json_object_put(root) }
            throw error(in: bytes, at: bytes.count, "unexpected end of JSON input")
        }
        func depthError(_ at: Int) -> JSONParseError {
            var e = error(in: bytes, at: at, "JSON nesting is deeper than \(maxDepth) levels")
            e.isDepthLimit = true
            return e
        }
        if status != json_tokener_success {
            if let root { json_object_put(root) }
            let at = max(0, min(bytes.count, end) - 1)
            // A syntax error before the first too-deep bracket comes first.
            if let tooDeep, tooDeep <= at || status == json_tokener_error_depth { throw depthError(tooDeep) }
            if status == json_tokener_error_depth { throw depthError(at) }
            throw error(in: bytes, at: at, String(cString: json_tokener_error_desc(status)))
        }
        if let tooDeep {
            if let root { json_object_put(root) }
            throw depthError(tooDeep)
        }
        // Anything but whitespace after the value is an error.
        var i = end
        while i < bytes.count, isJSONSpace(bytes[i]) { i += 1 }
        if i < bytes.count {
            if let root { json_object_put(root) }
            throw error(in: bytes, at: i, "invalid character after top-level value")
        }
        return JSONTree(root: root, scan: scan)
    }

    /// Offset of the first `[` or `{` (outside strings) that opens nesting level `depth`.
    static func deepOpener(_ bytes: UnsafeBufferPointer<UInt8>, depth limit: Int) -> Int? {
        var depth = 0
        var i = 0
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth >= limit { return i }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
            i += 1
        }
        return nil
    }

    private static func isJSONSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    private static func error(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ message: String) -> JSONParseError {
        var line = 1
        var column = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return JSONParseError(message: message, offset: offset, line: line, column: column)
    }

    struct NumberScan {
        /// Number tokens outside strings.
        var count = 0
        /// Integer tokens json-c cannot represent (19 digits or more, or `-0`), by ordinal.
        var exactText: [Int: String] = [:]
        var controlCharacter: Int?
        /// Deepest nesting of arrays and objects.
        var maxNesting = 0
    }

    /// One pass over the text outside json-c: control characters inside strings,
    /// the number tokens whose value json-c would lose, and the nesting depth.
    static func scanNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberScan {
        var scan = NumberScan()
        var depth = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] < 0x20, scan.controlCharacter == nil { scan.controlCharacter = i }
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            } else if b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) {
                let start = i
                var integer = true
                i += 1
                while i < n, isNumberByte(bytes[i]) {
                    if bytes[i] == UInt8(ascii: ".") || bytes[i] | 0x20 == UInt8(ascii: "e") { integer = false }
                    i += 1
                }
                if integer {
                    let digits = i - start - (b == UInt8(ascii: "-") ? 1 : 0)
                    if digits >= 19 || (digits == 1 && b == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "0")) {
                        scan.exactText[scan.count] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    }
                }
                scan.count += 1
            } else {
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    depth += 1
                    if depth > scan.maxNesting { scan.maxNesting = depth }
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    depth -= 1
                }
                i += 1
            }
        }
        return scan
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
