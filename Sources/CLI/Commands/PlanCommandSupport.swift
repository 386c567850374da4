import Config
import Engine
import Foundation
import HCL
import JSON
import ProviderLocal
import ProviderNull
import ProviderRandom
import ProviderTerraform
import State
import Values

/// The providers this build carries, by source address.
enum BuiltinProviders {
    static func registry(workingDirectory: String = FileManager.default.currentDirectoryPath,
                         environment: [String: String] = [:]) -> ProviderRegistry {
        let r = ProviderRegistry()
        r.register(TerraformProvider.source) { TerraformProvider(workingDirectory: workingDirectory, environment: environment) }
        r.register(RandomProvider.source) { RandomProvider() }
        r.register(LocalProvider.source) { LocalProvider(workingDirectory: workingDirectory) }
        r.register(NullProvider.source) { NullProvider() }
        return r
    }
}

/// Prints the engine's progress the way terraform's UI hook does.
final class OperationProgress: EngineHooks {
    let ctx: CommandContext
    let color: Bool
    /// The `Still creating... [10s elapsed]` lines, printed from a timer while the engine works.
    private var heartbeat: ProgressHeartbeat!
    private var ids: [AbsResourceInstance: String] = [:]
    private let lock = NSLock()

    init(_ ctx: CommandContext, color: Bool = false, progressInterval: TimeInterval = ProgressHeartbeat.defaultInterval) {
        self.ctx = ctx
        self.color = color
        heartbeat = ProgressHeartbeat(interval: progressInterval) { [weak self] address, action, elapsed in
            guard let self else { return }
            self.lock.lock()
            let id = self.ids[address]
            self.lock.unlock()
            let idPart = id.map { "id=\($0), " } ?? ""
            self.line("\(address): Still \(ProgressHeartbeat.stillVerb(action))... [\(idPart)\(ProgressHeartbeat.goDuration(elapsed)) elapsed]", starting: true)
        }
    }

    /// One progress line; terraform's coloured form is bold, and lines that start an operation end with a second reset.
    /// Heartbeat ticks print from a timer thread, hence the lock.
    private func line(_ text: String, starting: Bool) {
        lock.lock()
        defer { lock.unlock() }
        ctx.out((color ? PlanColor.progress(text, starting: starting) : text) + "\n")
    }

    private func startTicking(_ address: AbsResourceInstance, _ action: ChangeAction, id: String?) {
        lock.lock()
        ids[address] = id.flatMap { $0.isEmpty ? nil : String($0.prefix(80)) }
        lock.unlock()
        heartbeat.start(address, action: action)
    }

    private func stopTicking(_ address: AbsResourceInstance) {
        heartbeat.stop(address)
    }

    func applyFailed(_ address: AbsResourceInstance, action: ChangeAction) {
        stopTicking(address)
    }

    func refreshing(_ address: AbsResourceInstance, id: String) {
        line("\(address): Refreshing state... [id=\(id)]", starting: false)
    }

