/// A document's bytes, shared by every `JSONRaw` cut from it. Immutable once made.
public final class JSONDocumentBytes: @unchecked Sendable {
    public let bytes: [UInt8]
    /// Where each shallow container (object or array near the top) ends, by
    /// where it starts: skipping one is then a lookup instead of a scan, so
    /// listing members level by level reads the big values only once.
    let containerEnds: [Int: Int]

    init(_ bytes: [UInt8], containerEnds: [Int: Int] = [:]) {
        self.bytes = bytes
        self.containerEnds = containerEnds
    }
}

/// One value of a validated document, kept as its source bytes until asked for.
///
/// Reading a big document into a `JSONValue` tree costs many times its size in
/// memory and most of the time goes to allocating nodes nobody looks at (a
/// `state list` needs no resource attributes). A `JSONRaw` is three words; its
/// members, elements or full value are decoded on demand, and never fail
/// because the whole document was checked once by `JSON.lazyDocument`.
public struct JSONRaw: Sendable, Equatable {
    public enum Kind: Sendable { case null, bool, number, string, array, object }

    public let document: JSONDocumentBytes
    /// Byte range of the value (no surrounding whitespace).
    public let start: Int
    public let end: Int

    init(_ document: JSONDocumentBytes, _ start: Int, _ end: Int) {
        self.document = document
        self.start = start
        self.end = end
    }

    /// Equal as values: the same slice is equal without decoding.
    public static func == (a: JSONRaw, b: JSONRaw) -> Bool {
        if a.document === b.document && a.start == b.start && a.end == b.end { return true }
        if a.end - a.start == b.end - b.start && a.bytes.elementsEqual(b.bytes) { return true }
        return a.value == b.value
    }

    /// The value's source bytes.
    public var bytes: ArraySlice<UInt8> { document.bytes[start..<end] }

    public var kind: Kind {
        switch document.bytes[start] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    public var isNull: Bool { kind == .null }

    /// The whole value decoded (duplicate keys as `JSON.parse` treats them: first place, last value).
    public var value: JSONValue {
        document.bytes.withUnsafeBufferPointer { buf in
            var c = RawCursor(buf, start, document.containerEnds)
            return c.parseValue()
        }
    }

    public var stringValue: String? {
        guard kind == .string else { return nil }
        return document.bytes.withUnsafeBufferPointer { buf in
            var c = RawCursor(buf, start, document.containerEnds)
            return c.parseString()
        }
    }

    public var numberText: String? {
        guard kind == .number else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var boolValue: Bool? {
        guard kind == .bool else { return nil }
        return document.bytes[start] == UInt8(ascii: "t")
    }

    /// Members in document order (duplicates included; lookups take the last).
    public var members: [(key: String, value: JSONRaw)]? {
        guard kind == .object else { return nil }
        return document.bytes.withUnsafeBufferPointer { buf in
            var out: [(key: String, value: JSONRaw)] = []
            var c = RawCursor(buf, start + 1, document.containerEnds)
            c.skipSpace()
            if buf[c.i] == UInt8(ascii: "}") { return out }
            while true {
                c.skipSpace()
                let key = c.parseString()
                c.skipSpace()
                c.i += 1 // ':'
                c.skipSpace()
                let s = c.i
                c.skipValue()
                out.append((key, JSONRaw(document, s, c.i)))
                c.skipSpace()
                if buf[c.i] == UInt8(ascii: ",") { c.i += 1; continue }
                return out
            }
        }
    }

    /// Members with duplicate keys collapsed as `JSON.parse` collapses them.
    public var uniqueMembers: [(key: String, value: JSONRaw)]? {
        guard var all = members else { return nil }
        if all.count < 16 {
            // Few members (the usual case): look back instead of hashing.
            var n = 0
            while n < all.count {
                if let at = all[..<n].firstIndex(where: { $0.key == all[n].key }) {
                    all[at].value = all[n].value
                    all.remove(at: n)
                } else {
                    n += 1
                }
            }
            return all
        }
        var seen: [String: Int] = [:]
        var out: [(key: String, value: JSONRaw)] = []
        out.reserveCapacity(all.count)
        for m in all {
            if let at = seen[m.key] { out[at].value = m.value; continue }
            seen[m.key] = out.count
            out.append(m)
        }
        return out
    }

    public var elements: [JSONRaw]? {
        guard kind == .array else { return nil }
        return document.bytes.withUnsafeBufferPointer { buf in
            var out: [JSONRaw] = []
            var c = RawCursor(buf, start + 1, document.containerEnds)
            c.skipSpace()
            if buf[c.i] == UInt8(ascii: "]") { return out }
            while true {
                c.skipSpace()
                let s = c.i
                c.skipValue()
                out.append(JSONRaw(document, s, c.i))
                c.skipSpace()
                if buf[c.i] == UInt8(ascii: ",") { c.i += 1; continue }
                return out
            }
        }
    }

    /// The member named `key` (the last one when repeated).
    public subscript(key: String) -> JSONRaw? {
        guard kind == .object else { return nil }
        let wanted = Array(key.utf8)
        return document.bytes.withUnsafeBufferPointer { buf in
            var found: JSONRaw?
            var c = RawCursor(buf, start + 1, document.containerEnds)
            c.skipSpace()
            if buf[c.i] == UInt8(ascii: "}") { return nil }
            while true {
                c.skipSpace()
                let matches = c.stringEquals(wanted)
                c.skipSpace()
                c.i += 1
                c.skipSpace()
                let s = c.i
                c.skipValue()
                if matches { found = JSONRaw(document, s, c.i) }
                c.skipSpace()
                if buf[c.i] == UInt8(ascii: ",") { c.i += 1; continue }
                return found
            }
        }
    }
}

extension JSON {
    /// Checks the whole document (strict RFC 8259, valid UTF-8, depth) in one
    /// pass without building a tree, and returns its root as a `JSONRaw`.
    /// Returns nil when the document is not acceptable; `JSON.parse` then
    /// gives the error with its position.
    public static func lazyDocument(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) -> JSONRaw? {
        let result: (Int, Int, [Int: Int])? = bytes.withUnsafeBufferPointer { buf in
            var v = RawValidator(buf, maxDepth: maxDepth)
            v.skipSpace()
            let s = v.i
            guard v.value(depth: 0) else { return nil }
            let e = v.i
            v.skipSpace()
            guard v.i == buf.count else { return nil }
            return (s, e, v.ends)
        }
        guard let (s, e, ends) = result else { return nil }
        return JSONRaw(JSONDocumentBytes(bytes, containerEnds: ends), s, e)
    }
}

@inline(__always) private func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
}

/// Walks bytes already validated by `RawValidator`: no error paths needed.
struct RawCursor {
    let p: UnsafeBufferPointer<UInt8>
    var i: Int
    let ends: [Int: Int]

