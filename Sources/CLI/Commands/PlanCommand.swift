import Engine
import Foundation
import HCL
import State

struct PlanCommand: Command {
    static let path = ["plan"]
    static let synopsis = "Preview the changes the configuration calls for"
    static let usage = """
    Usage: terraform [global options] plan [options]

      Compares the configuration with the state and prints the changes an
      apply would make, without making them.

    Options:

      -destroy            Plan to destroy every object the state tracks.

      -refresh=false      Skip reading the current objects first.

      -var 'foo=bar'      Set a value for one of the input variables.

      -var-file=filename  Load variable values from the given file.

      -lock=false         Don't hold a state lock during the operation.

      -lock-timeout=0s    Duration to retry a state lock.

      -no-color           Print without colour codes.

      -detailed-exitcode  Exit 0 with no changes, 1 on error, 2 with changes.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = Operation.flags("plan")
        flags.bool("detailed-exitcode")
        flags.string("out")
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
        if !parsed.string("out").isEmpty {
            op.render(Diagnostics([.error("Saved plans are not supported yet", "Terraswift cannot write plan files yet; run plan without -out.")]))
            return 1
        }
        guard let engine = op.engine() else { return 1 }
        guard let (store, lockID, prior) = op.openState(operation: "OperationTypePlan") else { return 1 }
        defer { op.unlock(store, lockID) }
        let progress = OperationProgress(ctx)
        engine.hooks = progress
        let (plan, diags) = engine.plan(prior: prior, destroy: parsed.bool("destroy"), refresh: parsed.bool("refresh"),
                                             refreshOnly: parsed.bool("refresh-only"))
        if diags.hasErrors {
            if plan.hasResourceChanges {
                ctx.out(PlanRenderer.render(plan, errored: true))
            } else if plan.errored {
                ctx.out("\nPlanning failed. Terraform encountered an error while generating this plan.\n\n")
            }
            op.render(diags)
            return 1
        }
        if plan.isDestroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(DestroyCommand.nothingToDestroy)
        } else {
            ctx.out(PlanRenderer.render(plan))
        }
        op.render(diags)
        if plan.hasChanges {
            ctx.out("\n" + Operation.separator + "\n\n" + Operation.noOutNote)
        }
        if parsed.bool("detailed-exitcode") && plan.hasChanges { return 2 }
        return 0
    }
}