    func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?) {
        switch action {
        case .create: line("\(address): Creating...", starting: true)
        case .update: line("\(address): Modifying... [id=\(id ?? "")]", starting: true)
        case .delete: line("\(address): Destroying... [id=\(id ?? "")]", starting: true)
        default: return
        }
        startTicking(address, action, id: action == .create ? nil : id)
    }

    func destroyingDeposed(_ address: AbsResourceInstance, key: String, id: String?) {
        line("\(address) (deposed object \(key)): Destroying... [id=\(id ?? "")]", starting: true)
        startTicking(address, .delete, id: id)
    }

    func destroyedDeposed(_ address: AbsResourceInstance, key: String, seconds: Int) {
        // terraform names the instance alone once the deposed object is gone.
        stopTicking(address)
        line("\(address): Destruction complete after \(seconds)s", starting: false)
    }

    func preparingImport(_ address: AbsResourceInstance, id: String) {
        line("\(address): Preparing import... [id=\(id)]", starting: true)
    }

    func importing(_ address: AbsResourceInstance, id: String) {
        line("\(address): Importing... [id=\(id)]", starting: true)
    }

    func importComplete(_ address: AbsResourceInstance, id: String) {
        line("\(address): Import complete [id=\(id)]", starting: false)
    }

    func importingFrom(_ address: AbsResourceInstance, id: String) {
        line("\(address): Importing from ID \(GoQuote.quote(id))...", starting: true)
    }

    func importPrepared(_ address: AbsResourceInstance, types: [String]) {
        ctx.out("\(address): Import prepared!\n" + types.map { "  Prepared \($0) for import\n" }.joined())
    }

    func readingData(_ address: AbsResourceInstance) {
        line("\(address): Reading...", starting: true)
        startTicking(address, .read, id: nil)
    }

    func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int) {
        stopTicking(address)
        line("\(address): Read complete after \(seconds)s" + (id.map { " [id=\($0)]" } ?? ""), starting: false)
    }

    func provisionStarting(_ address: AbsResourceInstance, type: String) {
        line("\(address): Provisioning with '\(type)'...", starting: true)
    }

    /// Each piece of output under the `ADDR (TYPE): ` prefix; a blank message prints an empty line, as terraform's does.
    func provisionOutput(_ address: AbsResourceInstance, type: String, message: String) {
        let prefix = color ? "\(PlanColor.reset)\(PlanColor.bold)\(address) (\(type)):\(PlanColor.reset) \(PlanColor.reset)" : "\(address) (\(type)): "
        let text = ProvisionerOutput.lines(message).map { prefix + $0 }.joined(separator: "\n") + "\n"
        lock.lock()
        defer { lock.unlock() }
        ctx.out(text)
    }

    func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int) {
        stopTicking(address)
        switch action {
        case .create: line("\(address): Creation complete after \(seconds)s [id=\(id ?? "")]", starting: false)
        case .update: line("\(address): Modifications complete after \(seconds)s [id=\(id ?? "")]", starting: false)
        case .delete: line("\(address): Destruction complete after \(seconds)s", starting: false)
        default: break
        }
    }
}

/// What plan, apply, destroy and refresh share: flags, loading the
/// configuration and variables, the locked state, and the engine.
struct Operation {
    let ctx: CommandContext
    var color: Bool
    var parsed: ParsedFlags
    var sources = SourceFiles()
    /// Set by `engine()`: the variable values and configuration files, as a saved plan keeps them.
    var variableValues: [String: Value] = [:]
    var configFiles: [String: String] = [:]
    var setVariables: Set<String> = []
    /// For `apply FILE`: the names the plan's caller set.
    var savedSetVariables: Set<String> = []
    /// Set by `engine()`: the loaded configuration (for the attributes drift is relevant to).
    var tree: ConfigTree?
    /// The command's words (`plan`, `apply`, `destroy`) for the `-help` pointer after a bad -target or -replace.
    var helpPath: String?

    static func flags(_ command: String) -> FlagSet {
        var f = FlagSet(command: command)
        f.bool("no-color")
        f.bool("auto-approve")
        f.bool("input", default: true)
        f.bool("lock", default: true)
        f.duration("lock-timeout")
        f.bool("refresh", default: true)
        f.bool("refresh-only")
        f.bool("destroy")
        f.bool("compact-warnings")
        f.int("parallelism", default: 10)
        f.list("var")
        f.list("var-file")
        f.list("replace")
        f.list("target")
        f.string("state")
        f.string("state-out")
        f.string("backup")
        return f
    }

    /// Set for `-json`: diagnostics and progress go to terraform's machine-readable stream.
    var jsonUI: JSONUIStream?

    /// What parsing an operation command's flags gives: the operation, or the exit code after help or a flag error.
    enum Start {
        case ready(Operation)
        case exit(Int32)
    }

    /// Parses the operation flags of command `C` (with the command's own added by `extra`)
    /// and sets up the operation, colour from `-no-color`.
    static func start<C: Command>(_ ctx: CommandContext, _ args: [String], for command: C.Type,
                                  extra: (inout FlagSet) -> Void = { _ in }) -> Start {
        var flags = Operation.flags(C.path.joined(separator: " "))
        extra(&flags)
        switch ctx.parseFlags(flags, args, for: C.self, color: !args.contains("-no-color")) {
        case .parsed(let parsed):
            var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
            op.helpPath = C.path.joined(separator: " ")
            return .ready(op)
        case .exit(let code): return .exit(code)
        }
    }

