import BigInt
import Foundation
import Yams

/// `yamlencode`/`yamldecode` through Yams (libyaml), shaped like Terraform's
/// go-cty-yaml: strings double-quoted (literal blocks for multi-line text),
/// keys sorted, 2-space indent, 80-column folding, Unicode unescaped; and on
/// the way in, YAML 1.1 implicit typing (yes/on/~ ...) with exact numbers.
enum YAMLCodec {
    struct CodecError: Error {
        var message: String
    }

    static func node(_ v: Value) throws -> Node {
        if !v.isKnown { throw CodecError(message: "cannot serialize unknown value as YAML") }
        if v.isNull { return Node.scalar(.init("null", Tag(.null), .plain)) }
        switch v.content {
        case .bool(let b): return Node.scalar(.init(b ? "true" : "false", Tag(.bool), .plain))
        case .number(let n):
            if n.isInfinite { return Node.scalar(.init(n.sign < 0 ? "-.Inf" : "+.Inf", Tag(.float), .plain)) }
            return Node.scalar(.init(n.description, Tag(.float), .plain))
        case .string(let s):
            return Node.scalar(.init(s, Tag(.str), s.contains("\n") ? .literal : .doubleQuoted))
        case .elements(let e):
            return Node.sequence(.init(try e.map(node), Tag(.seq), e.isEmpty ? .flow : .block))
        case .attributes(let a):
            let keys = a.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let pairs = try keys.map { (Node.scalar(.init($0, Tag(.str), .doubleQuoted)), try node(a[$0] ?? .dynamicNull)) }
            return Node.mapping(.init(pairs, Tag(.map), a.isEmpty ? .flow : .block))
        default:
            throw CodecError(message: "cannot serialize \(v.type.friendlyName) as YAML")
        }
    }

    static func encode(_ v: Value) throws -> String {
        let n = try node(v)
        var text: String
        do {
            text = try Yams.serialize(node: n, indent: 2, width: 80, allowUnicode: true)
        } catch {
            throw CodecError(message: "\(error)")
        }
        // go-yaml and this libyaml differ on the "..." document end marker for
        // a scalar document: go-yaml writes it after plain scalars only.
        if case .scalar(let s) = n {
            if text.hasSuffix("...\n") { text.removeLast(4) }
            if s.style == .plain { text += "...\n" }
        }
        return text
    }

    // MARK: Decoding

    static func decode(_ text: String) throws -> Value {
        let nodes: [YAMLNode]
        do {
            nodes = try YAMLComposer(text).documents()
        } catch let e as YAMLComposer.ComposeError {
            throw CodecError(message: e.message)
        }
        guard let root = nodes.first else {
            throw CodecError(message: "on line 1, column 1: missing start of document")
        }
        if nodes.count > 1 {
            throw CodecError(message: "on line \(root.mark.line + 1), column 1: unexpected extra content after value")
        }
        var budget = maxDecodedNodes
        return try value(root, depth: 0, budget: &budget)
    }

    /// Aliases share nodes in the parsed tree but are copied into values, so
    /// a "billion laughs" document is stopped by a node budget; nesting is
    /// bounded so deep documents cannot exhaust the stack.
    static let maxDecodedNodes = 5_000_000
    static let maxDepth = 1000

    static let resolveMap: [String: Value] = {
        var m: [String: Value] = [:]
        for s in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { m[s] = .true }
        for s in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { m[s] = .false }
        for s in ["", "~", "null", "Null", "NULL"] { m[s] = .dynamicNull }
        for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { m[s] = .number(.positiveInfinity) }
        for s in ["-.inf", "-.Inf", "-.INF"] { m[s] = .number(.negativeInfinity) }
        return m
    }()

