import CYaml
import Yams

/// A YAML document as libyaml's events describe it, with aliases already
/// replaced by the node they name.
indirect enum YAMLNode {
    case scalar(String, tag: Tag.Name, style: Node.Scalar.Style, mark: YAMLMark)
    case sequence([YAMLNode], mark: YAMLMark)
    case mapping([(key: YAMLNode, value: YAMLNode)], mark: YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, _, _, let m), .sequence(_, let m), .mapping(_, let m): return m
        }
    }
}

/// Zero-based line and column, as libyaml counts.
struct YAMLMark {
    var line: Int
    var column: Int

    /// go-cty-yaml's wording of a problem at an event: libyaml's zero-based
    /// line, one-based column, and no position at all on the first line.
    func describe(_ problem: String) -> String {
        line == 0 ? problem : "on line \(line), column \(column + 1): \(problem)"
    }
}

/// Composes documents from Yams' libyaml like Yams' own composer does, except
/// that a mapping may repeat a key: Yams rejects that, while go-cty-yaml (and
/// so terraform's yamldecode) keeps the last value.
final class YAMLComposer {
    struct ComposeError: Error {
        var message: String
    }

    private var parser = yaml_parser_t()
    private let input: [UInt8]
    private var anchors: [String: YAMLNode] = [:]

    init(_ text: String) {
        input = Array(text.utf8)
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        input.withUnsafeBufferPointer { yaml_parser_set_input_string(&parser, $0.baseAddress, $0.count) }
    }

    deinit { yaml_parser_delete(&parser) }

    /// Every document of the stream.
    func documents() throws -> [YAMLNode] {
        // libyaml reads from `input` in place; the buffer is never mutated and
        // lives as long as this composer.
        var event = try next()
        guard event.type == YAML_STREAM_START_EVENT else { throw ComposeError(message: "missing stream start token") }
        yaml_event_delete(&event)
        var documents: [YAMLNode] = []
        while true {
            var start = try next()
            defer { yaml_event_delete(&start) }
            if start.type == YAML_STREAM_END_EVENT { return documents }
            var first = try next()
            documents.append(try node(from: &first, depth: 0))
            var end = try next()  // document end
            yaml_event_delete(&end)
        }
    }

    /// Nesting beyond which composing stops, so deep input cannot exhaust the stack.
    static let maxDepth = 1000

    private func next() throws -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw ComposeError(message: parserProblem()) }
        return event
    }

    /// go-cty-yaml's wording of a libyaml error: the problem's position when
    /// it is past the first line (a scanner error counts from the next line),
    /// else the context's, else none.
    private func parserProblem() -> String {
        var problem = parser.problem.map { String(cString: $0) } ?? ""
        if problem.isEmpty { problem = "invalid YAML syntax" }
        if parser.problem_mark.line != 0 {
            if parser.error == YAML_SCANNER_ERROR {
                return "on line \(parser.problem_mark.line + 1), column 1: \(problem)"
            }
            return "on line \(parser.problem_mark.line), column \(parser.problem_mark.column + 1): \(problem)"
        }
        if parser.context_mark.line != 0 {
            return "on line \(parser.context_mark.line), column \(parser.context_mark.column + 1): \(problem)"
        }
        return problem
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// Builds the node that starts with `event` (which this consumes).
    private func node(from event: inout yaml_event_t, depth: Int) throws -> YAMLNode {
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(line: Int(event.start_mark.line), column: Int(event.start_mark.column))
        if depth > YAMLComposer.maxDepth { throw ComposeError(message: "document nests deeper than \(YAMLComposer.maxDepth) levels") }
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = YAMLComposer.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else { throw ComposeError(message: mark.describe("found undefined alias")) }
            return target
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            // Untagged quoted scalars keep the empty tag, as go-yaml reports
            // them: only their style makes them strings (and "<<" quoted is
            // still a merge key for go-cty-yaml).
            let tag = Tag.Name(rawValue: YAMLComposer.string(s.tag) ?? "")
            let style = Node.Scalar.Style(rawValue: numericCast(s.style.rawValue)) ?? .any
            let node = YAMLNode.scalar(value, tag: tag, style: style, mark: mark)
            register(YAMLComposer.string(s.anchor), node)
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = YAMLComposer.string(event.data.sequence_start.anchor)
            var items: [YAMLNode] = []
            while true {
                var e = try next()
                if e.type == YAML_SEQUENCE_END_EVENT { yaml_event_delete(&e); break }
                items.append(try node(from: &e, depth: depth + 1))
            }
            let node = YAMLNode.sequence(items, mark: mark)
            register(anchor, node)
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = YAMLComposer.string(event.data.mapping_start.anchor)
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            while true {
                var e = try next()
                if e.type == YAML_MAPPING_END_EVENT { yaml_event_delete(&e); break }
                let key = try node(from: &e, depth: depth + 1)
                var v = try next()
                pairs.append((key, try node(from: &v, depth: depth + 1)))
            }
            let node = YAMLNode.mapping(pairs, mark: mark)
            register(anchor, node)
            return node
        default:
            throw ComposeError(message: mark.describe("unexpected parser event"))
        }
    }

    private func register(_ anchor: String?, _ node: YAMLNode) {
        if let anchor { anchors[anchor] = node }
    }
}
