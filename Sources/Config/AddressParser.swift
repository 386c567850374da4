import HCL

/// Parses addresses given as strings (CLI arguments, `module` fields of state
/// files) into typed addresses, with terraform's diagnostics for bad ones.
public enum AddressParser {
    /// One element of an absolute traversal such as `module.a["x"].aws_instance.b[0]`.
    enum Step: Equatable {
        case name(String)
        case index(InstanceKey)
        case splat
    }

    struct Traversal {
        var steps: [Step]
        var ranges: [SourceRange]
    }

    private static func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(filename: "", start: SourcePos(line: 1, column: start + 1, byte: start),
                    end: SourcePos(line: 1, column: end + 1, byte: end))
    }

    private static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    private static func isIdentChar(_ b: UInt8) -> Bool {
        isIdentStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    /// Splits the text into traversal steps (the subset of HCL traversal syntax addresses use).
    static func traversal(_ text: String) -> (Traversal?, Diagnostics) {
        let b = Array(text.utf8)
        var i = 0
        var steps: [Step] = []
        var ranges: [SourceRange] = []
        func fail(_ summary: String, _ detail: String, _ at: Int) -> (Traversal?, Diagnostics) {
            (nil, Diagnostics([.error(summary, detail, subject: range(at, min(at + 1, b.count)))]))
        }
        func ident() -> String? {
            let start = i
            guard i < b.count, isIdentStart(b[i]) else { return nil }
            while i < b.count && isIdentChar(b[i]) { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        guard let root = ident() else {
            return fail("Invalid character", "This character is not used within the language.", i)
        }
        steps.append(.name(root))
        ranges.append(range(0, i))
        while i < b.count {
            let start = i
            if b[i] == UInt8(ascii: ".") {
                i += 1
                if i < b.count && b[i] == UInt8(ascii: "*") {
                    i += 1
                    steps.append(.splat)
                } else if let name = ident() {
                    steps.append(.name(name))
                } else {
                    return fail("Invalid attribute name", "An attribute name is required after a dot.", i)
                }
            } else if b[i] == UInt8(ascii: "[") {
                i += 1
                if i < b.count && b[i] == UInt8(ascii: "*") {
                    i += 1
                    steps.append(.splat)
                } else if i < b.count && b[i] == UInt8(ascii: "\"") {
                    i += 1
                    var s: [UInt8] = []
                    var closed = false
                    while i < b.count {
                        let c = b[i]
                        if c == UInt8(ascii: "\"") { closed = true; i += 1; break }
                        if c == UInt8(ascii: "\\") && i + 1 < b.count {
                            i += 1
                            switch b[i] {
                            case UInt8(ascii: "n"): s.append(0x0A)
                            case UInt8(ascii: "r"): s.append(0x0D)
                            case UInt8(ascii: "t"): s.append(0x09)
                            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                                let width = b[i] == UInt8(ascii: "u") ? 4 : 8
                                guard i + width < b.count,
                                      let v = UInt32(String(decoding: b[(i + 1)...(i + width)], as: UTF8.self), radix: 16),
                                      let scalar = Unicode.Scalar(v) else {
                                    return fail("Invalid escape sequence", "The \\u escape sequence must be followed by hexadecimal digits.", i)
                                }
                                s.append(contentsOf: Array(String(scalar).utf8))
                                i += width
                            default: s.append(b[i])
                            }
                            i += 1
                            continue
                        }
                        // `$${` and `%%{` stand for a literal `${` / `%{`.
                        if (c == UInt8(ascii: "$") || c == UInt8(ascii: "%")) && i + 2 < b.count
                            && b[i + 1] == c && b[i + 2] == UInt8(ascii: "{") {
                            s.append(c)
                            i += 2
                            continue
                        }
                        s.append(c)
                        i += 1
                    }
                    guard closed else {
                        return fail("Unterminated template string", "No closing marker was found for the string.", start)
                    }
                    steps.append(.index(.string(String(decoding: s, as: UTF8.self))))
                } else {
                    let numStart = i
                    if i < b.count && b[i] == UInt8(ascii: "-") { i += 1 }
                    while i < b.count && ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] == UInt8(ascii: ".")) { i += 1 }
                    let text = String(decoding: b[numStart..<i], as: UTF8.self)
                    guard !text.isEmpty else {
                        return fail("Index value required", "Index brackets must contain either a literal number or a literal string.", numStart)
                    }
                    guard let n = Int(text) else {
                        return fail("Invalid address operator", "Invalid module index: value must be a whole number.", numStart)
                    }
                    steps.append(.index(.int(n)))
                }
                guard i < b.count && b[i] == UInt8(ascii: "]") else {
                    return fail("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", i)
                }
                i += 1
            } else {
                return fail("Extra characters after expression", "An expression was successfully parsed, but extra characters were found after it.", i)
            }
            ranges.append(range(start, i))
        }
        return (Traversal(steps: steps, ranges: ranges), Diagnostics())
    }

    /// Parses a target address: a module instance, a resource, or a resource instance.
    public static func parseTarget(_ text: String) -> (AddressTarget?, Diagnostics) {
        let (trav, diags) = traversal(text)
        guard let trav else { return (nil, diags) }
        return parseTarget(trav, whole: range(0, text.utf8.count))
    }

    private static func invalid(_ detail: String, _ r: SourceRange) -> Diagnostics {
        Diagnostics([.error("Invalid address", detail, subject: r)])
    }

    static func parseTarget(_ t: Traversal, whole: SourceRange) -> (AddressTarget?, Diagnostics) {
        var i = 0
        let steps = t.steps
        var module = ModuleInstance()
        // The module prefix.
        while i < steps.count, steps[i] == .name("module") {
            guard i + 1 < steps.count, case .name(let name) = steps[i + 1] else {
                return (nil, Diagnostics([.error("Invalid address operator", "Prefix \"module.\" must be followed by a module name.", subject: t.ranges[i])]))
            }
            var key = InstanceKey.none
            var used = 2
            if i + 2 < steps.count {
                switch steps[i + 2] {
                case .index(let k): key = k; used = 3
                case .splat:
                    return (nil, Diagnostics([.error("Invalid address operator", "Module address operator must be followed by a module name.", subject: t.ranges[i + 2])]))
                case .name: break
                }
            }
            module = module.child(name, key)
            i += used
        }
        if i == steps.count {
            return (.module(module), Diagnostics())
        }
        let rest = Array(steps[i...])
        let restRange = t.ranges[i].through(t.ranges[t.ranges.count - 1])
        var mode = ResourceMode.managed
        var j = 0
        if case .name(let first) = rest[0] {
            switch first {
            case "data": mode = .data; j = 1
            case "resource": j = 1
            case "count", "each", "local", "module", "path", "self", "terraform", "var", "template", "lazy", "arg":
                if rest.count >= 2 {
                    return (nil, invalid("The keyword \"\(first)\" is reserved and cannot be used to target a resource address. If you are targeting a resource type that uses a reserved keyword, please prefix your address with \"resource.\".", restRange))
                }
            default: break
            }
        }
        guard rest.count - j >= 2 else {
            if j == 1 && rest.count == 1 {
                return (nil, invalid("Resource specification must include a resource type and name.", restRange))
            }
            return (nil, invalid("Resource specification must include a resource type and name.", restRange))
        }
        guard case .name(let type) = rest[j] else {
            return (nil, invalid(mode == .data ? "A data source name is required." : "A resource type name is required.", t.ranges[i + j]))
        }
        guard case .name(let name) = rest[j + 1] else {
            return (nil, invalid("A resource name is required.", t.ranges[i + j + 1]))
        }
        let resource = AbsResource(module: module, resource: Resource(mode: mode, type: type, name: name))
        let remain = rest.count - (j + 2)
        if remain == 0 { return (.resource(resource), Diagnostics()) }
        if remain > 1 {
            return (nil, invalid("Unexpected extra operators after address.", t.ranges[i + j + 3]))
        }
        switch rest[j + 2] {
        case .index(let key):
            return (.instance(resource.instance(key)), Diagnostics())
        case .splat, .name:
            return (nil, invalid("Resource instance key must be given in square brackets.", t.ranges[i + j + 2]))
        }
    }

    /// Parses a module instance path such as `module.a["x"].module.b[0]` (the `module` field of state).
    public static func parseModuleInstance(_ text: String) -> (ModuleInstance?, Diagnostics) {
        if text.isEmpty { return (ModuleInstance(), Diagnostics()) }
        let (trav, diags) = traversal(text)
        guard let trav else { return (nil, diags) }
        var steps: [ModuleInstanceStep] = []
        var i = 0
        while i < trav.steps.count {
            guard trav.steps[i] == .name("module") else {
                return (nil, Diagnostics([.error("Invalid module instance address", "A module instance address must begin with \"module.\".", subject: trav.ranges[i])]))
            }
            guard i + 1 < trav.steps.count, case .name(let name) = trav.steps[i + 1] else {
                return (nil, Diagnostics([.error("Invalid address operator", "Prefix \"module.\" must be followed by a module name.", subject: trav.ranges[i])]))
            }
            var key = InstanceKey.none
            i += 2
            if i < trav.steps.count, case .index(let k) = trav.steps[i] {
                key = k
                i += 1
            }
            steps.append(ModuleInstanceStep(name: name, key: key))
        }
        return (ModuleInstance(steps), Diagnostics())
    }

    /// Parses an absolute resource instance address (a key is optional).
    public static func parseAbsResourceInstance(_ text: String) -> (AbsResourceInstance?, Diagnostics) {
        let (target, diags) = parseTarget(text)
        switch target {
        case .instance(let i): return (i, diags)
        case .resource(let r): return (r.instance(.none), diags)
        case .module:
            return (nil, invalid("A resource instance address is required here. The module path must be followed by a resource instance specification.", range(0, text.utf8.count)))
        case nil: return (nil, diags)
        }
    }

    /// Parses an absolute resource address (no instance key), as in `dependencies`.
    public static func parseAbsResource(_ text: String) -> (AbsResource?, Diagnostics) {
        let (target, diags) = parseTarget(text)
        switch target {
        case .resource(let r): return (r, diags)
        case .instance:
            return (nil, invalid("A resource address is required. This instance key identifies a specific resource instance, which is not expected here.", range(0, text.utf8.count)))
        case .module:
            return (nil, invalid("A resource address is required here. The module path must be followed by a resource specification.", range(0, text.utf8.count)))
        case nil: return (nil, diags)
        }
    }
}
