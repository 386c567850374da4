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
        var op: Operation
        switch Operation.start(ctx, args, for: C.self, extra: { $0.bool("json") }) {
        case .ready(let o): op = o
        case .exit(let code): return code
        }
        let parsed = op.parsed
        if !parsed.positional.isEmpty && !forced {
            if parsed.positional.count > 1 {
                ctx.render(Diagnostics([.error("Too many command line arguments", "Expected at most one positional argument.")]),
                           color: !args.contains("-no-color"), sources: SourceFiles())
                return 1
            }
            return ApplySavedPlan.run(ctx, parsed, path: parsed.positional[0], color: op.color)
        }
        let destroy = forced || parsed.bool("destroy")
        if parsed.bool("json") {
            op.startJSON()
            if !parsed.bool("auto-approve") {
                op.render(Diagnostics([.error("Plan file or auto-approve required",
                                              "Terraform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.")]))
                return 1
            }
        }
        guard let prepared = op.prepare(operation: "OperationTypeApply") else { return 1 }
        defer { op.unlock(prepared) }
        let engine = prepared.engine, store = prepared.store, prior = prepared.prior
        let (plan, planDiags) = engine.plan(prior: prior, destroy: destroy, refresh: parsed.bool("refresh"),
                                             refreshOnly: parsed.bool("refresh-only"))
        if let ui = op.jsonUI {
            if !planDiags.hasErrors { ui.plan(plan) }
            if planDiags.hasErrors {
                op.render(planDiags)
                return 1
            }
            op.render(Operation.withoutCheckWarnings(planDiags))
            return op.execute(engine, plan, store: store, prior: prior, destroyWording: destroy)
        }
        if planDiags.hasErrors {
            op.showFailedPlan(plan, planDiags)
            return 1
        }
        op.showPlan(plan, destroy: destroy)
        op.render(Operation.withoutCheckWarnings(planDiags))
        if plan.hasChanges && !op.approve(destroy: destroy, refreshOnly: plan.isRefreshOnly) {
            ctx.out(destroy ? "Destroy cancelled.\n" : "Apply cancelled.\n")
            return 1
        }
        return op.execute(engine, plan, store: store, prior: prior, destroyWording: destroy)
    }
}
