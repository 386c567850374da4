/// Receives the shallow structure of a document while `JSON.scanShallow` checks it.
///
/// Containers at most `openDepth` deep (the root is depth 0) report `open`,
/// their members' keys and `close`; every other value one level below them
/// (scalars, and containers one level deeper) is reported whole by `value`,
/// its inside checked but not reported. Returning false stops the scan.
public protocol JSONShallowVisitor {
    /// `key` is the member name's bytes between the quotes, undecoded; `escaped` when it holds a backslash.
    mutating func key(_ key: UnsafeBufferPointer<UInt8>, escaped: Bool, depth: Int) -> Bool
    mutating func open(_ kind: JSONRaw.Kind, at start: Int, depth: Int) -> Bool
    mutating func close(at end: Int, depth: Int) -> Bool
    /// A whole value at byte range `start..<end` of the document.
    mutating func value(_ kind: JSONRaw.Kind, _ doc: UnsafeBufferPointer<UInt8>, start: Int, end: Int, depth: Int) -> Bool
}

public enum JSONShallowScanResult {
    /// The whole document is valid and was reported; `root` gives lazy access to any part of it.
    case complete(root: JSONRaw)
    /// The visitor stopped the scan.
    case stopped
    /// Not a document `JSON.lazyDocument` accepts.
    case invalid
}

extension JSON {
    /// One strict pass over a document (the same checks as `lazyDocument`)
    /// reporting only its top levels: a reader that needs a few fields near the
    /// top of a big document gets them without a second pass or a tree.
    public static func scanShallow<V: JSONShallowVisitor>(_ bytes: [UInt8], openDepth: Int, visitor: inout V,
                                                         maxDepth: Int = defaultMaxDepth) -> JSONShallowScanResult {
        let outcome: (Int, Int)?? = bytes.withUnsafeBufferPointer { buf in
            var s = ShallowScanner(RawValidator(buf, maxDepth: maxDepth, indexDepth: -1), openDepth: openDepth)
            s.v.skipSpace()
            let start = s.v.i
            switch s.value(depth: 0, visitor: &visitor) {
            case .invalid: return .some(nil)
            case .stopped: return nil
            case .ok: break
            }
            let end = s.v.i
            s.v.skipSpace()
            guard s.v.i == buf.count else { return .some(nil) }
            return .some((start, end))
        }
        switch outcome {
        case .none: return .stopped
        case .some(.none): return .invalid
        case .some(.some(let (s, e))): return .complete(root: JSONRaw(JSONDocumentBytes(bytes), s, e))
        }
    }

    /// The string whose opening quote is at `start` of a document `scanShallow` accepted, decoded.
    public static func decodeString(_ doc: UnsafeBufferPointer<UInt8>, at start: Int) -> String {
        var c = RawCursor(doc, start, [:])
        return c.parseString()
    }
}

private struct ShallowScanner {
    enum Outcome { case ok, stopped, invalid }

    var v: RawValidator
    let openDepth: Int

    init(_ v: RawValidator, openDepth: Int) {
        self.v = v
        self.openDepth = openDepth
    }

    mutating func value<V: JSONShallowVisitor>(depth: Int, visitor: inout V) -> Outcome {
        let p = v.p
        guard v.i < p.count else { return .invalid }
        let start = v.i
        let b = p[start]
        let isObject = b == UInt8(ascii: "{")
        if depth <= openDepth && (isObject || b == UInt8(ascii: "[")) {
            guard depth < v.maxDepth else { return .invalid }
            guard visitor.open(isObject ? .object : .array, at: start, depth: depth) else { return .stopped }
            v.i += 1
            v.skipSpace()
            guard v.i < p.count else { return .invalid }
            if p[v.i] != (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                while true {
                    if isObject {
                        guard v.i < p.count, p[v.i] == UInt8(ascii: "\"") else { return .invalid }
                        let keyStart = v.i + 1
                        guard v.string() else { return .invalid }
                        let keyEnd = v.i - 1
                        var escaped = false
                        for k in keyStart..<keyEnd where p[k] == UInt8(ascii: "\\") { escaped = true; break }
                        guard visitor.key(UnsafeBufferPointer(rebasing: p[keyStart..<keyEnd]), escaped: escaped, depth: depth) else { return .stopped }
                        v.skipSpace()
                        guard v.i < p.count, p[v.i] == UInt8(ascii: ":") else { return .invalid }
                        v.i += 1
                        v.skipSpace()
                    }
                    let inner = value(depth: depth + 1, visitor: &visitor)
                    guard case .ok = inner else { return inner }
                    v.skipSpace()
                    guard v.i < p.count else { return .invalid }
                    if p[v.i] == UInt8(ascii: ",") { v.i += 1; v.skipSpace(); continue }
                    break
                }
            }
            guard v.i < p.count, p[v.i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return .invalid }
            v.i += 1
            return visitor.close(at: v.i, depth: depth) ? .ok : .stopped
        }
        guard v.value(depth: depth) else { return .invalid }
        let kind: JSONRaw.Kind
        switch b {
        case UInt8(ascii: "{"): kind = .object
        case UInt8(ascii: "["): kind = .array
        case UInt8(ascii: "\""): kind = .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = .bool
        case UInt8(ascii: "n"): kind = .null
        default: kind = .number
        }
        return visitor.value(kind, p, start: start, end: v.i, depth: depth) ? .ok : .stopped
    }
}

extension JSONRaw {
    /// The value at `start..<end` of the same document, as `scanShallow` reported it.
    public func valueAt(start: Int, end: Int) -> JSONRaw? {
        guard start >= 0, start < end, end <= document.bytes.count else { return nil }
        return JSONRaw(document, start, end)
    }
}
