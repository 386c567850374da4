import Config
import Engine
import Foundation
import HCL
import JSON
import State

/// `show` of the current state or of a state file (`show PATH`); saved plans
/// are the Engine's and are not read here yet.
struct ShowCommand: Command {
    static let path = ["show"]
    static let synopsis = "Show the current state or a saved plan"
    static let usage = """
    Usage: terraform [global options] show [options] [path]

      Prints the workspace's state, or the state file at the given path, in a
      readable form.

    Options:

      -no-color           Plain text without colour codes.

      -json               Machine-readable JSON output.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        var flags = FlagSet(command: "show")
        flags.bool("json")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let support = StateCommandSupport(ctx, color: color)
        if parsed.positional.count > 1 {
            support.showView(Diagnostics([.error("Too many command line arguments", "Expected at most one positional argument.")]))
            ctx.err("For more help on using this command, run:\n  \(ctx.programName) show -help\n")
            return 1
        }
        var state: StateFile?
        if let path = parsed.positional.first {
            let bytes: [UInt8]
            switch LocalFile.read(ctx.path(path)) {
            case .success(let b): bytes = b
            case .failure(let e):
                support.showView(Diagnostics([.error("Failed to read the given file as a state or plan file", "\(e)")]))
                return 1
            }
            if SavedPlan.isPlanFile(bytes) {
                return ShowSavedPlan.run(ctx, bytes, json: parsed.bool("json"), color: color)
            }
            switch StateFileReader.read(bytes) {
            case .state(let s): state = s
            case .noState: state = nil
            case .failed(let diags):
                support.showView(Diagnostics([.error("Failed to read the given file as a state or plan file",
                    "State read error: \(StateStoreError.goErrorText(diags))\n\nPlan read error: Terraswift cannot read saved plan files yet")]))
                return 1
            }
        } else {
            guard let store = support.store() else { return 1 }
            switch store.read() {
            case .success(let s): state = s
            case .failure(let e):
                support.showView(Diagnostics([.error("Failed to load state", "\(e)")]))
                return 1
            }
        }
        if let problem = state?.attributeShapeProblem {
            ctx.err("Failed to marshal state to json: \(problem)")
            return 1
        }
        if parsed.bool("json") {
            ShowStateJSON.write(state) { ctx.out($0) }
            return 0
        }
        guard let state, !state.hasNoContent else {
            ctx.out("No state.\n")
            return 0
        }
        ctx.out(human(state, color: color))
        return 0
    }

    static func human(_ state: StateFile, color: Bool) -> String {
        let renderer = ShowStateRenderer(color: color)
        // terraform's module walk: resources of a module, then its child module instances (by address
        // text). A blank line goes before every resource but the first, and one more before a
        // module's resources when anything came before; `first` is passed down as it stands, so a
        // later sibling of a module without resources sees the parent's value (terraform's quirk).
        var byModule: [ModuleInstance: [ResourceState]] = [:]
        var children: [ModuleInstance: Set<ModuleInstance>] = [:]
        for r in state.resources {
            byModule[r.address.module, default: []].append(r)
            var m = r.address.module
            while let parent = m.parent {
                children[parent, default: []].insert(m)
                m = parent
            }
        }
        var out = ""
        func renderModule(_ module: ModuleInstance, first firstIn: Bool) {
            var first = firstIn
            let resources = (byModule[module] ?? []).sorted { $0.address.resource < $1.address.resource }
            if !resources.isEmpty && !first { out += "\n" }
            for r in resources {
                for obj in r.instances.sorted(by: { ($0.key, $0.deposed ?? "") < ($1.key, $1.deposed ?? "") }) {
                    if !first { out += "\n" }
                    first = false
                    out += renderer.render(r, obj)
                }
            }
            for child in (children[module] ?? []).sorted(by: { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }) {
                renderModule(child, first: first)
            }
        }
        renderModule(.root, first: true)
        if !state.outputs.isEmpty {
            out += "\n\nOutputs:\n\n"
            for o in state.outputs {
                let paths: [SensitivePath] = o.sensitive ? [SensitivePath(steps: [])] : []
                if !o.sensitive, let t = StateValueCodec.parseType(o.type),
                   let text = StateValueRendering.typed(o.value, type: t, sensitive: false, indent: 0, color: color) {
                    out += o.name + " = " + text + "\n"
                    continue
                }
                out += o.name + " = " + renderer.renderValue(o.value, type: o.type, paths: paths, indent: 0) + "\n"
            }
        }
        return out
    }
}
