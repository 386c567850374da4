import Foundation
import JSON
import State

/// Output values printed as terraform's console prints them, guided by the
/// output's recorded cty type (`tomap(...)`, `toset(...)`, heredocs, `tostring(null)`).
enum OutputValueFormat {
    static func friendlyName(_ t: JSONValue) -> String {
        switch t {
        case .string(let s): return s
        case .array(let a) where a.count == 2:
            let kind = a[0].stringValue ?? ""
            switch kind {
            case "list", "set", "map": return "\(kind) of \(friendlyName(a[1]))"
            default: return kind
            }
        default: return "dynamic"
        }
    }

    static func format(_ v: JSONValue, _ type: JSONValue, indent: Int = 0) -> String {
        let kind = type.arrayValue?.first?.stringValue ?? type.stringValue ?? "dynamic"
        if v.isNull {
            switch kind {
            case "dynamic": return "null"
            case "string": return "tostring(null)"
            case "number": return "tonumber(null)"
            case "bool": return "tobool(null)"
            case "list", "set", "map":
                return "to\(kind)(null) /* of \(friendlyName(type.arrayValue?[1] ?? .string("dynamic"))) */"
            default: return "null /* \(friendlyName(type)) */"
            }
        }
        let elem = type.arrayValue.flatMap { $0.count == 2 ? $0[1] : nil }
        switch v {
        case .string(let s):
            if let multi = multiline(s, indent: indent) { return multi }
            return ShowStateRenderer(color: false).quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array(let items):
            let body = sequence(items, indent: indent) { i in
                kind == "tuple" ? (elem?.arrayValue.flatMap { i < $0.count ? $0[i] : nil } ?? .string("dynamic")) : (elem ?? .string("dynamic"))
            }
            switch kind {
            case "list": return "tolist(\(body))"
            case "set": return "toset(\(body))"
            default: return body
            }
        case .object(let members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var out = "{"
            for m in sorted {
                let t: JSONValue = kind == "object" ? (elem?[m.key] ?? .string("dynamic")) : (elem ?? .string("dynamic"))
                out += "\n" + String(repeating: " ", count: indent + 2) + ShowStateRenderer(color: false).quote(m.key)
                    + " = " + format(m.value, t, indent: indent + 2)
            }
            if !sorted.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
            return kind == "map" ? "tomap(\(out))" : out
        case .null: return "null"
        }
    }

    static func sequence(_ items: [JSONValue], indent: Int, type: (Int) -> JSONValue) -> String {
        var out = "["
        for (i, item) in items.enumerated() {
            out += "\n" + String(repeating: " ", count: indent + 2) + format(item, type(i), indent: indent + 2) + ","
        }
        if !items.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
        return out + "]"
    }

    static func multiline(_ s: String, indent: Int) -> String? {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2 else { return nil }
        var delimiter = "EOT"
        while lines.contains(where: { $0.trimmingCharacters(in: .whitespaces) == delimiter }) { delimiter += "_" }
        var out = (indent > 0 ? "<<-" : "<<") + delimiter
        let pad = String(repeating: " ", count: indent)
        for l in lines { out += "\n" + pad + l }
        return out + "\n" + pad + delimiter
    }
}