    /// A YAML-style decimal float or integer, as exact number.
    static func decimalNumber(_ s: String) -> Value? {
        var t = Substring(s)
        var sign = ""
        if let f = t.first, f == "+" || f == "-" { if f == "-" { sign = "-" }; t = t.dropFirst() }
        guard !t.isEmpty else { return nil }
        var mant = t
        var exp = ""
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mant = t[..<e]
            exp = String(t[e...])
            let digits = exp.dropFirst().drop(while: { $0 == "+" || $0 == "-" })
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), exp.dropFirst().filter({ $0 == "+" || $0 == "-" }).count <= 1 else { return nil }
        }
        let parts = mant.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let intPart = parts[0], frac = parts.count == 2 ? parts[1] : ""
        guard !intPart.isEmpty || !frac.isEmpty else { return nil }
        let text = sign + (intPart.isEmpty ? "0" : String(intPart)) + (frac.isEmpty ? "" : "." + frac) + exp
        return Value.number(parsing: text)
    }

    static func goIntBase0(_ s: String) -> Value? {
        var t = Substring(s)
        var neg = false
        if let f = t.first, f == "+" || f == "-" { neg = f == "-"; t = t.dropFirst() }
        var radix = 10
        if t.hasPrefix("0x") || t.hasPrefix("0X") { radix = 16; t = t.dropFirst(2) }
        else if t.hasPrefix("0o") || t.hasPrefix("0O") { radix = 8; t = t.dropFirst(2) }
        else if t.hasPrefix("0b") || t.hasPrefix("0B") { radix = 2; t = t.dropFirst(2) }
        else if t.hasPrefix("0") && t.count > 1 { radix = 8; t = t.dropFirst() }
        guard !t.isEmpty, let v = UInt64(t, radix: radix) else { return nil }
        if neg { return v <= UInt64(Int64.max) + 1 ? .number(Number(-BigInt(v))) : nil }
        return .number(Number(BigInt(v)))
    }

    static func resolvePlain(_ src: String) throws -> Value {
        if let v = resolveMap[src] { return v }
        if [".nan", ".NaN", ".NAN"].contains(src) { throw CodecError(message: "floating point NaN is not supported") }
        guard let first = src.unicodeScalars.first else { return .string(src) }
        if first == "." { return decimalNumber(src) ?? .string(src) }
        if ("0"..."9").contains(first) || first == "+" || first == "-" {
            if let t = timestamp(src) { return .string(t) }
            // Terraform 1.11 reads decimal, 0x and 0o forms; underscores and
            // 0b stay strings (checked against terraform console).
            if let n = decimalNumber(src) { return n }
            let unsigned = src.hasPrefix("-") || src.hasPrefix("+") ? String(src.dropFirst()) : src
            if unsigned.hasPrefix("0x") || unsigned.hasPrefix("0X") || unsigned.hasPrefix("0o") || unsigned.hasPrefix("0O"),
               let n = goIntBase0(src) { return n }
        }
        return .string(src)
    }

    /// YAML timestamps that go-cty-yaml recognises, as RFC 3339 text.
    static func timestamp(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count >= 5, b[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), b[4] == UInt8(ascii: "-") else { return nil }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= (parts[0] == $0 ? 4 : 2) && $0.allSatisfy(\.isASCIIDigit) }),
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), m >= 1, m <= 12, d >= 1,
           Int64(d) <= Timestamp.daysIn(month: Int64(m), year: Int64(y)) {
            return Timestamp(unixSeconds: Timestamp.daysFromCivil(year: Int64(y), month: Int64(m), day: Int64(d)) * 86_400).rfc3339
        }
        if let t = try? Timestamp.parse(s) { return t.rfc3339 }
        return nil
    }

    static func value(_ n: YAMLNode, depth: Int, budget: inout Int) throws -> Value {
        budget -= 1
        if budget < 0 { throw CodecError(message: "document expands to more than \(maxDecodedNodes) values") }
        if depth > maxDepth { throw CodecError(message: "document nests deeper than \(maxDepth) levels") }
        switch n {
        case .scalar(let string, let tag, let style, _):
            if style == .plain && tag == .implicit {
                return try resolvePlain(string)
            }
            // A quoted or block scalar is a string whatever its tag says.
            if style != .plain { return .string(string) }
            switch tag {
            case .str, .implicit, .nonSpecific: return .string(string)
            case .binary:
                if case .failure = GoBase64.decode(string) {
                    throw CodecError(message: "cannot parse \(GoQuote.quote(string)) as !!binary: not valid base64")
                }
                return .string(string)
            case .null: return .dynamicNull
            case .bool:
                guard let v = resolveMap[string], v.type == .bool else { throw CodecError(message: "cannot parse \(GoQuote.quote(string)) as !!bool") }
                return v
            case .int, .float:
                let plain = string.replacingOccurrences(of: "_", with: "")
                if let v = decimalNumber(plain) ?? goIntBase0(plain) { return v }
                throw CodecError(message: "cannot parse \(GoQuote.quote(string)) as !!\(tag == .int ? "int" : "float")")
            case .timestamp:
                if let t = timestamp(string) { return .string(t) }
                throw CodecError(message: "cannot parse \(GoQuote.quote(string)) as !!timestamp")
            default:
                throw CodecError(message: "unsupported tag \(GoQuote.quote(tag.rawValue))")
            }
        case .sequence(let seq, _):
            var items: [Value] = []
            for item in seq { items.append(try value(item, depth: depth + 1, budget: &budget)) }
            return .tuple(items)
        case .mapping(let pairs, _):
            // Keys are applied in document order: a repeated key keeps its last
            // value, and a merge key (`<<`) copies the attributes of the
            // mapping it names, overriding earlier keys, as go-cty-yaml does.
            var attrs: [String: Value] = [:]
            for (k, v) in pairs {
                guard case .scalar(let keySource, let keyTag, _, let keyMark) = k else {
                    throw CodecError(message: "only strings are allowed as mapping keys")
                }
                if keyTag == .implicit && keySource == "<<" {
                    let merged = try value(v, depth: depth + 1, budget: &budget)
                    guard merged.type.isObject || merged.type.isMap else {
                        throw CodecError(message: keyMark.describe("cannot merge \(merged.type.friendlyName) into mapping"))
                    }
                    if case .attributes(let a) = merged.content {
                        for (mk, mv) in a { attrs[mk] = mv }
                    }
                    continue
                }
                let key = try value(k, depth: depth + 1, budget: &budget)
                let keyText: String
                if let s = key.stringValue { keyText = s }
                else if let b = key.boolValue { keyText = b ? "true" : "false" }
                else if let num = key.numberValue { keyText = num.description }
                else if key.isNull { throw CodecError(message: keyMark.describe("mapping key cannot be null")) }
                else { throw CodecError(message: "only strings are allowed as mapping keys") }
                attrs[keyText] = try value(v, depth: depth + 1, budget: &budget)
            }
            return .object(attrs)
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
