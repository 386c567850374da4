import Config
import Engine
import Foundation
import HCL
import State
import Values

struct ImportCommand: Command {
    static let path = ["import"]
    static let synopsis = "Associate existing infrastructure with a Terraform resource"
    static let usage = """
    Usage: terraform [global options] import [options] ADDR ID

      Imports the existing object with the given ID into the state at ADDR,
      which must be declared in the configuration.

    Options:

      -var 'foo=bar'      Set a value for one of the input variables.

      -var-file=filename  Load variable values from the given file.

      -lock=false         Don't hold a state lock during the operation.

      -lock-timeout=0s    Duration to retry a state lock.

      -no-color           Print without colour codes.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var op: Operation
        switch Operation.start(ctx, args, for: Self.self) {
        case .ready(let o): op = o
        case .exit(let code): return code
        }
        let parsed = op.parsed
        guard parsed.positional.count == 2 else {
            op.render(Diagnostics([.error("Wrong number of arguments", "The import command expects two arguments: the resource address and the ID of the object to import.")]))
            return 1
        }
        let (target, addrDiags) = AddressParser.parseTarget(parsed.positional[0])
        let addr: AbsResourceInstance
        switch target {
        case .instance(let i)? where !addrDiags.hasErrors: addr = i
        case .resource(let r)? where !addrDiags.hasErrors: addr = r.instance(.none)
        default:
            op.render(addrDiags.hasErrors ? addrDiags : Diagnostics([.error("Invalid address", "A resource instance address is required.")]))
            return 1
        }
        guard let prepared = op.prepare(operation: "OperationTypeInvalid", progressColor: false) else { return 1 }
        defer { op.unlock(prepared) }
        let engine = prepared.engine, store = prepared.store, prior = prepared.prior
        let color = op.color
        engine.hooks = ImportProgress(ctx, color: color)
        // terraform's import reports errors through its old UI, which wraps each rendered diagnostic in red once more
        func show(_ diags: Diagnostics) {
            guard color else { op.render(diags); return }
            let renderer = DiagnosticRenderer(sources: op.sources, color: true, style: .boxed)
            for d in diags.sortedForDisplay {
                if d.severity == .error { ctx.uiError(renderer.render(d), color: true) } else { op.render(Diagnostics([d])) }
            }
        }
        let (state, diags) = engine.importObject(addr, id: parsed.positional[1], prior: prior)
        guard let state, !diags.hasErrors else {
            // terraform prints a missing configuration as plain text, not as a diagnostic.
            if let missing = diags.items.first(where: { $0.summary.hasPrefix("resource address ") }) {
                if color {
                    let title = "\(PlanColor.reset)\(PlanColor.bold)\(PlanColor.red)Error:\(PlanColor.reset)\(PlanColor.bold) \(missing.summary)\(PlanColor.reset)"
                    ctx.uiError("\(title)\n\n\(missing.detail)", color: true)
                } else {
                    ctx.err("Error: \(missing.summary)\n\n\(missing.detail)\n")
                }
                return 1
            }
            show(diags)
            // (terraform follows this error with an empty diagnostic; the colour wrapping above already ends its line)
            if !color && diags.items.contains(where: { $0.summary == "Resource already managed by Terraform" }) { ctx.err("\n") }
            return 1
        }
        switch store.write(state.preparedForWrite(after: prior)) {
        case .success: break
        case .failure(let e):
            op.render(Diagnostics([.error("Failed to save state", "\(e)")]))
            return 1
        }
        let success = "\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\nyour Terraform state and will henceforth be managed by Terraform.\n"
        ctx.out(color ? "\(PlanColor.reset)\(PlanColor.green)\(success)\(PlanColor.reset)\n" : success + "\n")
        show(diags)
        return 0
    }
}

/// The import command's progress lines, coloured as terraform's legacy import hooks colour them.
final class ImportProgress: EngineHooks {
    let ctx: CommandContext
    let color: Bool

    init(_ ctx: CommandContext, color: Bool) {
        self.ctx = ctx
        self.color = color
    }

    private func line(_ text: String, style: String) {
        ctx.out(color ? PlanColor.reset + style + text + PlanColor.reset + "\n" : text + "\n")
    }

    func importingFrom(_ address: AbsResourceInstance, id: String) {
        line("\(address): Importing from ID \(GoQuote.quote(id))...", style: PlanColor.bold)
    }

    func importPrepared(_ address: AbsResourceInstance, types: [String]) {
        line("\(address): Import prepared!", style: PlanColor.bold + PlanColor.green)
        for type in types { line("  Prepared \(type) for import", style: PlanColor.green) }
    }

    func refreshing(_ address: AbsResourceInstance, id: String) {
        line("\(address): Refreshing state... [id=\(id)]", style: PlanColor.bold)
    }
}
