import CJSONC

/// A parsed document held as json-c's own tree, read in place.
///
/// Building a `JSONValue` tree only to convert it into another tree (as
/// `jsondecode` does into values) allocates every node twice; a consumer that
/// walks `root` builds its own nodes straight from json-c's.
public final class JSONTree {
    let object: OpaquePointer?
    /// Exact text of the integers json-c cannot hold, by their json-c node.
    let exactText: [OpaquePointer: String]
    /// Deepest nesting of arrays and objects in the document.
    public let maxNesting: Int
    /// Duplicate keys dropped values, so the pre-scan's numbers could not be
    /// matched to nodes, and one of the integers read was clamped by json-c.
    public private(set) var sawClampedInteger = false

    init(root: OpaquePointer?, scan: JSON.NumberScan) {
        object = root
        maxNesting = scan.maxNesting
        guard !scan.exactText.isEmpty, let root else {
            exactText = [:]
            return
        }
        // Number tokens and number nodes line up in document order unless a
        // duplicate key replaced a value (json-c keeps the last one).
        var nodes: [OpaquePointer] = []
        nodes.reserveCapacity(scan.count)
        JSONTree.collectNumbers(root, into: &nodes)
        if nodes.count == scan.count {
            var map: [OpaquePointer: String] = [:]
            for (ordinal, text) in scan.exactText { map[nodes[ordinal]] = text }
            exactText = map
        } else {
            exactText = [:]
            sawClampedInteger = nodes.contains { node in
                guard json_object_get_type(node) == json_type_int else { return false }
                let i = json_object_get_int64(node)
                return i == Int64.max || i == Int64.min || json_object_get_uint64(node) == UInt64.max
            }
        }
    }

    deinit {
        if let object { json_object_put(object) }
    }

    /// Runs `body` with the root node. Nodes point into this tree without
    /// keeping it alive, so they must not be used after `body` returns.
    public func withRoot<R>(_ body: (JSONNode) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(JSONNode(object, self)) }
    }

    private static func collectNumbers(_ obj: OpaquePointer, into nodes: inout [OpaquePointer]) {
        switch json_object_get_type(obj) {
        case json_type_int, json_type_double:
            nodes.append(obj)
        case json_type_array:
            for i in 0..<json_object_array_length(obj) {
                if let e = json_object_array_get_idx(obj, i) { collectNumbers(e, into: &nodes) }
            }
        case json_type_object:
            var it = json_object_iter_begin(obj)
            var end = json_object_iter_end(obj)
            while json_object_iter_equal(&it, &end) == 0 {
                if let v = json_object_iter_peek_value(&it) { collectNumbers(v, into: &nodes) }
                json_object_iter_next(&it)
            }
        default:
            break
        }
    }
}

/// A number as read from the document: a 64-bit integer, or the exact decimal text.
public enum JSONNumber: Equatable, Sendable {
    case integer(Int64)
    case text(String)

    public var text: String {
        switch self {
        case .integer(let i): return String(i)
        case .text(let t): return t
        }
    }
}

/// One node of a `JSONTree`, valid inside the tree's `withRoot`.
public struct JSONNode {
    let object: OpaquePointer?
    unowned(unsafe) let tree: JSONTree

    init(_ object: OpaquePointer?, _ tree: JSONTree) {
        self.object = object
        self.tree = tree
    }

    public var kind: JSONRaw.Kind {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_boolean: return .bool
        case json_type_int, json_type_double: return .number
        case json_type_string: return .string
        case json_type_array: return .array
        case json_type_object: return .object
        default: return .null
        }
    }

    public var bool: Bool { json_object_get_boolean(object) != 0 }

    /// The number exactly as written (integers json-c would clamp, and `-0`,
    /// come from the source text; decimals from the text json-c keeps).
    public var number: JSONNumber {
        guard let object else { return .integer(0) }
        if json_object_get_type(object) == json_type_int {
            if !tree.exactText.isEmpty, let text = tree.exactText[object] { return .text(text) }
            return .integer(json_object_get_int64(object))
        }
        if let text = json_object_get_userdata(object) {
            return .text(String(cString: text.assumingMemoryBound(to: CChar.self)))
        }
        // NaN and Infinity, which json-c accepts even when strict.
        return .text(String(cString: json_object_to_json_string_ext(object, Int32(JSON_C_TO_STRING_PLAIN))))
    }

    public var string: String {
        guard let object, let base = json_object_get_string(object) else { return "" }
        let length = Int(json_object_get_string_len(object))
        return String(decoding: UnsafeRawBufferPointer(start: base, count: length), as: UTF8.self)
    }

    /// Elements of an array, members of an object.
    public var count: Int {
        guard let object else { return 0 }
        switch json_object_get_type(object) {
        case json_type_array: return json_object_array_length(object)
        case json_type_object: return Int(json_object_object_length(object))
        default: return 0
        }
    }

    public func element(_ i: Int) -> JSONNode { JSONNode(json_object_array_get_idx(object, i), tree) }

    /// Members in document order (a duplicate key keeps its first place and last value).
    public var members: Members { Members(self) }

    public struct Members: Sequence, IteratorProtocol {
        let node: JSONNode
        var iterator: json_object_iterator
        var end: json_object_iterator

        init(_ node: JSONNode) {
            self.node = node
            if let object = node.object, json_object_get_type(object) == json_type_object {
                iterator = json_object_iter_begin(object)
                end = json_object_iter_end(object)
            } else {
                iterator = json_object_iter_init_default()
                end = iterator
            }
        }

        public mutating func next() -> (key: String, value: JSONNode)? {
            guard node.object != nil, json_object_iter_equal(&iterator, &end) == 0 else { return nil }
            defer { json_object_iter_next(&iterator) }
            return (String(cString: json_object_iter_peek_name(&iterator)), JSONNode(json_object_iter_peek_value(&iterator), node.tree))
        }
    }

    /// The node and everything under it as a `JSONValue`.
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool: return .bool(bool)
        case .number: return .number(number.text)
        case .string: return .string(string)
        case .array:
            let n = count
            var items: [JSONValue] = []
            items.reserveCapacity(n)
            for i in 0..<n { items.append(element(i).value) }
            return .array(items)
        case .object:
            var members: [JSONMember] = []
            members.reserveCapacity(count)
            for (key, value) in self.members { members.append(JSONMember(key: key, value: value.value)) }
            return .object(members)
        }
    }
}
