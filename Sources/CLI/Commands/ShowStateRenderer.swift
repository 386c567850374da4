import Config
import Engine
import HCL
import JSON
import State

/// Renders a resource instance as `state show` prints it (HCL-like, 4-space
/// indentation, aligned `=`, sensitive values hidden). Without provider
/// schemas every attribute is rendered as an attribute; nested blocks of
/// providers therefore show as objects or lists until the Engine supplies schemas.
struct ShowStateRenderer {
    var color: Bool

    func render(_ resource: ResourceState, _ obj: InstanceObject) -> String {
        let addr = resource.address.instance(obj.key)
        var out = "# \(addr):"
        if let d = obj.deposed { out += " (deposed object \(d))" } else if obj.status == .tainted { out += " (tainted)" }
        out += "\n"
        let kind = resource.address.resource.mode == .data ? "data" : "resource"
        out += "\(kind) \"\(resource.address.resource.type)\" \"\(resource.address.resource.name)\" {\n"
        let mode = resource.address.resource.mode.rawValue
        let type = resource.address.resource.type
        var rows: [(String, JSONValue, JSONValue?, [SensitivePath])] = []
        let paths = obj.sensitiveAttributes.compactMap { SensitivePath($0) }
        if let attrs = obj.attributes?.objectValue {
            for m in attrs {
                let (v, t) = ResourceValueHints.unwrap(m.value, mode: mode, type: type, attribute: m.key)
                if v.isNull { continue }
                rows.append((m.key, v, t, paths.filter { $0.matches(key: m.key) }.map(\.rest)))
            }
        } else if let flat = obj.attributesFlat {
            for (k, v) in flat { rows.append((k, .string(v), nil, [])) }
        }
        rows.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        let width = rows.map { $0.0.count }.max() ?? 0
        for (name, value, t, p) in rows {
            let text: String
            if p.isEmpty, t != nil {
                // A dynamic attribute: terraform renders it structurally, as JSON.
                text = StateValueRendering.dynamic(value, indent: 1, color: color)
            } else if !SensitivePath.isMarked(p), let t, let s = StateValueRendering.dynamic(value, type: t, attribute: name, sensitivePaths: obj.sensitiveAttributes, indent: 1, color: color) {
                text = s
            } else if p.isEmpty, case .string = value, let s = StateValueRendering.typed(value, type: .string, sensitive: false, indent: 1, color: color) {
                text = s
            } else {
                text = renderValue(value, type: t, paths: p, indent: 1)
            }
            out += "    " + pad(name, width) + " = " + text + "\n"
        }
        out += "}\n"
        return out
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    private func indentString(_ level: Int) -> String { String(repeating: "    ", count: level) }

    private var nullText: String { color ? "\u{1B}[90mnull\u{1B}[0m\u{1B}[0m" : "null" }

    func renderValue(_ v: JSONValue, type: JSONValue?, paths: [SensitivePath], indent: Int) -> String {
        if SensitivePath.isMarked(paths) { return "(sensitive value)" }
        switch v {
        case .null: return nullText
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s):
            if s.contains("\n") { return heredoc(s, indent: indent) }
            return quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            var out = "[\n"
            for (i, item) in items.enumerated() {
                let elemType = elementType(type, index: i)
                out += indentString(indent + 1) + renderValue(item, type: elemType, paths: paths.filter { $0.matches(index: i) }.map(\.rest), indent: indent + 1) + ",\n"
            }
            return out + indentString(indent) + "]"
        case .object(let members):
            let shown = members.filter { !$0.value.isNull }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            if shown.isEmpty { return "{}" }
            let isMap = type?.arrayValue?.first?.stringValue == "map"
            let keys = shown.map { isMap || !isIdentifier($0.key) ? quote($0.key) : $0.key }
            let width = keys.map(\.count).max() ?? 0
            var out = "{\n"
            for (m, key) in zip(shown, keys) {
                let t = attributeType(type, m.key)
                out += indentString(indent + 1) + pad(key, width) + " = "
                    + renderValue(m.value, type: t, paths: paths.filter { $0.matches(key: m.key) }.map(\.rest), indent: indent + 1) + "\n"
            }
            return out + indentString(indent) + "}"
        }
    }

    private func elementType(_ t: JSONValue?, index: Int) -> JSONValue? {
        guard let a = t?.arrayValue, a.count == 2 else { return nil }
        if a[0].stringValue == "tuple" { return a[1].arrayValue.flatMap { index < $0.count ? $0[index] : nil } }
        return a[1]
    }

    private func attributeType(_ t: JSONValue?, _ key: String) -> JSONValue? {
        guard let a = t?.arrayValue, a.count == 2 else { return nil }
        if a[0].stringValue == "object" { return a[1][key] }
        return a[1]
    }

    private func isIdentifier(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.properties.isXIDStart || f == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isXIDContinue || $0 == "-" }
    }

    /// Go's strconv.Quote.
    func quote(_ s: String) -> String { GoStrings.quote(s) }

    private func heredoc(_ s: String, indent: Int) -> String {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var out = "<<-EOT\n"
        for l in lines { out += (l.isEmpty ? "" : indentString(indent + 1) + l) + "\n" }
        return out + indentString(indent) + "EOT"
    }
}
