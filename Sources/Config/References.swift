import HCL

/// What an expression refers to, classified as terraform classifies traversals.
public struct Reference: Sendable {
    public enum Subject: Sendable, Hashable {
        case inputVariable(String)
        case localValue(String)
        case moduleCall(String)
        /// `module.x.out` (the instance key, if any, is not kept).
        case moduleOutput(call: String, output: String)
        case resource(mode: ResourceDecl.Mode, type: String, name: String, hasKey: Bool)
        case countAttribute(String)
        case eachAttribute(String)
        case pathAttribute(String)
        case terraformAttribute(String)
        case selfObject
    }

    public var subject: Subject
    /// The part of the source naming the subject (what terraform highlights).
    public var range: SourceRange
    /// The steps after the subject.
    public var remaining: [TraversalStep]
    /// The last step that named the subject (`.out` of `module.m.out`).
    public var lastStepRange: SourceRange? = nil
}

/// Terraform's reserved root names that are not resource types.
private let reservedRoots: Set<String> = ["template", "lazy", "arg"]

public enum ReferenceParser {
    /// Classifies one traversal; nil with diagnostics when it is malformed.
    public static func parse(_ t: Traversal) -> (Reference?, Diagnostics) {
        let root = t.rootName
        func fullRange() -> SourceRange { t.steps.last.map { t.rootRange.through($0.range) } ?? t.rootRange }
        func singleAttr() -> (String, SourceRange, [TraversalStep])? {
            guard let first = t.steps.first else { return nil }
            guard case .attribute(let name) = first.kind else { return nil }
            return (name, t.rootRange.through(first.range), Array(t.steps.dropFirst()))
        }
        func singleAttrError() -> Diagnostics {
            if t.steps.isEmpty {
                return Diagnostics([.error("Invalid reference", "The \"\(root)\" object cannot be accessed directly. Instead, access one of its attributes.", subject: t.rootRange)])
            }
            return Diagnostics([.error("Invalid reference", "The \"\(root)\" object does not support this operation.", subject: t.steps[0].range)])
        }
        switch root {
        case "count", "each", "local", "path", "terraform", "var":
            guard let (name, range, rest) = singleAttr() else { return (nil, singleAttrError()) }
            let subject: Reference.Subject
            switch root {
            case "count": subject = .countAttribute(name)
            case "each": subject = .eachAttribute(name)
            case "local": subject = .localValue(name)
            case "path": subject = .pathAttribute(name)
            case "terraform": subject = .terraformAttribute(name)
            default: subject = .inputVariable(name)
            }
            return (Reference(subject: subject, range: range, remaining: rest), Diagnostics())
        case "module":
            guard let (name, range, rest) = singleAttr() else { return (nil, singleAttrError()) }
            var remaining = rest[...]
            var rangeSoFar = range
            if let first = remaining.first, case .index = first.kind {
                rangeSoFar = rangeSoFar.through(first.range)
                remaining = remaining.dropFirst()
            }
            guard let next = remaining.first else {
                return (Reference(subject: .moduleCall(name), range: rangeSoFar, remaining: []), Diagnostics())
            }
            guard case .attribute(let output) = next.kind else {
                return (nil, Diagnostics([.error("Invalid reference", "Module instance objects do not support this operation.", subject: next.range)]))
            }
            return (Reference(subject: .moduleOutput(call: name, output: output), range: rangeSoFar.through(next.range),
                              remaining: Array(remaining.dropFirst()), lastStepRange: next.range), Diagnostics())
        case "self":
            return (Reference(subject: .selfObject, range: t.rootRange, remaining: t.steps), Diagnostics())
        case "data", "resource", "ephemeral":
            guard t.steps.count >= 2, case .attribute(let type) = t.steps[0].kind, case .attribute(let name) = t.steps[1].kind else {
                let what = root == "data" ? "data source type" : (root == "ephemeral" ? "ephemeral resource type" : "resource type")
                return (nil, Diagnostics([.error("Invalid reference", "The \"\(root)\" object must be followed by two attribute names: the \(what) and the resource name.", subject: fullRange())]))
            }
            let mode: ResourceDecl.Mode = root == "data" ? .data : (root == "ephemeral" ? .ephemeral : .managed)
            return resourceRef(mode: mode, type: type, name: name, start: t.rootRange, nameRange: t.steps[1].range, rest: Array(t.steps.dropFirst(2)))
        default:
            if reservedRoots.contains(root) {
                return (nil, Diagnostics([.error("Reserved symbol name", "The symbol name \"\(root)\" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix \"resource.\" to force interpretation as a resource type name.", subject: t.rootRange)]))
            }
            guard let first = t.steps.first else {
                return (nil, Diagnostics([.error("Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", subject: t.rootRange)]))
            }
            guard case .attribute(let name) = first.kind else {
                return (nil, Diagnostics([.error("Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", subject: first.range)]))
            }
            return resourceRef(mode: .managed, type: root, name: name, start: t.rootRange, nameRange: first.range, rest: Array(t.steps.dropFirst()))
        }
    }

    private static func resourceRef(mode: ResourceDecl.Mode, type: String, name: String, start: SourceRange, nameRange: SourceRange,
                                    rest: [TraversalStep]) -> (Reference?, Diagnostics) {
        var range = start.through(nameRange)
        var remaining = rest[...]
        var hasKey = false
        if let first = remaining.first, case .index = first.kind {
            hasKey = true
            range = range.through(first.range)
            remaining = remaining.dropFirst()
        }
        return (Reference(subject: .resource(mode: mode, type: type, name: name, hasKey: hasKey), range: range,
                          remaining: Array(remaining)), Diagnostics())
    }

    /// Every reference in an expression (hcl's `Variables()`).
    public static func traversals(in expr: Expression) -> [Traversal] { expr.variables }
}
