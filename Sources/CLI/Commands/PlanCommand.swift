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
        var op: Operation
        switch Operation.start(ctx, args, for: Self.self, extra: { f in
            f.bool("detailed-exitcode")
            f.string("out")
            f.bool("json")
        }) {
        case .ready(let o): op = o
        case .exit(let code): return code
        }
        let parsed = op.parsed
        let outPath = parsed.string("out")
        if parsed.bool("json") { op.startJSON() }
        guard let prepared = op.prepare(operation: "OperationTypePlan") else { return 1 }
        defer { op.unlock(prepared) }
        let engine = prepared.engine, prior = prepared.prior
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
            op.showFailedPlan(plan, diags)
            return 1
        }
        op.showPlan(plan, destroy: plan.isDestroy)
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
        if plan.hasChanges && !ctx.inAutomation {
            let note = outPath.isEmpty ? "\n" + Operation.separator + "\n\n" + Operation.noOutNote : SavedPlanIO.nextStep(outPath)
            ctx.out(op.color ? PlanColor.separator(note) : note)
        }
        if parsed.bool("detailed-exitcode") && plan.hasChanges { return 2 }
        return 0
    }
}