    /// An engine ready to work on the locked state.
    struct Prepared {
        let engine: Engine
        let store: StateStore
        let lockID: String?
        let prior: StateFile?
    }

    /// Loads the configuration and variables, opens and locks the state, and points the
    /// engine's progress at the JSON stream or the terminal. Nil after printing errors;
    /// the caller unlocks with `unlock(prepared)`.
    mutating func prepare(operation: String, progressColor: Bool? = nil) -> Prepared? {
        guard let engine = engine() else { return nil }
        guard let (store, lockID, prior) = openState(operation: operation) else { return nil }
        engine.hooks = (jsonUI as EngineHooks?) ?? OperationProgress(ctx, color: progressColor ?? color)
        return Prepared(engine: engine, store: store, lockID: lockID, prior: prior)
    }

    func unlock(_ prepared: Prepared) {
        unlock(prepared.store, prepared.lockID)
    }

    func render(_ diags: Diagnostics) {
        if let ui = jsonUI {
            ui.sources = sources
            ui.diagnostics(diags)
            return
        }
        ctx.render(diags, color: color, sources: sources)
    }

    /// `TF_INPUT=0` (or any false value Go's ParseBool knows) acts as -input=false.
    var inputDisabledByEnvironment: Bool {
        ["0", "f", "F", "false", "FALSE", "False"].contains(ctx.environment["TF_INPUT"] ?? "")
    }

