import Foundation
import HCL
import JSON

// The encoding family: base64, CSV, JSON, YAML, URL and text encodings,
// as Terraform 1.11 defines them (terraform/internal/lang/funcs/encoding.go
// and cty's stdlib json/csv functions).

extension FunctionTable {
    public static let encodingFamily: [String: Function] = [
        "base64encode": unary("str") { .string(GoBase64.encode(Array($0.utf8))) },
        "base64decode": Function(parameters: [FunctionParameter("str", .string, allowMarked: true)], returns: .string) { args, _ in
            let (arg, marks) = args[0].unmarkedDeep()
            let s = arg.str
            guard case .success(let bytes) = GoBase64.decode(s) else {
                let shown = marks.contains(.sensitive) ? "(sensitive value)" : GoQuote.quote(s)
                throw FunctionCallError("failed to decode base64 data \(shown)")
            }
            guard let text = TextEncoding.utf8.decode(bytes) else {
                throw FunctionCallError("the result of decoding the provided string is not valid UTF-8")
            }
            return Value.string(text).marked(with: marks)
        },
        "base64gzip": unary("str") { .string(GoBase64.encode(Gzip.compress(Array($0.utf8)))) },
        "urlencode": unary("str") { .string(URLEncoding.queryEscape($0)) },
        "textencodebase64": Function(
            parameters: [FunctionParameter("string", .string), FunctionParameter("encoding", .string)], returns: .string
        ) { args, _ in
            guard let enc = TextEncoding.named(args[1].str) else {
                throw FunctionArgumentError(argument: 1, "\(GoQuote.quote(args[1].str)) is not a supported IANA encoding name or alias in this Terraform version")
            }
            guard let bytes = enc.encode(args[0].str) else {
                throw FunctionArgumentError(argument: 0, "the given string contains characters that cannot be represented in \(enc.displayName)")
            }
            return .string(GoBase64.encode(bytes))
        },
        "textdecodebase64": Function(
            parameters: [FunctionParameter("source", .string), FunctionParameter("encoding", .string)], returns: .string
        ) { args, _ in
            guard let enc = TextEncoding.named(args[1].str) else {
                throw FunctionArgumentError(argument: 1, "\(GoQuote.quote(args[1].str)) is not a supported IANA encoding name or alias in this Terraform version")
            }
            let bytes: [UInt8]
            switch GoBase64.decode(args[0].str) {
            case .success(let b): bytes = b
            case .failure(let bad):
                throw FunctionArgumentError(argument: 0, "the given value is has an invalid base64 symbol at offset \(bad.offset)")
            }
            guard let text = enc.decode(bytes) else {
                throw FunctionArgumentError(argument: 0, "the given string contains symbols that are not defined for \(enc.displayName)")
            }
            return .string(text)
        },
        "csvdecode": Function(
            parameters: [FunctionParameter("str", .string)],
            returnType: { args in
                guard args[0].isKnown, let s = args[0].stringValue else { return .dynamic }
                return .list(try csvType(s))
            },
            implementation: { args, context in
                let records = try csvRecords(args[0].str)
                let headers = records[0]
                guard case .list(let objectType) = context.returnType else { return .unknown(.dynamic) }
                let rows = records.dropFirst().map { row -> Value in
                    var attrs: [String: Value] = [:]
                    for (i, h) in headers.enumerated() { attrs[h] = .string(row[i]) }
                    return .object(attrs)
                }
                return .list(Array(rows), elementType: objectType)
            }
        ),
        "jsonencode": Function(
            parameters: [FunctionParameter("val", .dynamic, allowNull: true, allowDynamicType: true)], returns: .string
        ) { args, _ in
            if !args[0].isWhollyKnown { return .unknown(.string) }
            do {
                return .string(try ValueJSON.encode(args[0]))
            } catch let e as ValueJSON.EncodeError {
                throw FunctionCallError(e.message)
            }
        },
        "jsondecode": Function(
            parameters: [FunctionParameter("str", .string)],
            // The type is the decoded value's own: known only by decoding, which
            // the implementation does (once) whenever the argument is known.
            returnType: { _ in .dynamic },
            implementation: { args, _ in try jsonDecode(args[0].str) }
        ),
        "yamlencode": Function(
            parameters: [FunctionParameter("value", .dynamic, allowNull: true, allowDynamicType: true)], returns: .string
        ) { args, _ in
            if !args[0].isWhollyKnown { return .unknown(.string) }
            do {
                return .string(try YAMLCodec.encode(args[0]))
            } catch let e as YAMLCodec.CodecError {
                throw FunctionCallError(e.message)
            }
        },
        "yamldecode": Function(
            parameters: [FunctionParameter("src", .string)],
            returnType: { _ in .dynamic },
            implementation: { args, _ in try yamlDecode(args[0].str) }
        ),
    ]

