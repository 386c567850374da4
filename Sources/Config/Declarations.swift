import HCL

/// `variable "name" { ... }`
public struct VariableDecl: Sendable {
    public var name: String
    public var declRange: SourceRange
    public var nameRange: SourceRange
    public var description: String?
    /// The type constraint expression, decoded into a type by the Values layer.
    public var typeExpression: Expression?
    public var defaultExpression: Expression?
    public var sensitive = false
    public var ephemeral = false
    public var nullable = true
    public var validations: [CheckRule] = []
    /// Which arguments an override file set, so merging only replaces those.
    var set: Set<String> = []
    /// The last override that changed the type or default, and which of the two it set:
    /// terraform re-checks the default there and words the error after what changed.
    var override: (declRange: SourceRange, type: Bool, default: Bool)?
}

/// `condition` + `error_message` of validation, precondition, postcondition and assert blocks.
public struct CheckRule: Sendable {
    public var kind: String
    public var condition: Expression?
    public var errorMessage: Expression?
    public var declRange: SourceRange
}

/// One entry of a `locals` block.
public struct LocalDecl: Sendable {
    public var name: String
    public var expression: Expression
    public var declRange: SourceRange
}

/// `output "name" { ... }`
public struct OutputDecl: Sendable {
    public var name: String
    public var declRange: SourceRange
    public var description: String?
    public var expression: Expression?
    public var sensitive = false
    public var ephemeral = false
    public var dependsOn: [Traversal] = []
    public var preconditions: [CheckRule] = []
    var set: Set<String> = []
}

/// Where a resource's `provider` argument points: `aws` or `aws.west`.
public struct ProviderConfigRef: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var alias: String?
    public var range: SourceRange

    public var description: String { alias.map { "\(name).\($0)" } ?? name }
}

public struct Lifecycle: Sendable {
    public var createBeforeDestroy = false
    public var createBeforeDestroySet = false
    public var preventDestroy = false
    public var ignoreAllChanges = false
    /// Attribute paths relative to the resource (`tags["x"]`, `user_data`).
    public var ignoreChanges: [[TraversalStep]] = []
    public var replaceTriggeredBy: [Expression] = []
    public var preconditions: [CheckRule] = []
    public var postconditions: [CheckRule] = []
}

public struct Provisioner: Sendable {
    public var type: String
    public var body: Body
    public var when: String = "create"
    public var onFailure: String = "fail"
    public var connection: Body?
    public var declRange: SourceRange
}

/// `resource`, `data` and `ephemeral` blocks.
public struct ResourceDecl: Sendable {
    public enum Mode: String, Sendable {
        case managed
        case data
        case ephemeral
    }

    public var mode: Mode
    public var type: String
    public var name: String
    public var declRange: SourceRange
    public var typeRange: SourceRange
    public var count: Expression?
    public var forEach: Expression?
    public var provider: ProviderConfigRef?
    public var dependsOn: [Traversal] = []
    public var lifecycle = Lifecycle()
    public var connection: Body?
    public var provisioners: [Provisioner] = []
    /// The body with the meta-arguments taken out: what the provider's schema decodes.
    public var config: Body
    /// Same-named blocks from override files, applied in order when the body is decoded.
    public var overrides: [ResourceDecl] = []

    /// `aws_instance.web`, `data.x.y`, `ephemeral.x.y`.
    public var address: String {
        switch mode {
        case .managed: return "\(type).\(name)"
        case .data: return "data.\(type).\(name)"
        case .ephemeral: return "ephemeral.\(type).\(name)"
        }
    }

    /// The provider local name implied by the type: the part before the first `_`.
    public var impliedProviderName: String {
        type.split(separator: "_", maxSplits: 1).first.map(String.init) ?? type
    }

    public var providerLocalName: String { provider?.name ?? impliedProviderName }
}

/// `module "name" { ... }`
public struct ModuleCallDecl: Sendable {
    public var name: String
    public var declRange: SourceRange
    /// The body's opening brace, where "missing argument" errors point.
    public var missingItemRange: SourceRange
    public var source: String?
    public var sourceRange: SourceRange?
    public var version: String?
    public var count: Expression?
    public var forEach: Expression?
    public var dependsOn: [Traversal] = []
    /// `providers = { aws = aws.west }`: child local name to parent config.
    public var providers: [(child: ProviderConfigRef, parent: ProviderConfigRef)] = []
    /// Every other argument: the child module's input variables.
    public var inputs: [Attribute] = []
}

/// `provider "name" { ... }`
public struct ProviderConfigDecl: Sendable {
    public var name: String
    public var alias: String?
    public var declRange: SourceRange
    public var nameRange: SourceRange
    public var version: String?
    public var config: Body

    public var key: String { alias.map { "\(name).\($0)" } ?? name }
}

/// One entry of `required_providers`.
public struct RequiredProvider: Sendable {
    public var localName: String
    public var source: String
    public var version: String?
    public var configurationAliases: [ProviderConfigRef] = []
    public var declRange: SourceRange
}

/// `backend "type" { ... }` inside `terraform`.
public struct BackendDecl: Sendable {
    public var type: String
    public var config: Body
    public var declRange: SourceRange
    public var typeRange: SourceRange
}

/// `moved { from = ... to = ... }`
public struct MovedDecl: Sendable {
    public var from: Traversal
    public var to: Traversal
    public var declRange: SourceRange
}

/// `removed { from = ... lifecycle { destroy = false } }`
public struct RemovedDecl: Sendable {
    public var from: Traversal
    public var destroy = true
    public var provisioners: [Provisioner] = []
    public var declRange: SourceRange
}

/// `import { to = ... id = ... for_each = ... provider = ... }`
public struct ImportDecl: Sendable {
    public var to: Expression
    public var id: Expression
    public var forEach: Expression?
    public var provider: ProviderConfigRef?
    public var declRange: SourceRange
}

/// `check "name" { data ... assert { ... } }`
public struct CheckDecl: Sendable {
    public var name: String
    public var dataResource: ResourceDecl?
    public var asserts: [CheckRule] = []
    public var declRange: SourceRange
}