    /// The engine with configuration and variables loaded; nil after printing errors.
    /// `savedVariables`: the values a saved plan was made with, used instead of collecting them.
    mutating func engine(savedVariables: [String: Value]? = nil) -> Engine? {
        let root = ctx.workingDirectory
        let (tree, treeSources, loadDiags) = ConfigTree.load(rootDirectory: root)
        sources = treeSources
        configFiles = SavedPlan.configSnapshot(treeSources, rootDirectory: root)
        self.tree = tree
        if loadDiags.hasErrors {
            render(loadDiags)
            return nil
        }
        // -var and -var-file count in the order they were given.
        var diags = loadDiags
        if let savedVariables {
            // A saved plan carries the values it was made with; values given now may only repeat them.
            diags += SavedPlanVariables.check(saved: savedVariables, setNames: savedSetVariables, ctx: ctx, root: root, parsed: parsed,
                                              declarations: tree.module.variables, sources: &sources)
            if diags.hasErrors {
                render(diags)
                return nil
            }
            if !diags.isEmpty { render(diags) }
            variableValues = savedVariables
            let workspace = WorkingDirectory(path: root, environment: ctx.environment).currentWorkspace()
            let settings = Engine.Settings(rootDirectory: root, workingDirectory: root, workspace: workspace, variables: savedVariables,
                                           environment: ctx.environment)
            let engine = Engine(tree: tree, settings: settings, registry: BuiltinProviders.registry(workingDirectory: root, environment: ctx.environment), hooks: nil)
            return prepareWalk(engine) ? engine : nil
        }
        // Configuration warnings are reported with the plan's diagnostics, as terraform does.
        let configWarnings = diags
        diags = Diagnostics()
        let occurrences = parsed.occurrences.filter { $0.name == "var" || $0.name == "var-file" }
        let (raw, collectDiags) = InputVariables.collect(rootDirectory: root, environment: ctx.environment,
                                                         occurrences: occurrences, sources: &sources)
        diags += collectDiags
        // terraform stops once a variables file cannot be read; it never asks for or checks the values then.
        if collectDiags.hasErrors {
            render(diags)
            return nil
        }
        var given = raw
        if parsed.bool("input") && !inputDisabledByEnvironment {
            InputVariables.promptForMissing(&given, declarations: tree.module.variables, color: color) { prompt in
                ctx.out(prompt)
                guard let line = ctx.readLine() else { return nil }
                ctx.out("\n")
                // terraform trims only trailing space from the line.
                var text = Substring(line)
                while let last = text.last, last.isWhitespace { text = text.dropLast() }
                return String(text)
            }
        }
        setVariables = Set(given.keys).intersection(tree.module.variables.keys)
        let (values, varDiags) = InputVariables.finalize(given, declarations: tree.module.variables)
        diags += varDiags
        if diags.hasErrors {
            var all = configWarnings
            all += diags
            render(all)
            return nil
        }
        // Warnings about the values (undeclared variables in files) come with the plan's diagnostics too.
        let variableWarnings = diags
        variableValues = values
        let workspace = WorkingDirectory(path: root, environment: ctx.environment).currentWorkspace()
        var settings = Engine.Settings(rootDirectory: root, workingDirectory: root, workspace: workspace, variables: values)
        settings.environment = ctx.environment
        settings.variableRanges = given.compactMapValues { [.autoFile, .namedFile].contains($0.source) ? $0.range : nil }
        let engine = Engine(tree: tree, settings: settings, registry: BuiltinProviders.registry(workingDirectory: root, environment: ctx.environment), hooks: nil)
        engine.configWarnings = configWarnings
        engine.configWarnings += variableWarnings
        var addressDiags = Diagnostics()
        for raw in parsed.list("replace") {
            let (addr, ds) = AddressParser.parseAbsResourceInstance(raw)
            if let addr, !ds.hasErrors {
                if addr.resource.resource.mode != .managed {
                    addressDiags += .error("Invalid force-replace address \"\(raw)\"", "Only managed resources can be used with the -replace=... option.")
                } else {
                    engine.forceReplace.insert(addr)
                }
            } else {
                addressDiags += .error("Invalid force-replace address \"\(raw)\"", ds.items.first?.detail ?? "")
            }
        }
        for raw in parsed.list("target") {
            let (target, ds) = AddressParser.parseTarget(raw)
            if let target, !ds.hasErrors {
                engine.targets.append(target)
            } else {
                addressDiags += .error("Invalid target \"\(raw)\"", ds.items.first?.detail ?? "")
            }
        }
        if addressDiags.hasErrors {
            render(addressDiags)
            if jsonUI == nil, let helpPath {
                ctx.err("\nFor more help on using this command, run:\n  \(ctx.programName) \(helpPath) -help\n")
            }
            return nil
        }
        // terraform validates the configuration before planning; what fails there is reported alone.
        let validation = Operation.validate(tree, engine)
        if validation.hasErrors {
            render(validation)
            return nil
        }
        return prepareWalk(engine) ? engine : nil
    }

    /// `-parallelism` and Ctrl-C handling for the engine's walks.
    func prepareWalk(_ engine: Engine) -> Bool {
        let n = parsed.int("parallelism")
        if n < 0 {
            render(Diagnostics([.error("Invalid parallelism value", "The parallelism must be a positive value. Not \(n).")]))
            return false
        }
        engine.parallelism = n == 0 ? 10 : n
        if ctx.handlesSignals { engine.interrupt = OperationInterrupts.shared.begin(ctx, json: jsonUI != nil) }
        return true
    }

    /// The static checks of `validate` plus the engine's validate walk; a walk
    /// error inside a construct the static checks already refused is left out
    /// (terraform reports such a reference once, before evaluating it).
    static func validate(_ tree: ConfigTree, _ engine: Engine) -> Diagnostics {
        var diags = ConfigValidator(tree: tree).validate()
        let refused = diags.items.filter { $0.severity == .error }.compactMap(\.subject)
        for d in engine.validateWalk() {
            if let s = d.subject, refused.contains(where: { $0.filename == s.filename && $0.start.byte <= s.end.byte && s.start.byte <= $0.end.byte }) {
                continue
            }
            diags += d
        }
        return diags
    }