    init(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ ends: [Int: Int]) {
        self.p = p
        self.i = i
        self.ends = ends
    }

    @inline(__always) mutating func skipSpace() {
        while i < p.count, isSpace(p[i]) { i += 1 }
    }

    /// Moves past one value.
    mutating func skipValue() {
        switch p[i] {
        case UInt8(ascii: "\""):
            skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if let end = ends[i] { i = end; return }
            var depth = 0
            while true {
                let b = p[i]
                if b == UInt8(ascii: "\"") { skipString(); continue }
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { i += 1; return }
                }
                i += 1
            }
        default:
            // number or literal: up to the next delimiter
            while i < p.count {
                let b = p[i]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || isSpace(b) { return }
                i += 1
            }
        }
    }

    @inline(__always) mutating func skipString() {
        i += 1
        while true {
            let b = p[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            i += b == UInt8(ascii: "\\") ? 2 : 1
        }
    }

    /// Compares a string token with `wanted` (raw bytes; escaped keys compare decoded).
    mutating func stringEquals(_ wanted: [UInt8]) -> Bool {
        let s = i + 1
        var j = s
        var escaped = false
        while p[j] != UInt8(ascii: "\"") {
            if p[j] == UInt8(ascii: "\\") { escaped = true; j += 2 } else { j += 1 }
        }
        if escaped {
            return Array(parseString().utf8) == wanted
        }
        i = j + 1
        guard j - s == wanted.count else { return false }
        for k in 0..<wanted.count where p[s + k] != wanted[k] { return false }
        return true
    }

    mutating func parseString() -> String {
        i += 1
        let s = i
        while p[i] != UInt8(ascii: "\"") && p[i] != UInt8(ascii: "\\") { i += 1 }
        if p[i] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self)
            i += 1
            return text
        }
        var out: [UInt8] = Array(p[s..<i])
        while true {
            let b = p[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 5 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(u)).utf8)
            default: out.append(e) // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hex4(_ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = p[at + k]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            default: d = b - 0x61 + 10
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    mutating func parseValue() -> JSONValue {
        switch p[i] {
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            var members: [JSONMember] = []
            if p[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            var index: [String: Int]?
            while true {
                skipSpace()
                let key = parseString()
                skipSpace()
                i += 1
                skipSpace()
                let value = parseValue()
                // json-c keeps a repeated key where it first appeared, with the last value.
                if members.count < 16 && index == nil {
                    if let at = members.firstIndex(where: { $0.key == key }) {
                        members[at].value = value
                    } else {
                        members.append(JSONMember(key: key, value: value))
                    }
                } else {
                    if index == nil {
                        var made: [String: Int] = [:]
                        for (n, m) in members.enumerated() { made[m.key] = n }
                        index = made
                    }
                    if let at = index?[key] {
                        members[at].value = value
                    } else {
                        index?[key] = members.count
                        members.append(JSONMember(key: key, value: value))
                    }
                }
                skipSpace()
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                i += 1
                return .object(members)
            }
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            var items: [JSONValue] = []
            if p[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(parseValue())
                skipSpace()
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                i += 1
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(parseString())
        case UInt8(ascii: "t"): i += 4; return .bool(true)
        case UInt8(ascii: "f"): i += 5; return .bool(false)
        case UInt8(ascii: "n"): i += 4; return .null
        default:
            let s = i
            skipValue()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self))
        }
    }
}

