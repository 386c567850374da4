import Engine
import Foundation
import HCL
import State

struct ApplyCommand: Command {
    static let path = ["apply"]
    static let synopsis = "Make the planned changes"
    static let usage = """
    Usage: terraform [global options] apply [options]

      Plans the changes the configuration calls for, asks for approval, and
      makes them, saving the state after every change.

    Options:

      -auto-approve       Skip the interactive approval.

      -destroy            Destroy every object instead (same as "destroy").

      -refresh=false      Skip reading the current objects first.

      -var 'foo=bar'      Set a value for one of the input variables.

      -var-file=filename  Load variable values from the given file.

      -lock=false         Don't hold a state lock during the operation.

      -lock-timeout=0s    Duration to retry a state lock.

      -no-color           Print without colour codes.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        run(ctx, args, destroy: false, command: Self.self)
    }

    static func run<C: Command>(_ ctx: CommandContext, _ args: [String], destroy forced: Bool, command: C.Type) -> Int32 {
        let flags = Operation.flags(C.path.joined(separator: " "))
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: C.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        if !parsed.positional.isEmpty {
            ctx.render(Diagnostics([.error("Saved plans are not supported yet", "Terraswift cannot apply a plan file yet; run apply without a plan file.")]),
                       color: colorWanted, sources: SourceFiles())
            return 1
        }
        let destroy = forced || parsed.bool("destroy")
        var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
        guard let engine = op.engine() else { return 1 }
        guard let (store, lockID, prior) = op.openState(operation: "OperationTypeApply") else { return 1 }
        defer { op.unlock(store, lockID) }
        let progress = OperationProgress(ctx)
        engine.hooks = progress
        let (plan, planDiags) = engine.plan(prior: prior, destroy: destroy, refresh: parsed.bool("refresh"),
                                             refreshOnly: parsed.bool("refresh-only"))
        if planDiags.hasErrors {
            if plan.hasResourceChanges {
                ctx.out(PlanRenderer.render(plan, errored: true))
            } else if plan.errored {
                ctx.out("\nPlanning failed. Terraform encountered an error while generating this plan.\n\n")
            }
            op.render(planDiags)
            return 1
        }
        if destroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(DestroyCommand.nothingToDestroy)
        } else {
            ctx.out(PlanRenderer.render(plan))
        }
        // Check blocks are evaluated again after applying; terraform shows only those results.
        op.render(Diagnostics(planDiags.items.filter { !($0.severity == .warning && $0.summary.hasPrefix("Check block assertion")) }))
        if plan.hasChanges && !op.approve(destroy: destroy) {
            ctx.out(destroy ? "Destroy cancelled.\n" : "Apply cancelled.\n")
            return 1
        }
        var last = prior
        let (final, diags) = engine.apply(plan) { state in
            let next = state.preparedForWrite(after: last)
            if last != nil, next.sameContent(as: last!), next.serial == last!.serial { return nil }
            switch store.write(next) {
            case .success:
                last = next
                return nil
            case .failure(let e):
                return "\(e)"
            }
        }
        if diags.hasErrors {
            op.render(diags)
            return 1
        }
        if !diags.isEmpty { op.render(diags) }
        let added = engine.applied.added, changed = engine.applied.changed, destroyed = engine.applied.destroyed
        if destroy {
            ctx.out("\nDestroy complete! Resources: \(destroyed) destroyed.\n")
        } else {
            let imported = engine.applied.imported > 0 ? "\(engine.applied.imported) imported, " : ""
            ctx.out("\nApply complete! Resources: \(imported)\(added) added, \(changed) changed, \(destroyed) destroyed.\n")
            op.printOutputs(final)
        }
        return 0
    }
}
