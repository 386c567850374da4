import Engine
import Foundation
import HCL
import State
import Values
import Config

/// `apply FILE`: carries out a saved plan as it was made, without planning or
/// asking again, once the plan is known to fit the state and configuration.
enum ApplySavedPlan {
    static func run(_ ctx: CommandContext, _ parsed: ParsedFlags, path: String, color: Bool) -> Int32 {
        var op = Operation(ctx: ctx, color: color, parsed: parsed)
        if parsed.bool("json") { op.startJSON() }
        let saved: SavedPlan
        switch SavedPlanIO.read(path, ctx) {
        case .plan(let p): saved = p
        case .notAPlan:
            op.render(Diagnostics([.error("Failed to load \"\(path)\" as a plan file",
                                          "Error: the given file is not a saved plan; create one with \"plan -out=FILE\".")]))
            return 1
        case .failed(let d):
            op.render(d)
            return 1
        }
        if saved.errored {
            op.render(Diagnostics([.error("Cannot apply incomplete plan",
                                          "Terraform encountered an error when generating this plan, so it cannot be applied.")]))
            return 1
        }
        op.savedSetVariables = saved.setVariables
        guard let engine = op.engine(savedVariables: saved.variables) else { return 1 }
        let configDiags = saved.configurationCheck(op.configFiles)
        if configDiags.hasErrors {
            op.render(configDiags)
            return 1
        }
        guard let (store, lockID, current) = op.openState(operation: "OperationTypeApply") else { return 1 }
        defer { op.unlock(store, lockID) }
        let stateDiags = saved.stateCheck(current: current)
        if stateDiags.hasErrors {
            op.render(stateDiags)
            return 1
        }
        let prepDiags = engine.prepareApply(saved.plan)
        if prepDiags.hasErrors {
            op.render(prepDiags)
            return 1
        }
        engine.hooks = (op.jsonUI as EngineHooks?) ?? OperationProgress(ctx, color: op.color)
        op.jsonUI?.plannedChanges(saved.plan)
        var plan = saved.plan
        // The state to change is the one just read (the same snapshot: lineage and serial were checked),
        // unless refreshing changed it while planning: then the refreshed objects are what apply records.
        if let refreshed = plan.priorState, let current, refreshed.sameContent(as: current) || refreshed.lineage != current.lineage {
            plan.priorState = current
        } else if plan.priorState == nil {
            plan.priorState = current
        }
        return op.execute(engine, plan, store: store, prior: current, destroyWording: false)
    }
}

extension Operation {
    /// Switches diagnostics and progress to the `-json` stream and logs the version line.
    /// The plan text, coloured unless -no-color.
    func planText(_ plan: Plan, errored: Bool = false) -> String {
        colored(PlanRenderer.render(plan, relevant: relevantAttributes(plan), errored: errored, color: color))
    }

    /// terraform's relevant attributes of a plan, which decide the drift a normal plan shows.
    func relevantAttributes(_ plan: Plan) -> [RelevantAttribute] {
        guard let tree, !plan.drift.isEmpty else { return [] }
        let json = JSONPlan(saved: SavedPlan(plan: plan, variables: [:], configFiles: [:]), tree: tree, registry: ProviderRegistry())
        return JSONPlan.relevantAttributeList(json.relevantAttributes(tree))
    }

    func colored(_ planText: String) -> String {
        color ? PlanColor.plan(planText) : planText
    }

    mutating func startJSON() {
        jsonUI = JSONUIStream(ctx)
        jsonUI?.version()
    }