    static func csvRecords(_ s: String) throws -> [[String]] {
        let records: [[String]]
        do { records = try CSVDecoder.records(s) } catch let e as CSVDecoder.ParseError { throw FunctionCallError(e.description) }
        if records.isEmpty { throw FunctionCallError("missing header line") }
        return records
    }

    static func csvType(_ s: String) throws -> ValueType {
        let headers = try csvRecords(s)[0]
        var attrs: [String: ValueType] = [:]
        for h in headers {
            if attrs[h] != nil { throw FunctionCallError("duplicate column name \(GoQuote.quote(h))") }
            attrs[h] = .string
        }
        return .object(attrs)
    }

    /// Go's decoder, as cty drives it for jsondecode, reads each element of the
    /// outermost array or object with a nesting limit of 10,000 of its own.
    static let jsonDecodeMaxDepth = 10_001

    static func jsonDecode(_ s: String) throws -> Value {
        // The wrapper (json-c) waits for more input after a top-level number or
        // literal at the very end of the text, so give it a terminating newline.
        let tree: JSONTree
        do {
            tree = try JSON.parseTree(s + "\n", maxDepth: jsonDecodeMaxDepth)
        } catch let e as JSONParseError {
            if e.isDepthLimit {
                let bytes = Array(s.utf8)
                let outer = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{") ? "object" : "tuple"
                let opener = e.offset < bytes.count ? Character(UnicodeScalar(bytes[e.offset])) : "["
                throw FunctionCallError("failed to read \(outer) value: invalid character '\(opener)' exceeded max depth")
            }
            throw FunctionCallError(goJSONMessage(s, e))
        }
        var invalidNumber = false
        var clamped = false
        let decode = { () -> Value in
            if tree.sawClampedInteger {
                // Rare: duplicate keys and integers json-c clamped; the wrapper's
                // byte-level decoder reads every number from its text.
                if let raw = JSON.lazyDocument(Array(s.utf8), maxDepth: jsonDecodeMaxDepth) { return ValueJSON.toValue(raw.value) }
                clamped = true
            }
            return tree.withRoot { ValueJSON.toValue($0, invalidNumber: &invalidNumber) }
        }
        // The walk recurses once per level.
        let value = tree.maxNesting > JSON.defaultMaxDepth ? HCL.Parser.onLargeStack(decode) : decode()
        if clamped {
            throw FunctionCallError("JSON object has duplicate keys together with integers beyond 64 bits, which cannot be decoded exactly")
        }
        if invalidNumber, let message = strayWordMessage(Array(s.utf8)) {
            throw FunctionCallError(message)
        }
        return value
    }

    /// Go's wording for the first bare word json-c took but Go's decoder does
    /// not (NaN, Infinity): after a minus sign it is a bad number; a word that
    /// starts like true, false or null fails at its first differing letter.
    static func strayWordMessage(_ b: [UInt8]) -> String? {
        guard let (at, c) = strayWord(b) else { return nil }
        if at > 0 && b[at - 1] == UInt8(ascii: "-") {
            return "invalid character \(goQuoteChar(c)) in numeric literal"
        }
        for literal in ["true", "false", "null"] where literal.utf8.first == c {
            for (k, expected) in literal.utf8.enumerated().dropFirst() {
                let got = at + k < b.count ? b[at + k] : nil
                if got != expected {
                    guard let got else { return "unexpected EOF" }
                    return "invalid character \(goQuoteChar(got)) in literal \(literal) (expecting \(goQuoteChar(expected)))"
                }
            }
        }
        return "invalid character \(goQuoteChar(c)) looking for beginning of value"
    }

    /// Go's quoteChar: a byte in single quotes, escaped as strconv.Quote would.
    static func goQuoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return "'\\''"
        case UInt8(ascii: "\""): return "'\"'"
        case 0x07: return "'\\a'"
        case 0x08: return "'\\b'"
        case 0x0C: return "'\\f'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x09: return "'\\t'"
        case 0x0B: return "'\\v'"
        case UInt8(ascii: "\\"): return "'\\\\'"
        case 0x20..<0x7F: return "'\(Character(UnicodeScalar(c)))'"
        default: return c < 0x80 ? "'\\x\(String(format: "%02x", c))'" : "'\\u00\(String(c, radix: 16))'"
        }
    }

    /// Go's encoding/json wording for the most common syntax errors; the
    /// wrapper's own parser finds the error, this only words it.
    static func goJSONMessage(_ s: String, _ e: JSONParseError) -> String {
        let b = Array(s.utf8)
        let firstNonSpace = b.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let start = firstNonSpace else { return "EOF" }
        // A complete value followed by something else.
        if e.offset < b.count, e.offset > start,
           (try? JSON.parse(String(decoding: b[..<e.offset], as: UTF8.self))) != nil {
            return "extraneous data after JSON object"
        }
        if e.offset >= b.count { return "EOF" }
        if let word = strayWord(b), word.offset <= e.offset, let m = strayWordMessage(b) { return m }
        if e.message == JSON.controlCharacterMessage { return "invalid character \(goQuoteChar(b[e.offset])) in string literal" }
        var at = e.offset
        // json-c stops on the comma before a misplaced closing bracket.
        if b[at] == UInt8(ascii: ",") {
            var k = at + 1
            while k < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[k]) { k += 1 }
            if k < b.count { at = k } else { return "EOF" }
        }
        let c = b[at]
        let shown: String
        switch c {
        case UInt8(ascii: "'"): shown = "'\\''"
        case UInt8(ascii: "\\"): shown = "'\\\\'"
        default: shown = c < 0x80 ? "'\(Character(UnicodeScalar(c)))'" : "'\\u00\(String(c, radix: 16))'"
        }
        var prev = at - 1
        while prev >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(b[prev]) { prev -= 1 }
        let p: UInt8? = prev >= 0 ? b[prev] : nil
        switch p {
        case nil, UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":"):
            if p == UInt8(ascii: ",") && insideObject(b, prev) { return "invalid character \(shown) looking for beginning of object key string" }
            return "invalid character \(shown) looking for beginning of value"
        case UInt8(ascii: "{"):
            return "invalid character \(shown) looking for beginning of object key string"
        default:
            return "invalid character \(shown) after top-level value"
        }
    }

    /// json-c accepts NaN and Infinity; Go's decoder does not. Returns the
    /// first byte of a bare word outside strings that is not true/false/null
    /// (exponent letters inside numbers excepted).
    static func strayWord(_ b: [UInt8]) -> (offset: Int, byte: UInt8)? {
        var i = 0
        var inString = false, escaped = false
        func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        while i < b.count {
            let c = b[i]
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                i += 1
                continue
            }
            if c == 0x22 { inString = true; i += 1; continue }
            if isLetter(c) {
                if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && i > 0 && b[i - 1] >= 0x30 && b[i - 1] <= 0x39 { i += 1; continue }
                var j = i
                while j < b.count && isLetter(b[j]) { j += 1 }
                let word = String(decoding: b[i..<j], as: UTF8.self)
                if word != "true" && word != "false" && word != "null" { return (i, c) }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// Whether position i sits directly inside an object (by bracket depth, ignoring strings).
    static func insideObject(_ b: [UInt8], _ i: Int) -> Bool {
        var stack: [UInt8] = []
        var inString = false, escaped = false
        for k in 0..<i {
            let c = b[k]
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                continue
            }
            switch c {
            case 0x22: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): stack.append(c)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            default: break
            }
        }
        return stack.last == UInt8(ascii: "{")
    }

    static func yamlDecode(_ s: String) throws -> Value {
        do {
            return try YAMLCodec.decode(s)
        } catch let e as YAMLCodec.CodecError {
            throw FunctionCallError(e.message)
        }
    }
}
