/// Writes JSON the way Go's encoding/json does, because terraform's files
/// (state, plan JSON, `jsonencode`) are produced by it: the same escapes,
/// the same `MarshalIndent` layout.
public struct JSONWriter: Sendable {
    /// Indent unit for pretty output (`MarshalIndent(v, "", indent)`); nil for compact output.
    public var indent: String?
    /// Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (Go's default).
    public var escapeHTML: Bool
    /// Sort object members by key (Go sorts map keys; structs keep field order).
    public var sortKeys: Bool

    public init(indent: String? = nil, escapeHTML: Bool = true, sortKeys: Bool = false) {
        self.indent = indent
        self.escapeHTML = escapeHTML
        self.sortKeys = sortKeys
    }

    public func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    public func write(_ value: JSONValue, into out: inout [UInt8]) {
        write(value, depth: 0, into: &out)
    }

    private func newline(_ depth: Int, _ out: inout [UInt8]) {
        guard let indent else { return }
        out.append(0x0A)
        for _ in 0..<depth { out.append(contentsOf: indent.utf8) }
    }

    /// Writes `value` as if it sat `depth` levels deep in an indented document.
    public func write(_ value: JSONValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            out.append(contentsOf: n.utf8)
        case .string(let s):
            JSONWriter.appendQuoted(s, escapeHTML: escapeHTML, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            if !items.isEmpty {
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(depth + 1, &out)
                    write(item, depth: depth + 1, into: &out)
                }
                newline(depth, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if !members.isEmpty {
                let ordered = sortKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
                for (i, member) in ordered.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(depth + 1, &out)
                    JSONWriter.appendQuoted(member.key, escapeHTML: escapeHTML, into: &out)
                    out.append(UInt8(ascii: ":"))
                    if indent != nil { out.append(0x20) }
                    write(member.value, depth: depth + 1, into: &out)
                }
                newline(depth, &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal with Go's escaping rules.
    public static func appendQuoted(_ s: String, escapeHTML: Bool = true, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings are plain printable ASCII: copied as they are, without decoding scalars.
        let plain: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes {
                if b < 0x20 || b >= 0x80 || b == 0x22 || b == 0x5C { return false }
                if escapeHTML && (b == 0x3C || b == 0x3E || b == 0x26) { return false }
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x3C where escapeHTML, 0x3E where escapeHTML, 0x26 where escapeHTML:
                appendUnicodeEscape(v, into: &out)
            case 0x00..<0x20, 0x2028, 0x2029:
                appendUnicodeEscape(v, into: &out)
            case 0x7F:
                out.append(0x7F)
            default:
                if v < 0x80 {
                    out.append(UInt8(v))
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ v: UInt32, into out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"),
                                hex[Int((v >> 12) & 0xF)], hex[Int((v >> 8) & 0xF)],
                                hex[Int((v >> 4) & 0xF)], hex[Int(v & 0xF)]])
    }

    public static func quoted(_ s: String, escapeHTML: Bool = true) -> String {
        var out: [UInt8] = []
        appendQuoted(s, escapeHTML: escapeHTML, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONValue {
    /// Compact JSON, Go-style escaping.
    public var compactString: String { JSONWriter().string(self) }
}
