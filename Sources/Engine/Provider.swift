import Config
import HCL
import JSON
import Values

/// A path into a resource object (`tags["x"]`, `triggers_replace`), as providers
/// name the attribute a diagnostic or a replacement is about.
public struct AttributePath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case attribute(String)
        case key(String)
        case index(Int)
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) { self.steps = steps }

    public static func attribute(_ name: String) -> AttributePath { AttributePath([.attribute(name)]) }

    public var description: String {
        var s = ""
        for step in steps {
            switch step {
            case .attribute(let n): s += s.isEmpty ? n : "." + n
            case .key(let k): s += "[\(AddressQuoting.quoted(k))]"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}

/// A diagnostic from a provider: terraform's message plus, where known, the
/// attribute it is about (the engine turns that into a source range).
public struct ProviderDiagnostic: Sendable {
    public var severity: Diagnostic.Severity
    public var summary: String
    public var detail: String
    public var attribute: AttributePath?

    public init(_ severity: Diagnostic.Severity, _ summary: String, _ detail: String = "", attribute: AttributePath? = nil) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.attribute = attribute
    }

    public static func error(_ summary: String, _ detail: String = "", attribute: AttributePath? = nil) -> ProviderDiagnostic {
        ProviderDiagnostic(.error, summary, detail, attribute: attribute)
    }

    public var isError: Bool { severity == .error }
}

extension Array where Element == ProviderDiagnostic {
    public var hasErrors: Bool { contains { $0.isError } }
}

/// The messages of terraform's provider protocol v6, as Swift values. Values
/// are whole resource objects (`Value` of the schema's object type).
public enum ProviderMessages {
    public struct PlanResourceChangeRequest: Sendable {
        public var typeName: String
        public var priorState: Value
        public var proposedNewState: Value
        public var config: Value
        public var priorPrivate: [UInt8]?
        public init(typeName: String, priorState: Value, proposedNewState: Value, config: Value, priorPrivate: [UInt8]? = nil) {
            self.typeName = typeName
            self.priorState = priorState
            self.proposedNewState = proposedNewState
            self.config = config
            self.priorPrivate = priorPrivate
        }
    }

    public struct PlanResourceChangeResponse: Sendable {
        public var plannedState: Value
        public var requiresReplace: [AttributePath] = []
        public var plannedPrivate: [UInt8]?
        public var diagnostics: [ProviderDiagnostic] = []
        public init(plannedState: Value, requiresReplace: [AttributePath] = [], diagnostics: [ProviderDiagnostic] = []) {
            self.plannedState = plannedState
            self.requiresReplace = requiresReplace
            self.diagnostics = diagnostics
        }
    }

    public struct ApplyResourceChangeRequest: Sendable {
        public var typeName: String
        public var priorState: Value
        public var plannedState: Value
        public var config: Value
        public var plannedPrivate: [UInt8]?
        public init(typeName: String, priorState: Value, plannedState: Value, config: Value, plannedPrivate: [UInt8]? = nil) {
            self.typeName = typeName
            self.priorState = priorState
            self.plannedState = plannedState
            self.config = config
            self.plannedPrivate = plannedPrivate
        }
    }

    public struct ApplyResourceChangeResponse: Sendable {
        public var newState: Value
        public var privateData: [UInt8]?
        public var diagnostics: [ProviderDiagnostic] = []
        public init(newState: Value, diagnostics: [ProviderDiagnostic] = []) {
            self.newState = newState
            self.diagnostics = diagnostics
        }
    }

    public struct ReadResourceResponse: Sendable {
        /// Null when the remote object is gone (the engine then drops it from state).
        public var newState: Value
        public var diagnostics: [ProviderDiagnostic] = []
        public init(newState: Value, diagnostics: [ProviderDiagnostic] = []) {
            self.newState = newState
            self.diagnostics = diagnostics
        }
    }

    public struct ImportedResource: Sendable {
        public var typeName: String
        public var state: Value
        public init(typeName: String, state: Value) {
            self.typeName = typeName
            self.state = state
        }
    }
}

/// One provider, in process: terraform's provider protocol v6 as a Swift
/// protocol. Every call returns diagnostics instead of throwing, so a provider
/// failure becomes terraform's error message and never a crash.
public protocol Provider: AnyObject, Sendable {
    func schema() -> ProviderSchemaResponse
    func validateProviderConfig(_ config: Value) -> [ProviderDiagnostic]
    func validateResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic]
    func validateDataResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic]
    func configure(_ config: Value) -> [ProviderDiagnostic]
    func planResourceChange(_ request: ProviderMessages.PlanResourceChangeRequest) -> ProviderMessages.PlanResourceChangeResponse
    func applyResourceChange(_ request: ProviderMessages.ApplyResourceChangeRequest) -> ProviderMessages.ApplyResourceChangeResponse
    func readResource(typeName: String, currentState: Value, privateData: [UInt8]?) -> ProviderMessages.ReadResourceResponse
    func readDataSource(typeName: String, config: Value) -> (Value, [ProviderDiagnostic])
    func importResourceState(typeName: String, id: String) -> ([ProviderMessages.ImportedResource], [ProviderDiagnostic])
    /// Brings a stored object written under an older `schema_version` to the current schema.
    func upgradeResourceState(typeName: String, version: UInt64, rawState: JSONValue) -> (Value, [ProviderDiagnostic])
    /// Asks in-flight operations to finish early (Ctrl-C).
    func stop()
    /// True when plan, apply and read of this managed resource type never wait
    /// (no network, no sleeping): the engine then runs them on the walk's own
    /// thread, saving a thread hand-off per instance. Others run on the walk's
    /// provider threads, `-parallelism` at a time.
    func quickOperations(resourceType: String) -> Bool
}

extension Provider {
    public func validateProviderConfig(_ config: Value) -> [ProviderDiagnostic] { [] }
    public func validateDataResourceConfig(typeName: String, config: Value) -> [ProviderDiagnostic] { [] }
    public func configure(_ config: Value) -> [ProviderDiagnostic] { [] }
    public func stop() {}
    public func quickOperations(resourceType: String) -> Bool { false }

    /// The common case: the stored JSON already matches the current schema.
    public func upgradeResourceState(typeName: String, version: UInt64, rawState: JSONValue) -> (Value, [ProviderDiagnostic]) {
        guard let block = schema().resources[typeName]?.block else {
            return (.dynamicNull, [.error("Unknown resource type", "The provider does not support resource type \"\(typeName)\".")])
        }
        switch StateValueCodec.decode(rawState, as: block) {
        case .success(let v): return (v, [])
        case .failure(let e): return (.dynamicNull, [.error("Failed to decode resource state", e.message)])
        }
    }
}
