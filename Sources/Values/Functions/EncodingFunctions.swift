import Foundation
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
            returnType: { args in
                guard args[0].isKnown, let s = args[0].stringValue else { return .dynamic }
                return try jsonDecode(s).type
            },
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
            returnType: { args in
                guard args[0].isKnown, let s = args[0].stringValue else { return .dynamic }
                return try yamlDecode(s).type
            },
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

    static func jsonDecode(_ s: String) throws -> Value {
        // The wrapper (json-c) waits for more input after a top-level number or
        // literal at the very end of the text, so give it a terminating newline.
        do {
            let parsed = try JSON.parse(s + "\n")
            if let bad = strayWord(Array(s.utf8)) {
                throw FunctionCallError("invalid character '\(Character(UnicodeScalar(bad)))' looking for beginning of value")
            }
            return ValueJSON.toValue(parsed)
        } catch let e as JSONParseError {
            throw FunctionCallError(goJSONMessage(s, e))
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
    static func strayWord(_ b: [UInt8]) -> UInt8? {
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
                if word != "true" && word != "false" && word != "null" { return c }
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
