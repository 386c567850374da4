import Foundation

/// Renders values the way `terraform console` prints them: Terraform-like
/// syntax with `tolist`/`toset`/`tomap` wrappers so the type is visible,
/// heredocs for multi-line strings, and placeholders for unknown and
/// sensitive values (which are never printed).
public enum ConsoleRenderer {
    public static func render(_ v: Value, indent: Int = 0) -> String {
        if !v.isKnown { return "(known after apply)" }
        if v.isSensitive { return "(sensitive value)" }
        if v.isNull {
            switch v.type {
            case .dynamic: return "null"
            case .string: return "tostring(null)"
            case .number: return "tonumber(null)"
            case .bool: return "tobool(null)"
            case .list(let e): return "tolist(null) /* of \(e.friendlyName) */"
            case .set(let e): return "toset(null) /* of \(e.friendlyName) */"
            case .map(let e): return "tomap(null) /* of \(e.friendlyName) */"
            default: return "null /* \(v.type.friendlyName) */"
            }
        }
        switch v.content {
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return multiline(s, indent: indent) ?? GoQuote.quote(s)
        case .elements(let e):
            let body = sequence(e, indent: indent)
            switch v.type {
            case .list: return "tolist(\(body))"
            case .set: return "toset(\(body))"
            default: return body
            }
        case .attributes(let a):
            let body = mapping(a, indent: indent)
            return v.type.isMap ? "tomap(\(body))" : body
        case .type(let t): return renderType(t)
        case .unknown, .null: return ""
        }
    }

    static func multiline(_ s: String, indent: Int) -> String? {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2 else { return nil }
        let op = indent > 0 ? "<<-" : "<<"
        var delimiter = "EOT"
        while lines.contains(where: { $0.trimmingGoSpace() == delimiter }) { delimiter += "_" }
        let pad = String(repeating: " ", count: indent)
        var out = op + delimiter
        for line in lines { out += "\n" + pad + line }
        out += "\n" + pad + delimiter
        return out
    }

    static func mapping(_ a: [String: Value], indent: Int) -> String {
        var out = "{"
        let inner = indent + 2
        let pad = String(repeating: " ", count: inner)
        for k in a.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            out += "\n" + pad + render(.string(k), indent: inner) + " = " + render(a[k] ?? .dynamicNull, indent: inner)
        }
        if !a.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
        return out + "}"
    }

    static func sequence(_ e: [Value], indent: Int) -> String {
        var out = "["
        let inner = indent + 2
        let pad = String(repeating: " ", count: inner)
        for v in e { out += "\n" + pad + render(v, indent: inner) + "," }
        if !e.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
        return out + "]"
    }

    /// How the console shows the result of `type(...)`: four-space indents,
    /// structural types split over lines, collections of them set apart.
    public static func renderType(_ t: ValueType, indent: Int = 0) -> String {
        func pad(_ n: Int) -> String { String(repeating: "    ", count: n) }
        switch t {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .dynamic: return "dynamic"
        case .typeValue: return "type"
        case .list(let e), .set(let e), .map(let e):
            let head = t.isList ? "list(" : t.isSet ? "set(" : "map("
            if e.isObject || e.isTuple {
                return head + "\n" + pad(indent + 1) + renderType(e, indent: indent + 1) + ",\n" + pad(indent) + ")"
            }
            return head + renderType(e, indent: indent) + ")"
        case .tuple(let ets):
            if ets.isEmpty { return "tuple([])" }
            var out = "tuple([\n"
            for e in ets { out += pad(indent + 1) + renderType(e, indent: indent + 1) + ",\n" }
            return out + pad(indent) + "])"
        case .object(let a, _):
            if a.isEmpty { return "object({})" }
            var out = "object({\n"
            for k in a.keys.sorted() { out += pad(indent + 1) + k + ": " + renderType(a[k] ?? .dynamic, indent: indent + 1) + ",\n" }
            return out + pad(indent) + "})"
        }
    }
}

extension Substring {
    /// Trims what Go's strings.TrimSpace trims (ASCII and Unicode white space).
    func trimmingGoSpace() -> Substring {
        var s = self
        while let f = s.unicodeScalars.first, f.properties.isWhitespace { s = s.dropFirst() }
        while let l = s.unicodeScalars.last, l.properties.isWhitespace { s = s.dropLast() }
        return s
    }
}