/// One strict pass over a document: RFC 8259 grammar, UTF-8 validity, no raw
/// control characters in strings, nesting depth. Any failure just says no.
struct RawValidator {
    let p: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var i = 0
    /// Ends of containers at most `indexDepth` deep (a state's instance attributes are at depth 5).
    var ends: [Int: Int] = [:]
    let indexDepth: Int

    init(_ p: UnsafeBufferPointer<UInt8>, maxDepth: Int, indexDepth: Int = 5) {
        self.p = p
        self.maxDepth = maxDepth
        self.indexDepth = indexDepth
    }

    @inline(__always) mutating func skipSpace() {
        let n = p.count
        while i < n {
            let b = p[i]
            if b == 0x20 {
                // Indented documents are mostly runs of spaces: eight at a time.
                if let base = p.baseAddress {
                    while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { i += 8 }
                }
                while i < n, p[i] == 0x20 { i += 1 }
                continue
            }
            guard isSpace(b) else { return }
            i += 1
        }
    }

    mutating func value(depth: Int) -> Bool {
        guard i < p.count else { return false }
        switch p[i] {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { return false }
            let start = i
            i += 1
            skipSpace()
            guard i < p.count else { return false }
            if p[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                guard i < p.count, p[i] == UInt8(ascii: "\""), string() else { return false }
                skipSpace()
                guard i < p.count, p[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                guard i < p.count else { return false }
                if p[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                if p[i] == UInt8(ascii: "}") {
                    i += 1
                    if depth <= indexDepth { ends[start] = i }
                    return true
                }
                return false
            }
        case UInt8(ascii: "["):
            guard depth < maxDepth else { return false }
            let start = i
            i += 1
            skipSpace()
            guard i < p.count else { return false }
            if p[i] == UInt8(ascii: "]") { i += 1; return true }
            while true {
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                guard i < p.count else { return false }
                if p[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
                if p[i] == UInt8(ascii: "]") {
                    i += 1
                    if depth <= indexDepth { ends[start] = i }
                    return true
                }
                return false
            }
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            return number()
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { return false }
        i += n
        return true
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func number() -> Bool {
        if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, isDigit(p[i]) else { return false }
        if p[i] == 0x30 {
            i += 1
        } else {
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < p.count, isDigit(p[i]) else { return false }
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < p.count, isDigit(p[i]) else { return false }
            while i < p.count, isDigit(p[i]) { i += 1 }
        }
        return true
    }

    private func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    mutating func string() -> Bool {
        i += 1
        let n = p.count
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") { i += 1; return true }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < n else { return false }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < n, isHex(p[i + 2]), isHex(p[i + 3]), isHex(p[i + 4]), isHex(p[i + 5]) else { return false }
                    i += 6
                default:
                    return false
                }
                continue
            }
            if b < 0x20 { return false }
            if b < 0x80 { i += 1; continue }
            guard utf8Sequence() else { return false }
        }
        return false
    }

    /// One multi-byte UTF-8 sequence: no overlong forms, surrogates or values past U+10FFFF.
    private mutating func utf8Sequence() -> Bool {
        let n = p.count
        let b0 = p[i]
        func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            guard cont(1) else { return false }
            i += 2
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return false }
            let b1 = p[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return false }
            if b0 == 0xED && b1 >= 0xA0 { return false }
            i += 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return false }
            let b1 = p[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return false }
            if b0 == 0xF4 && b1 >= 0x90 { return false }
            i += 4
        default:
            return false
        }
        return true
    }
}
