import CJSONC

/// Why a document could not be parsed, with where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 0-based byte offset, 1-based line and column of the problem.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// Parses JSON through json-c, strictly (RFC 8259, valid UTF-8, nothing after the value).
///
/// json-c clamps integers outside the 64-bit range, so numbers are not taken from
/// its tree: a lexical pre-scan records every number token's text in document
/// order, and the tree walk, which visits values in the same order, takes them
/// from there.
public enum JSON {
    /// Deep enough for any real state file or API body, shallow enough that the
    /// recursive tree walk stays well inside a secondary thread's stack.
    public static let defaultMaxDepth = 512

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(bytes: $0, maxDepth: maxDepth) }
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse(bytes: $0, maxDepth: maxDepth) }
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws -> JSONValue {
        guard bytes.count < Int(Int32.max) else {
            throw JSONParseError(message: "JSON document is larger than 2 GiB", offset: 0, line: 1, column: 1)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw error(in: bytes, at: nul, "invalid NUL byte")
        }
        let (numbers, controlCharacter) = scanNumbers(bytes)
        if let controlCharacter {
            // json-c accepts raw control characters inside strings; RFC 8259 does not.
            throw error(in: bytes, at: controlCharacter, "invalid control character in string literal")
        }
        guard let tok = json_tokener_new_ex(Int32(max(1, maxDepth))) else {
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
        if status != json_tokener_success {
            if let root { json_object_put(root) }
            let message: String
            if status == json_tokener_error_depth {
                message = "JSON nesting is deeper than \(maxDepth) levels"
            } else {
                message = String(cString: json_tokener_error_desc(status))
            }
            throw error(in: bytes, at: max(0, min(bytes.count, end) - 1), message)
        }
        defer { if let root { json_object_put(root) } }
        // Anything but whitespace after the value is an error.
        var i = end
        while i < bytes.count, isJSONSpace(bytes[i]) { i += 1 }
        if i < bytes.count {
            throw error(in: bytes, at: i, "invalid character after top-level value")
        }

        var walker = TreeWalker(numbers: numbers, exact: true)
        let value = walker.convert(root)
        if walker.next == numbers.count { return value }
        // Duplicate keys dropped some values, so token order no longer lines up
        // with the tree. Take json-c's own number text, which is exact unless an
        // integer was clamped.
        var fallback = TreeWalker(numbers: [], exact: false)
        let approximate = fallback.convert(root)
        if fallback.sawClampedInteger {
            throw error(in: bytes, at: 0, "JSON object has duplicate keys together with integers beyond 64 bits, which cannot be decoded exactly")
        }
        return approximate
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

    /// The text of every number token outside strings, in document order.
    static func scanNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> (numbers: [String], controlCharacter: Int?) {
        var result: [String] = []
        var control: Int?
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] < 0x20, control == nil { control = i }
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            } else if b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) {
                let start = i
                i += 1
                while i < n, isNumberByte(bytes[i]) { i += 1 }
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            } else {
                i += 1
            }
        }
        return (result, control)
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}

struct TreeWalker {
    let numbers: [String]
    let exact: Bool
    var next = 0
    var sawClampedInteger = false

    init(numbers: [String], exact: Bool) {
        self.numbers = numbers
        self.exact = exact
    }

    mutating func convert(_ obj: OpaquePointer?) -> JSONValue {
        guard let obj else { return .null }
        switch json_object_get_type(obj) {
        case json_type_null:
            return .null
        case json_type_boolean:
            return .bool(json_object_get_boolean(obj) != 0)
        case json_type_int, json_type_double:
            if exact, next < numbers.count {
                defer { next += 1 }
                return .number(numbers[next])
            }
            next += 1
            let text = String(cString: json_object_to_json_string_ext(obj, Int32(JSON_C_TO_STRING_PLAIN)))
            if json_object_get_type(obj) == json_type_int,
               text == "9223372036854775807" || text == "-9223372036854775808" || text == "18446744073709551615" {
                sawClampedInteger = true
            }
            return .number(text)
        case json_type_string:
            let length = Int(json_object_get_string_len(obj))
            guard let base = json_object_get_string(obj) else { return .string("") }
            let buffer = UnsafeRawBufferPointer(start: base, count: length)
            return .string(String(decoding: buffer, as: UTF8.self))
        case json_type_array:
            let count = json_object_array_length(obj)
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for i in 0..<count {
                items.append(convert(json_object_array_get_idx(obj, i)))
            }
            return .array(items)
        case json_type_object:
            var members: [JSONMember] = []
            var it = json_object_iter_begin(obj)
            var end = json_object_iter_end(obj)
            while json_object_iter_equal(&it, &end) == 0 {
                let key = String(cString: json_object_iter_peek_name(&it))
                let value = convert(json_object_iter_peek_value(&it))
                members.append(JSONMember(key: key, value: value))
                json_object_iter_next(&it)
            }
            return .object(members)
        default:
            return .null
        }
    }
}
