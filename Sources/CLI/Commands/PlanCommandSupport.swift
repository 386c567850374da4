import Config
import Engine
import Foundation
import HCL
import JSON
import ProviderTerraform
import State
import Values

/// The providers this build carries, by source address.
enum BuiltinProviders {
    static func registry() -> ProviderRegistry {
        let r = ProviderRegistry()
        r.register(TerraformProvider.source) { TerraformProvider() }
        return r
    }
}

/// Prints the engine's progress the way terraform's UI hook does.
final class OperationProgress: EngineHooks {
    let ctx: CommandContext

    init(_ ctx: CommandContext) { self.ctx = ctx }

    func refreshing(_ address: AbsResourceInstance, id: String) {
        ctx.out("\(address): Refreshing state... [id=\(id)]\n")
    }

    func applyStarting(_ address: AbsResourceInstance, action: ChangeAction, id: String?) {
        switch action {
        case .create: ctx.out("\(address): Creating...\n")
        case .update: ctx.out("\(address): Modifying... [id=\(id ?? "")]\n")
        case .delete: ctx.out("\(address): Destroying... [id=\(id ?? "")]\n")
        default: break
        }
    }

    func destroyingDeposed(_ address: AbsResourceInstance, key: String, id: String?) {
        ctx.out("\(address) (deposed object \(key)): Destroying... [id=\(id ?? "")]\n")
    }

    func destroyedDeposed(_ address: AbsResourceInstance, key: String, seconds: Int) {
        // terraform names the instance alone once the deposed object is gone.
        ctx.out("\(address): Destruction complete after \(seconds)s\n")
    }

    func preparingImport(_ address: AbsResourceInstance, id: String) {
        ctx.out("\(address): Preparing import... [id=\(id)]\n")
    }

    func importing(_ address: AbsResourceInstance, id: String) {
        ctx.out("\(address): Importing... [id=\(id)]\n")
    }

    func importComplete(_ address: AbsResourceInstance, id: String) {
        ctx.out("\(address): Import complete [id=\(id)]\n")
    }

    func importingFrom(_ address: AbsResourceInstance, id: String) {
        ctx.out("\(address): Importing from ID \(GoQuote.quote(id))...\n")
    }

    func importPrepared(_ address: AbsResourceInstance, types: [String]) {
        ctx.out("\(address): Import prepared!\n" + types.map { "  Prepared \($0) for import\n" }.joined())
    }

    func readingData(_ address: AbsResourceInstance) {
        ctx.out("\(address): Reading...\n")
    }

    func readDataFinished(_ address: AbsResourceInstance, id: String?, seconds: Int) {
        ctx.out("\(address): Read complete after \(seconds)s" + (id.map { " [id=\($0)]" } ?? "") + "\n")
    }

    func applyFinished(_ address: AbsResourceInstance, action: ChangeAction, id: String?, seconds: Int) {
        switch action {
        case .create: ctx.out("\(address): Creation complete after \(seconds)s [id=\(id ?? "")]\n")
        case .update: ctx.out("\(address): Modifications complete after \(seconds)s [id=\(id ?? "")]\n")
        case .delete: ctx.out("\(address): Destruction complete after \(seconds)s\n")
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

    func render(_ diags: Diagnostics) {
        ctx.render(diags, color: color, sources: sources)
    }

    /// The engine with configuration and variables loaded; nil after printing errors.
    mutating func engine() -> Engine? {
        let root = ctx.workingDirectory
        let (tree, treeSources, loadDiags) = ConfigTree.load(rootDirectory: root)
        sources = treeSources
        if loadDiags.hasErrors {
            render(loadDiags)
            return nil
        }
        // -var and -var-file count in the order they were given.
        var diags = loadDiags
        let occurrences = parsed.occurrences.filter { $0.name == "var" || $0.name == "var-file" }
        let (raw, collectDiags) = InputVariables.collect(rootDirectory: root, environment: ctx.environment,
                                                         occurrences: occurrences, sources: &sources)
        diags += collectDiags
        let (values, varDiags) = InputVariables.finalize(raw, declarations: tree.module.variables)
        diags += varDiags
        if diags.hasErrors {
            render(diags)
            return nil
        }
        if !diags.isEmpty { render(diags) }
        let workspace = WorkingDirectory(path: root, environment: ctx.environment).currentWorkspace()
        let settings = Engine.Settings(rootDirectory: root, workingDirectory: root, workspace: workspace, variables: values)
        let engine = Engine(tree: tree, settings: settings, registry: BuiltinProviders.registry(), hooks: nil)
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
            return nil
        }
        return engine
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
        if let id { StateCommandSupport(ctx, color: color).unlock(store, id) }
    }

    static let separator = String(repeating: "─", count: 77)

    static let noOutNote = """
    Note: You didn't use the -out option to save this plan, so Terraform can't
    guarantee to take exactly these actions if you run "terraform apply" now.

    """

    /// `Outputs:` after apply, as terraform lists them.
    func printOutputs(_ state: StateFile) {
        guard !state.outputs.isEmpty else { return }
        var out = "\nOutputs:\n\n"
        for o in state.outputs.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            out += o.sensitive ? "\(o.name) = <sensitive>\n" : "\(o.name) = \(OutputValueFormat.format(o.value, o.type))\n"
        }
        ctx.out(out)
    }

    /// Asks for approval unless `-auto-approve`; true when the user typed "yes".
    func approve(destroy: Bool) -> Bool {
        if parsed.bool("auto-approve") { return true }
        if destroy {
            ctx.out("\nDo you really want to destroy all resources?\n  Terraform will destroy all your managed infrastructure, as shown above.\n  There is no undo. Only 'yes' will be accepted to confirm.\n\n  Enter a value: ")
        } else {
            ctx.out("\nDo you want to perform these actions?\n  Terraform will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
        }
        let answer = ctx.readLine()?.trimmingCharacters(in: .whitespacesAndNewlines)
        ctx.out("\n")
        return answer == "yes"
    }
}
