import Config
import State
import Values

/// What a plan intends for one object.
public enum ChangeAction: String, Sendable {
    case noOp = "no-op"
    case create
    case update
    case deleteThenCreate = "delete-then-create"
    case createThenDelete = "create-then-delete"
    case delete
    /// A data source read during apply because its configuration is not known yet.
    case read
    /// Dropped from state without destroying the object (`removed` with `destroy = false`).
    case forget
}

extension ChangeAction {
    public var isReplace: Bool { self == .deleteThenCreate || self == .createThenDelete }
}

/// Why terraform chose an action it explains under the header line.
public enum ChangeReason: Sendable, Equatable {
    case countIndexOutOfRange
    case eachKeyNotFound
    case noResourceConfig
    case noCountExpected
    case countExpected
    case noForEachExpected
    case forEachExpected
    /// The instance's module instance is gone from the configuration.
    case noModule
    case readBecauseConfigUnknown
    case readBecauseDependencyPending
    case replaceByRequest
    case replaceByTriggers
    /// A create-time provisioner failed (or `taint` was used) on the object in state.
    case replaceBecauseTainted
}

/// One resource instance's planned change.
public struct PlannedChange: Sendable {
    public var address: AbsResourceInstance
    public var action: ChangeAction
    /// Null when the object does not exist yet.
    public var before: Value
    /// Null when the object goes away; unknowns where apply decides.
    public var after: Value
    public var requiresReplace: [AttributePath]
    public var reason: ChangeReason?
    /// `provider["terraform.io/builtin/terraform"]`
    public var providerAddress: String
    public var providerSource: String
    public var schema: ResourceSchema
    /// Where the object was recorded before an implicit move (`a` -> `a[0]` when `count` is added).
    public var previousAddress: AbsResourceInstance?
    /// The ID an `import` block imports this object with; the object is in `before`.
    public var importID: String?

    public init(address: AbsResourceInstance, action: ChangeAction, before: Value, after: Value, requiresReplace: [AttributePath] = [],
                reason: ChangeReason? = nil, providerAddress: String, providerSource: String, schema: ResourceSchema) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.requiresReplace = requiresReplace
        self.reason = reason
        self.providerAddress = providerAddress
        self.providerSource = providerSource
        self.schema = schema
    }

    public var isChange: Bool { action != .noOp || previousAddress != nil || importID != nil }
}

public struct OutputChange: Sendable {
    public var name: String
    public var action: ChangeAction
    public var before: Value
    public var after: Value
    public var sensitive: Bool

    public init(name: String, action: ChangeAction, before: Value, after: Value, sensitive: Bool) {
        self.name = name
        self.action = action
        self.before = before
        self.after = after
        self.sensitive = sensitive
    }
}

/// The result of planning: every instance's change (sorted by address),
/// output changes, and the state it was planned against.
public struct Plan: Sendable {
    public var changes: [PlannedChange]
    public var outputChanges: [OutputChange]
    public var priorState: StateFile?
    public var isDestroy: Bool
    /// Planning stopped on an error of the plan walk itself (a failed condition, a provider error):
    /// terraform then says "Planning failed." when it has no changes to show.
    public var errored = false
    /// `-refresh-only`: no resource changes, only refreshed objects and output values.
    public var isRefreshOnly = false
    /// Condition results found while planning (unknown where apply decides).
    public var checkResults: [CheckResult]?
    /// Data sources read while planning (their results, not changes).
    public var readData: [PlannedChange] = []
    /// Objects that refreshing found changed (`update`), gone (`delete`) or only
    /// moved (`noOp` with a previous address) since the last run, before -> after.
    public var drift: [PlannedChange] = []

    public init(changes: [PlannedChange], outputChanges: [OutputChange], priorState: StateFile?, isDestroy: Bool) {
        self.changes = changes
        self.outputChanges = outputChanges
        self.priorState = priorState
        self.isDestroy = isDestroy
    }

    public var toImport: Int { changes.filter { $0.importID != nil }.count }
    public var toAdd: Int { changes.filter { $0.action == .create || $0.action.isReplace }.count }
    public var toChange: Int { changes.filter { $0.action == .update }.count }
    public var toDestroy: Int { changes.filter { $0.action == .delete || $0.action.isReplace }.count }

    public var hasResourceChanges: Bool { changes.contains { $0.isChange } }
    public var hasOutputChanges: Bool { outputChanges.contains { $0.action != .noOp } }
    public var hasChanges: Bool { hasResourceChanges || hasOutputChanges || (isRefreshOnly && hasDrift) }
    /// Refreshing changed the state in a way terraform counts (a refresh-only plan is then applyable).
    public var hasDrift: Bool { drift.contains { $0.action != .noOp } }
}
