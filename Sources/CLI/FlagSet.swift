/// Command-line flags parsed the way Go's `flag` package parses them, because
/// that is what terraform users type: `-name`, `--name`, `-name=value`,
/// `-name value` for non-boolean flags, `-name=false` for booleans; parsing stops
/// at the first argument that is not a flag, or after `--`.
public struct FlagSet: Sendable {
    public enum Kind: Sendable, Equatable {
        case bool
        case string
        case int
        /// A Go duration such as `10s`, `1m30s`, `500ms`; stored as seconds.
        case duration
        /// Repeatable: every occurrence is kept, in order (`-var`, `-target`).
        case list
    }

    struct Definition: Sendable {
        var kind: Kind
        var defaultValue: String
    }

    public let command: String
    private(set) var definitions: [String: Definition] = [:]

    public init(command: String) {
        self.command = command
    }

    public mutating func bool(_ name: String, default value: Bool = false) {
        definitions[name] = Definition(kind: .bool, defaultValue: value ? "true" : "false")
    }

    public mutating func string(_ name: String, default value: String = "") {
        definitions[name] = Definition(kind: .string, defaultValue: value)
    }

    public mutating func int(_ name: String, default value: Int = 0) {
        definitions[name] = Definition(kind: .int, defaultValue: String(value))
    }

    public mutating func duration(_ name: String, default value: String = "0s") {
        definitions[name] = Definition(kind: .duration, defaultValue: value)
    }

    public mutating func list(_ name: String) {
        definitions[name] = Definition(kind: .list, defaultValue: "")
    }

    public func parse(_ args: [String]) -> Result<ParsedFlags, FlagError> {
        var parsed = ParsedFlags(definitions: definitions)
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "--" {
                i += 1
                break
            }
            guard arg.count >= 2, arg.hasPrefix("-") else { break }
            var body = arg.dropFirst()
            if body.hasPrefix("-") { body = body.dropFirst() }
            if body.isEmpty || body.hasPrefix("-") || body.hasPrefix("=") {
                return .failure(FlagError(message: "bad flag syntax: \(arg)"))
            }
            var name = String(body)
            var inlineValue: String?
            if let eq = body.firstIndex(of: "=") {
                name = String(body[..<eq])
                inlineValue = String(body[body.index(after: eq)...])
            }
            guard let def = definitions[name] else {
                if name == "help" || name == "h" {
                    return .failure(FlagError(message: "flag: help requested", isHelp: true))
                }
                return .failure(FlagError(message: "flag provided but not defined: -\(name)"))
            }
            i += 1
            let value: String
            if def.kind == .bool {
                if let inlineValue {
                    guard let b = FlagSet.parseBool(inlineValue) else {
                        return .failure(FlagError(message: "invalid boolean value \"\(inlineValue)\" for -\(name): parse error"))
                    }
                    value = b ? "true" : "false"
                } else {
                    value = "true"
                }
            } else if let inlineValue {
                value = inlineValue
            } else {
                guard i < args.count else {
                    return .failure(FlagError(message: "flag needs an argument: -\(name)"))
                }
                value = args[i]
                i += 1
            }
            switch def.kind {
            case .int:
                guard Int(value) != nil else {
                    return .failure(FlagError(message: "invalid value \"\(value)\" for flag -\(name): parse error"))
                }
            case .duration:
                guard FlagSet.parseDuration(value) != nil else {
                    return .failure(FlagError(message: "invalid value \"\(value)\" for flag -\(name): parse error"))
                }
            default:
                break
            }
            parsed.record(name, value)
        }
        parsed.positional = Array(args[i...])
        return .success(parsed)
    }

    static func parseBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }

    /// Parses a Go duration (`300ms`, `-1.5h`, `2h45m`) into seconds.
    public static func parseDuration(_ s: String) -> Double? {
        var rest = Substring(s)
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex(where: { !($0.isNumber || $0 == ".") }) ?? rest.endIndex
            guard numberEnd > rest.startIndex, let number = Double(rest[..<numberEnd]) else { return nil }
            rest = rest[numberEnd...]
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            total += number * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return sign * total
    }
}

public struct FlagError: Error, Sendable, Equatable {
    /// The message Go's flag package would give, e.g. `flag provided but not defined: -x`.
    public var message: String
    /// `-help` or `-h` was given: the command prints its usage and exits 0.
    public var isHelp = false
}

/// The result of parsing: flag values by name, and the arguments left over.
public struct ParsedFlags: Sendable {
    let definitions: [String: FlagSet.Definition]
    private var values: [String: [String]] = [:]
    /// Every flag occurrence in command-line order (terraform orders `-var` and `-var-file` together).
    public private(set) var occurrences: [(name: String, value: String)] = []
    public var positional: [String] = []

    init(definitions: [String: FlagSet.Definition]) {
        self.definitions = definitions
    }

    mutating func record(_ name: String, _ value: String) {
        values[name, default: []].append(value)
        occurrences.append((name, value))
    }

    public func isSet(_ name: String) -> Bool { values[name] != nil }

    private func last(_ name: String) -> String {
        values[name]?.last ?? definitions[name]?.defaultValue ?? ""
    }

    public func bool(_ name: String) -> Bool { last(name) == "true" }
    public func string(_ name: String) -> String { last(name) }
    public func int(_ name: String) -> Int { Int(last(name)) ?? 0 }
    public func duration(_ name: String) -> Double { FlagSet.parseDuration(last(name)) ?? 0 }
    public func list(_ name: String) -> [String] { values[name] ?? [] }
}
