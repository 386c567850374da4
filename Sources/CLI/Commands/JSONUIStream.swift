import Config
import Engine
import Foundation
import HCL
import JSON
import State
import Values

/// terraform's machine-readable UI (`plan -json`, `apply -json`): one JSON
/// object per line with `@level`, `@message`, `@module` and `@timestamp`
/// first, then the message's own members in key order, as hclog writes them.
final class JSONUIStream: EngineHooks {
    let ctx: CommandContext
    var sources = SourceFiles()
    private let lock = NSLock()

    /// `apply_progress` every 10 seconds while an object is applied.
    private var heartbeat: ProgressHeartbeat!

    init(_ ctx: CommandContext, progressInterval: TimeInterval = ProgressHeartbeat.defaultInterval) {
        self.ctx = ctx
        heartbeat = ProgressHeartbeat(interval: progressInterval) { [weak self] address, action, elapsed in
            self?.applyProgress(address, action: action, elapsed: elapsed)
        }
    }

    /// terraform's apply_progress line: `ADDR: Still creating... [10s elapsed]`.
    func applyProgress(_ address: AbsResourceInstance, action: ChangeAction, elapsed: Int) {
        let verb = action == .read ? "refreshing" : ProgressHeartbeat.stillVerb(action)
        let hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "action", value: .string(JSONUIStream.actionName(action))),
                                  JSONMember(key: "elapsed_seconds", value: .number(elapsed))]
        emit("\(address): Still \(verb)... [\(ProgressHeartbeat.goDuration(elapsed)) elapsed]", type: "apply_progress",
             [JSONMember(key: "hook", value: .object(hook))])
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded(.down)) % 1_000_000
        let frac = String(micros)
        return f.string(from: date) + "." + String(repeating: "0", count: 6 - frac.count) + frac + "Z"
    }

    func emit(_ message: String, type: String, level: String = "info", _ members: [JSONMember] = []) {
        var all = members
        all.append(JSONMember(key: "type", value: .string(type)))
        all.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let line: JSONValue = .object([
            JSONMember(key: "@level", value: .string(level)),
            JSONMember(key: "@message", value: .string(message)),
            JSONMember(key: "@module", value: .string("terraform.ui")),
            JSONMember(key: "@timestamp", value: .string(JSONUIStream.timestamp())),
        ] + all)
        lock.lock()
        defer { lock.unlock() }
        ctx.out(line.compactString + "\n")
    }

    func version() {
        let v = StateFile.currentTerraformVersion
        emit("Terraform \(v)", type: "version", [JSONMember(key: "terraform", value: .string(v)), JSONMember(key: "ui", value: .string("1.2"))])
    }

    func diagnostics(_ diags: Diagnostics) {
        let renderer = DiagnosticRenderer(sources: sources, color: false)
        for d in diags {
            let isError = d.severity == .error
            emit((isError ? "Error: " : "Warning: ") + d.summary, type: "diagnostic", level: isError ? "error" : "warn",
                 [JSONMember(key: "diagnostic", value: renderer.json(d))])
        }
    }

    // MARK: Resource addresses and actions

    static func resourceAddr(_ a: AbsResourceInstance) -> JSONValue {
        let r = a.resource.resource
        let key: JSONValue
        switch a.key {
        case .none: key = .null
        case .int(let i): key = .number(i)
        case .string(let s): key = .string(s)
        }
        // The implied provider is the type's prefix up to the first underscore.
        let implied = r.type.split(separator: "_", maxSplits: 1).first.map(String.init) ?? r.type
        return .object([
            JSONMember(key: "addr", value: .string(a.description)),
            JSONMember(key: "module", value: .string(a.module.description)),
            JSONMember(key: "resource", value: .string(a.resource.description)),
            JSONMember(key: "implied_provider", value: .string(implied)),
            JSONMember(key: "resource_type", value: .string(r.type)),
            JSONMember(key: "resource_name", value: .string(r.name)),
            JSONMember(key: "resource_key", value: key),
        ])
    }

    static func actionName(_ a: ChangeAction) -> String {
        switch a {
        case .noOp: return "noop"
        case .create: return "create"
        case .update: return "update"
        case .delete: return "delete"
        case .deleteThenCreate, .createThenDelete: return "replace"
        case .read: return "read"
        case .forget: return "remove"
        }
    }

    /// The UI stream names the replacement reasons differently from the JSON plan; the rest are the same.
    static func reasonName(_ c: PlannedChange) -> String? {
        switch JSONPlan.actionReason(c) {
        case "replace_by_request": return "requested"
        case "replace_by_triggers": return "replace_triggered_by"
        case "replace_because_cannot_update": return "cannot_update"
        case "replace_because_tainted": return "tainted"
        case let reason: return reason
        }
    }

    // MARK: Plan

    /// resource_drift and planned_change lines, the change_summary, and the outputs line, as terraform logs a plan.
    func plan(_ plan: Plan) {
        // Move-only drift is logged by refresh-only plans alone; other plans log moves as planned changes.
        for d in plan.drift where d.action != .noOp || plan.isRefreshOnly {
            let (change, action) = JSONUIStream.changeObject(d)
            emit("\(d.address): Drift detected (\(action))", type: "resource_drift", [JSONMember(key: "change", value: change)])
        }
        plannedChanges(plan)
        changeSummary(add: plan.toAdd, change: plan.toChange, remove: plan.toDestroy, operation: "plan")
        if !plan.outputChanges.isEmpty {
            let outs = plan.outputChanges.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { o in
                JSONMember(key: o.name, value: .object([JSONMember(key: "sensitive", value: .bool(o.sensitive)),
                                                       JSONMember(key: "action", value: .string(JSONUIStream.actionName(o.action)))]))
            }
            emit("Outputs: \(outs.count)", type: "outputs", [JSONMember(key: "outputs", value: .object(outs))])
        }
    }

    /// One planned_change line per instance that changes (or moves).
    func plannedChanges(_ plan: Plan) {
        for c in plan.changes where c.isChange {
            let (change, action) = JSONUIStream.changeObject(c)
            emit("\(c.address): Plan to \(action)", type: "planned_change", [JSONMember(key: "change", value: change)])
        }
    }

    /// terraform's ResourceInstanceChange object, and its action name (`move` for a move alone).
    static func changeObject(_ c: PlannedChange) -> (JSONValue, String) {
        var action = actionName(c.action)
        var change: [JSONMember] = [JSONMember(key: "resource", value: resourceAddr(c.address))]
        if let prev = c.previousAddress {
            if c.action == .noOp { action = "move" }
            change.append(JSONMember(key: "previous_resource", value: resourceAddr(prev)))
        }
        change.append(JSONMember(key: "action", value: .string(action)))
        if let r = reasonName(c) { change.append(JSONMember(key: "reason", value: .string(r))) }
        return (.object(change), action)
    }

    func changeSummary(add: Int, change: Int, remove: Int, operation: String) {
        let message: String
        switch operation {
        case "apply": message = "Apply complete! Resources: \(add) added, \(change) changed, \(remove) destroyed."
        case "destroy": message = "Destroy complete! Resources: \(remove) destroyed."
        default: message = "Plan: \(add) to add, \(change) to change, \(remove) to destroy."
        }
        emit(message, type: "change_summary", [JSONMember(key: "changes", value: .object([
            JSONMember(key: "add", value: .number(add)), JSONMember(key: "change", value: .number(change)),
            JSONMember(key: "import", value: .number(0)), JSONMember(key: "remove", value: .number(remove)),
            JSONMember(key: "operation", value: .string(operation)),
        ]))])
    }

    /// The outputs line after apply: sensitive values are left out.
    func outputs(_ state: StateFile) {
        let outs = state.outputs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { o in
            var m: [JSONMember] = [JSONMember(key: "sensitive", value: .bool(o.sensitive)), JSONMember(key: "type", value: o.type)]
            if !o.sensitive { m.append(JSONMember(key: "value", value: o.value)) }
            return JSONMember(key: o.name, value: .object(m))
        }
        emit("Outputs: \(outs.count)", type: "outputs", [JSONMember(key: "outputs", value: .object(outs))])
    }

    // MARK: Hooks

    func refreshing(_ address: AbsResourceInstance, id: String) {
        let hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "id_key", value: .string("id")), JSONMember(key: "id_value", value: .string(id))]
        emit("\(address): Refreshing state... [id=\(id)]", type: "refresh_start", [JSONMember(key: "hook", value: .object(hook))])
    }

    func refreshed(_ address: AbsResourceInstance, id: String) {
        let hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "id_key", value: .string("id")), JSONMember(key: "id_value", value: .string(id))]
        emit("\(address): Refresh complete [id=\(id)]", type: "refresh_complete", [JSONMember(key: "hook", value: .object(hook))])
    }

    /// The `hook` members of apply_start/apply_complete, and the ` [id=...]` suffix of the message (when an id is given).
    static func applyHook(_ address: AbsResourceInstance, _ action: ChangeAction, id: String?) -> ([JSONMember], String) {
        var hook: [JSONMember] = [JSONMember(key: "resource", value: resourceAddr(address)),
                                  JSONMember(key: "action", value: .string(actionName(action)))]
        guard let id, !id.isEmpty else { return (hook, "") }
        hook.append(JSONMember(key: "id_key", value: .string("id")))
        hook.append(JSONMember(key: "id_value", value: .string(id)))
        return (hook, " [id=\(id)]")
    }

    func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?) {
        let verb: String
        switch action {
        case .create: verb = "Creating"
        case .update: verb = "Modifying"
        case .delete: verb = "Destroying"
        default: verb = "Applying"
        }
        let (hook, suffix) = JSONUIStream.applyHook(address, action, id: action == .create ? nil : id)
        emit("\(address): \(verb)...\(suffix)", type: "apply_start", [JSONMember(key: "hook", value: .object(hook))])
        heartbeat.start(address, action: action)
    }

    func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int) {
        heartbeat.stop(address)
        let noun = JSONUIStream.outcomeNoun(action)
        var (hook, suffix) = JSONUIStream.applyHook(address, action, id: action == .delete ? nil : id)
        hook.append(JSONMember(key: "elapsed_seconds", value: .number(seconds)))
        emit("\(address): \(noun) complete after \(seconds)s\(suffix)", type: "apply_complete", [JSONMember(key: "hook", value: .object(hook))])
    }

    /// terraform reports a data source read as an apply of action "read": "Refreshing..." then "Refresh complete".
    func readingData(_ address: AbsResourceInstance) {
        let hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "action", value: .string("read"))]
        emit("\(address): Refreshing...", type: "apply_start", [JSONMember(key: "hook", value: .object(hook))])
        heartbeat.start(address, action: .read)
    }

    func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int) {
        heartbeat.stop(address)
        var hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "action", value: .string("read"))]
        var suffix = ""
        if let id, !id.isEmpty {
            hook.append(JSONMember(key: "id_key", value: .string("id")))
            hook.append(JSONMember(key: "id_value", value: .string(id)))
            suffix = " [id=\(id)]"
        }
        hook.append(JSONMember(key: "elapsed_seconds", value: .number(seconds)))
        emit("\(address): Refresh complete after \(seconds)s\(suffix)", type: "apply_complete", [JSONMember(key: "hook", value: .object(hook))])
    }

    func provisionStarting(_ address: AbsResourceInstance, type: String) {
        emit("\(address): Provisioning with '\(type)'...", type: "provision_start", [JSONMember(key: "hook", value: JSONUIStream.provisionHook(address, type))])
    }

    func provisionOutput(_ address: AbsResourceInstance, type: String, message: String) {
        for line in ProvisionerOutput.lines(message) {
            emit("\(address): (\(type)): \(line)", type: "provision_progress",
                 [JSONMember(key: "hook", value: JSONUIStream.provisionHook(address, type, output: line))])
        }
    }

    func provisionFinished(_ address: AbsResourceInstance, type: String, errored: Bool) {
        emit("\(address): (\(type)) Provisioning \(errored ? "errored" : "complete")", type: errored ? "provision_errored" : "provision_complete",
             [JSONMember(key: "hook", value: JSONUIStream.provisionHook(address, type))])
    }

    static func provisionHook(_ address: AbsResourceInstance, _ type: String, output: String? = nil) -> JSONValue {
        var hook = [JSONMember(key: "resource", value: resourceAddr(address)), JSONMember(key: "provisioner", value: .string(type))]
        if let output { hook.append(JSONMember(key: "output", value: .string(output))) }
        return .object(hook)
    }

    /// `Creation`, `Modifications`, `Destruction`: how terraform names a finished (or failed) operation.
    static func outcomeNoun(_ action: ChangeAction) -> String {
        switch action {
        case .create: return "Creation"
        case .update: return "Modifications"
        case .delete: return "Destruction"
        default: return "Apply"
        }
    }

    func applyFailed(_ address: AbsResourceInstance, action: ChangeAction) {
        // Whole seconds since the start, as the progress ticks count them.
        let seconds = heartbeat.stop(address) ?? 0
        let noun = JSONUIStream.outcomeNoun(action)
        let hook: [JSONMember] = [JSONMember(key: "resource", value: JSONUIStream.resourceAddr(address)),
                                  JSONMember(key: "action", value: .string(JSONUIStream.actionName(action))),
                                  JSONMember(key: "elapsed_seconds", value: .number(seconds))]
        emit("\(address): \(noun) errored after \(seconds)s", type: "apply_errored", [JSONMember(key: "hook", value: .object(hook))])
    }
}