    /// Opens and locks the workspace state; returns the store, lock ID and snapshot.
    func openState(operation: String) -> (StateStore, String?, StateFile?)? {
        let support = StateCommandSupport(ctx, color: color)
        let statePath = parsed.string("state")
        guard let store = support.store(statePath: statePath.isEmpty ? nil : statePath,
                                        stateOut: parsed.string("state-out").isEmpty ? nil : parsed.string("state-out"),
                                        backup: parsed.string("backup").isEmpty ? nil : parsed.string("backup")) else { return nil }
        var lockID: String?
        if parsed.bool("lock") {
            guard let id = support.lock(store, operation: operation, timeout: parsed.duration("lock-timeout")) else { return nil }
            lockID = id
            if ctx.handlesSignals { OperationInterrupts.shared.holdingLock { support.unlock(store, id) } }
        }
        switch store.read() {
        case .success(let s): return (store, lockID, s)
        case .failure(let e):
            render(Diagnostics([.error("Failed to load state", "\(e)")]))
            if let lockID { support.unlock(store, lockID) }
            return nil
        }
    }

    func unlock(_ store: StateStore, _ id: String?) {
        guard let id else { return }
        if ctx.handlesSignals { OperationInterrupts.shared.lockReleased() }
        StateCommandSupport(ctx, color: color).unlock(store, id)
    }

    static let separator = String(repeating: "─", count: 77)

    static let noOutNote = """
    Note: You didn't use the -out option to save this plan, so Terraform can't
    guarantee to take exactly these actions if you run "terraform apply" now.

    """

    /// `Outputs:` after apply, as terraform lists them.
    func printOutputs(_ state: StateFile) {
        if let ui = jsonUI {
            ui.outputs(state)
            return
        }
        guard !state.outputs.isEmpty else { return }
        var out = color ? PlanColor.outputsHeader : "\nOutputs:\n\n"
        for o in state.outputs.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            out += o.sensitive ? "\(o.name) = <sensitive>\n" : "\(o.name) = \(OutputValueFormat.format(o.value, o.type))\n"
        }
        ctx.out(out)
    }

    /// Check blocks are evaluated again after applying; terraform shows only those results.
    static func withoutCheckWarnings(_ diags: Diagnostics) -> Diagnostics {
        Diagnostics(diags.items.filter { !($0.severity == .warning && $0.summary.hasPrefix("Check block assertion")) })
    }

    /// Prints what a failed plan had planned (or "Planning failed."), then its diagnostics.
    func showFailedPlan(_ plan: Plan, _ diags: Diagnostics) {
        if plan.hasResourceChanges {
            ctx.out(planText(plan, errored: true))
        } else if plan.errored {
            ctx.out("\nPlanning failed. Terraform encountered an error while generating this plan.\n\n")
        }
        render(diags)
    }

    /// The plan text, or terraform's "No objects need to be destroyed" for a destroy with nothing to do.
    func showPlan(_ plan: Plan, destroy: Bool) {
        if destroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(colored(DestroyCommand.nothingToDestroy))
        } else {
            ctx.out(planText(plan))
        }
    }

    /// Asks for approval unless `-auto-approve`; true when the user typed "yes".
    func approve(destroy: Bool, refreshOnly: Bool = false) -> Bool {
        if parsed.bool("auto-approve") { return true }
        let (question, body): (String, String)
        if destroy {
            (question, body) = ("Do you really want to destroy all resources?",
                                "  Terraform will destroy all your managed infrastructure, as shown above.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n")
        } else if refreshOnly {
            (question, body) = ("Would you like to update the Terraform state to reflect these detected changes?",
                                "  Terraform will write these changes to the state without modifying any real infrastructure.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n")
        } else {
            (question, body) = ("Do you want to perform these actions?",
                                "  Terraform will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n")
        }
        if color {
            let r = PlanColor.reset, b = PlanColor.bold
            ctx.out("\(r)\(b)\n\(question)\(r)\n\(body)  \(b)Enter a value:\(r) \(r)")
        } else {
            ctx.out("\n\(question)\n\(body)  Enter a value: ")
        }
        let answer = ctx.readLine()?.trimmingCharacters(in: .whitespacesAndNewlines)
        ctx.out("\n")
        return answer == "yes"
    }
}