    /// Applies `plan`, persisting state after each change, then prints the closing lines and outputs.
    func execute(_ engine: Engine, _ plan: Plan, store: StateStore, prior: StateFile?, destroyWording: Bool) -> Int32 {
        var last = prior
        let (final, diags) = engine.apply(plan) { snapshot in
            // Outputs are kept sorted by name, as a state read back has them.
            var state = snapshot
            state.outputs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            // An unchanged snapshot is not written again (its serial would otherwise fall back to the document's own).
            if let last, state.sameContent(as: last), state.lineage == last.lineage { return nil }
            let next = state.preparedForWrite(after: last)
            switch store.write(next) {
            case .success:
                last = next
                return nil
            case .failure(let e):
                return "\(e)"
            }
        }
        if diags.hasErrors {
            render(diags)
            return 1
        }
        if !diags.isEmpty { render(diags) }
        // What apply really did (terraform counts completed operations, not the plan's intent).
        let added = engine.applied.added, changed = engine.applied.changed, destroyed = engine.applied.destroyed
        if let ui = jsonUI {
            ui.changeSummary(add: added, change: changed, remove: destroyed, operation: destroyWording ? "destroy" : "apply")
            if !destroyWording { ui.outputs(final) }
            return 0
        }
        if destroyWording {
            let line = "Destroy complete! Resources: \(destroyed) destroyed."
            ctx.out(color ? PlanColor.summary(line) : "\n" + line + "\n")
        } else {
            let imported = engine.applied.imported > 0 ? "\(engine.applied.imported) imported, " : ""
            let line = "Apply complete! Resources: \(imported)\(added) added, \(changed) changed, \(destroyed) destroyed."
            ctx.out(color ? PlanColor.summary(line) : "\n" + line + "\n")
            if !plan.isDestroy { printOutputs(final) }
        }
        return 0
    }
}

/// terraform's checks of variable values given to `apply FILE`: a `-var` or
/// `-var-file` value that differs from the plan's is an error, one from the
/// environment a warning, one from an automatically loaded file is ignored.
enum SavedPlanVariables {
    static func check(saved: [String: Value], setNames: Set<String>, ctx: CommandContext, root: String, parsed: ParsedFlags,
                      declarations: [String: VariableDecl], sources: inout SourceFiles) -> Diagnostics {
        let occurrences = parsed.occurrences.filter { $0.name == "var" || $0.name == "var-file" }
        let (raw, collectDiags) = InputVariables.collect(rootDirectory: root, environment: ctx.environment,
                                                         occurrences: occurrences, sources: &sources)
        var diags = collectDiags
        if collectDiags.hasErrors { return diags }
        // Variables the plan's caller did not set count as undeclared here, as in terraform.
        let (values, undeclared) = InputVariables.finalize(raw, declarations: declarations.filter { setNames.contains($0.key) }, requireAll: false)
        diags += undeclared
        for name in raw.keys.sorted() where setNames.contains(name) {
            guard let given = raw[name], let planned = saved[name], let now = values[name] else { continue }
            if now.unmarkedDeep().0.rawEquals(planned.unmarkedDeep().0) { continue }
            let plannedText = compact(planned), nowText = compact(now)
            switch given.source {
            case .autoFile, .interactive:
                continue
            case .environment:
                diags += .warning("Ignoring variable when applying a saved plan",
                                  "The variable \(name) cannot be overriden when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. The saved plan specifies \(plannedText) as the value whereas during apply the value \(nowText) was set by an environment variable. To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.")
            case .commandLine, .namedFile:
                let how = given.source == .commandLine ? "set by a CLI argument" : "set by a .tfvars file passed through -var-file argument"
                diags += .error("Can't change variable when applying a saved plan",
                                "The variable \(name) cannot be set using the -var and -var-file options when applying a saved plan file, because a saved plan includes the variable values that were set when it was created. The saved plan specifies \(plannedText) as the value whereas during apply the value \(nowText) was \(how). To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.",
                                subject: given.range)
            }
        }
        return diags
    }

    /// terraform's one-line summary of a value for messages (never a sensitive one's content).
    static func compact(_ v0: Value) -> String {
        let (v, marks) = v0.unmarked()
        if marks.contains(.sensitive) { return "(sensitive value)" }
        if v.isNull { return "null" }
        if !v.isKnown { return "(not yet known)" }
        switch v.content {
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.intValue.map(String.init) ?? n.description
        case .string(let s): return GoQuote.quote(s)
        case .elements(let items):
            let kind: String
            switch v.type {
            case .set: kind = "set"
            case .tuple: kind = "tuple"
            default: kind = "list"
            }
            if items.isEmpty { return "empty \(kind)" }
            return "\(kind) of \(items.count) element" + (items.count == 1 ? "" : "s")
        case .attributes(let attrs):
            if attrs.isEmpty { return v.type.isMap ? "empty map" : "object with no attributes" }
            if v.type.isMap { return "map of \(attrs.count) element" + (attrs.count == 1 ? "" : "s") }
            return "object with \(attrs.count) attribute" + (attrs.count == 1 ? "" : "s")
        default: return "value"
        }
    }
}
