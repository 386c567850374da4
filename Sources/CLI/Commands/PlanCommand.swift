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
        flags.bool("json")
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
        op.helpPath = "plan"
        let outPath = parsed.string("out")
        if parsed.bool("json") {
            op.jsonUI = JSONUIStream(ctx)
            op.jsonUI?.version()
        }
        guard let engine = op.engine() else { return 1 }
        guard let (store, lockID, prior) = op.openState(operation: "OperationTypePlan") else { return 1 }
        defer { op.unlock(store, lockID) }
        let progress = OperationProgress(ctx, color: op.color)
        engine.hooks = (op.jsonUI as EngineHooks?) ?? progress
        let (plan, diags) = engine.plan(prior: prior, destroy: parsed.bool("destroy"), refresh: parsed.bool("refresh"),
                                              refreshOnly: parsed.bool("refresh-only"))
        if let ui = op.jsonUI {
            if !diags.hasErrors { ui.plan(plan) }
            op.render(diags)
            if !diags.hasErrors && !outPath.isEmpty {
                var saved = SavedPlan(plan: plan, variables: op.variableValues, configFiles: op.configFiles)
                saved.setVariables = op.setVariables
                let writeDiags = SavedPlanIO.write(saved, to: outPath, ctx)
                op.render(writeDiags)
                if writeDiags.hasErrors { return 1 }
            }
            if diags.hasErrors { return 1 }
            return parsed.bool("detailed-exitcode") && plan.hasChanges ? 2 : 0
        }
        if diags.hasErrors {
            if plan.hasResourceChanges {
                ctx.out(op.planText(plan, errored: true))
            } else if plan.errored {
                ctx.out("\nPlanning failed. Terraform encountered an error while generating this plan.\n\n")
            }
            op.render(diags)
            return 1
        }
        if plan.isDestroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(op.colored(DestroyCommand.nothingToDestroy))
        } else {
            ctx.out(op.planText(plan))
        }
        op.render(diags)
        if !outPath.isEmpty {
            var saved = SavedPlan(plan: plan, variables: op.variableValues, configFiles: op.configFiles)
            saved.setVariables = op.setVariables
            let writeDiags = SavedPlanIO.write(saved, to: outPath, ctx)
            if writeDiags.hasErrors {
                op.render(writeDiags)
                return 1
            }
        }
        if plan.hasChanges {
            let note = outPath.isEmpty ? "\n" + Operation.separator + "\n\n" + Operation.noOutNote : SavedPlanIO.nextStep(outPath)
            ctx.out(op.color ? PlanColor.separator(note) : note)
        }
        if parsed.bool("detailed-exitcode") && plan.hasChanges { return 2 }
        return 0
    }
}
