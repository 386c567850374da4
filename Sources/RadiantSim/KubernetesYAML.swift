import Foundation
import JSON
import Yams

/// YAML request bodies for server-side apply (`application/apply-patch+yaml`), turned into
/// JSON the way the API server does it (sigs.k8s.io/yaml over go-yaml v2, so YAML 1.1
/// scalars: `yes`/`no`/`on`/`off` are booleans, `~` is null, `0x1F` is a number).
enum KubernetesYAML {
    struct Problem: Error { var message: String }

    static let maxDepth = 100
    static let maxNodes = 200_000

    /// One document holding one object; anything else is a problem described as the API server would.
    static func decodeObject(_ bytes: [UInt8]) -> Result<JSONValue, Problem> {
        let text = String(decoding: bytes, as: UTF8.self)
        var documents: [Node] = []
        do {
            var seq = try Yams.compose_all(yaml: text)
            while let n = seq.next() {
                documents.append(n)
                if documents.count > 1 { break }
            }
            if let e = seq.error { throw e }
        } catch {
            return .failure(Problem(message: "error converting YAML to JSON: yaml: \(describe(error))"))
        }
        guard documents.count == 1, let root = documents.first else {
            return .failure(Problem(message: documents.isEmpty ? "the request body is empty"
                                                           : "error converting YAML to JSON: the body holds more than one YAML document"))
        }
        var budget = maxNodes
        do {
            let value = try json(root, depth: 0, budget: &budget)
            guard case .object = value else { return .failure(Problem(message: "the body of an apply patch must be a YAML mapping (an object)")) }
            return .success(value)
        } catch let p as Problem {
            return .failure(p)
        } catch {
            return .failure(Problem(message: "error converting YAML to JSON: \(error)"))
        }
    }

    private static func describe(_ error: Error) -> String {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                return "line \(mark.line): \(problem)"
            default:
                return "\(y)"
            }
        }
        return "\(error)"
    }

    private static func json(_ n: Node, depth: Int, budget: inout Int) throws -> JSONValue {
        budget -= 1
        if budget < 0 { throw Problem(message: "error converting YAML to JSON: the document has more than \(maxNodes) values") }
        if depth > maxDepth { throw Problem(message: "error converting YAML to JSON: the document nests deeper than \(maxDepth) levels") }
        switch n {
        case .scalar(let s):
            // Quoted and block scalars, and explicitly tagged strings, are strings.
            if s.style != .plain || s.tag.rawValue == Tag.Name.str.rawValue { return .string(s.string) }
            return plain(s.string)
        case .sequence(let seq):
            var items: [JSONValue] = []
            for item in seq { items.append(try json(item, depth: depth + 1, budget: &budget)) }
            return .array(items)
        case .mapping(let map):
            var members: [JSONMember] = []
            var seen = Set<String>()
            for (k, v) in map {
                guard case .scalar(let ks) = k else { throw Problem(message: "error converting YAML to JSON: mapping keys must be scalars") }
                // Keys become strings whatever they resolve to (a key `on` is "true", as in go-yaml v2).
                let key: String
                switch ks.style == .plain ? plain(ks.string) : .string(ks.string) {
                case .string(let t): key = t
                case .bool(let b): key = b ? "true" : "false"
                case .number(let t): key = t
                case .null: key = "null"
                default: key = ks.string
                }
                guard seen.insert(key).inserted else {
                    throw Problem(message: "error converting YAML to JSON: yaml: mapping key \"\(key)\" already defined")
                }
                members.append(JSONMember(key: key, value: try json(v, depth: depth + 1, budget: &budget)))
            }
            return .object(members)
        case .alias:
            throw Problem(message: "error converting YAML to JSON: aliases are not supported by radiant-sim")
        }
    }

    /// A plain scalar resolved with YAML 1.1's rules.
    static func plain(_ s: String) -> JSONValue {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE": return .bool(true)
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let digits = s.replacingOccurrences(of: "_", with: "")
        var body = Substring(digits)
        var negative = false
        if body.first == "-" || body.first == "+" { negative = body.first == "-"; body = body.dropFirst() }
        if body.hasPrefix("0x"), let v = Int64(body.dropFirst(2), radix: 16) { return .number(String(negative ? -v : v)) }
        if body.hasPrefix("0o"), let v = Int64(body.dropFirst(2), radix: 8) { return .number(String(negative ? -v : v)) }
        if body.count > 1, body.hasPrefix("0"), body.allSatisfy({ ("0"..."7").contains($0) }), let v = Int64(body, radix: 8) {
            return .number(String(negative ? -v : v))
        }
        if !body.isEmpty, body.allSatisfy(\.isASCII), body.allSatisfy({ $0.isNumber }) {
            return .number((negative ? "-" : "") + body.drop(while: { $0 == "0" }).description.ifEmpty("0"))
        }
        if isJSONFloat(digits) { return .number(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) }
        return .string(s)
    }

    /// JSON's number grammar (`1.5`, `-2e10`, optionally with a leading `+` YAML allows).
    private static func isJSONFloat(_ s: String) -> Bool {
        var t = Substring(s)
        if t.first == "+" || t.first == "-" { t = t.dropFirst() }
        return t.range(of: #"^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }
}

private extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
