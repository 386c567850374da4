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
        var flags = Operation.flags(C.path.joined(separator: " "))
        flags.bool("json")
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: C.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        if !parsed.positional.isEmpty && !forced {
            if parsed.positional.count > 1 {
                ctx.render(Diagnostics([.error("Too many command line arguments", "Expected at most one positional argument.")]),
                           color: colorWanted, sources: SourceFiles())
                return 1
            }
            return ApplySavedPlan.run(ctx, parsed, path: parsed.positional[0], color: !parsed.bool("no-color"))
        }
        let destroy = forced || parsed.bool("destroy")
        var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
        op.helpPath = C.path.joined(separator: " ")
        if parsed.bool("json") {
            op.startJSON()
            if !parsed.bool("auto-approve") {
                op.render(Diagnostics([.error("Plan file or auto-approve required",
                                              "Terraform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.")]))
                return 1
            }
        }
        guard let engine = op.engine() else { return 1 }
        guard let (store, lockID, prior) = op.openState(operation: "OperationTypeApply") else { return 1 }
        defer { op.unlock(store, lockID) }
        let progress = OperationProgress(ctx, color: op.color)
        engine.hooks = (op.jsonUI as EngineHooks?) ?? progress
        let (plan, planDiags) = engine.plan(prior: prior, destroy: destroy, refresh: parsed.bool("refresh"),
                                             refreshOnly: parsed.bool("refresh-only"))
        if let ui = op.jsonUI {
            if !planDiags.hasErrors { ui.plan(plan) }
            op.render(planDiags)
            if planDiags.hasErrors { return 1 }
            return op.execute(engine, plan, store: store, prior: prior, destroyWording: destroy)
        }
        if planDiags.hasErrors {
            if plan.hasResourceChanges {
                ctx.out(op.planText(plan, errored: true))
            } else if plan.errored {
                ctx.out("\nPlanning failed. Terraform encountered an error while generating this plan.\n\n")
            }
            op.render(planDiags)
            return 1
        }
        if destroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(op.colored(DestroyCommand.nothingToDestroy))
        } else {
            ctx.out(op.planText(plan))
        }
        // Check blocks are evaluated again after applying; terraform shows only those results.
        op.render(Diagnostics(planDiags.items.filter { !($0.severity == .warning && $0.summary.hasPrefix("Check block assertion")) }))
        if plan.hasChanges && !op.approve(destroy: destroy) {
            ctx.out(destroy ? "Destroy cancelled.\n" : "Apply cancelled.\n")
            return 1
        }
        return op.execute(engine, plan, store: store, prior: prior, destroyWording: destroy)
    }
}
