import Config
import Engine
import HCL
import JSON

/// `show PLANFILE` and `show -json PLANFILE` for terraswift's saved plans.
enum ShowSavedPlan {
    static func run(_ ctx: CommandContext, _ bytes: [UInt8], json: Bool, color: Bool) -> Int32 {
        let registry = BuiltinProviders.registry()
        let saved: SavedPlan
        switch SavedPlan.read(bytes, registry: registry) {
        case .success(let p): saved = p
        case .failure(let message):
            StateCommandSupport(ctx, color: color).showView(Diagnostics([.error("Failed to read the given file as a state or plan file",
                "Plan read error: \(message)")]))
            return 1
        }
        if json {
            // The configuration section describes the working directory's configuration, which apply requires to match the plan's.
            let (tree, _, diags) = ConfigTree.load(rootDirectory: ctx.workingDirectory)
            let doc = JSONPlan(saved: saved, tree: diags.hasErrors ? nil : tree, registry: registry).document()
            ctx.out(doc.compactString + "\n")
            return 0
        }
        let plan = saved.plan
        if plan.isDestroy && !plan.hasResourceChanges && !plan.hasOutputChanges {
            ctx.out(color ? PlanColor.plan(DestroyCommand.nothingToDestroy) : DestroyCommand.nothingToDestroy)
        } else {
            // Drift is shown as far as the plan's changes depend on it, judged against the working directory's configuration.
            var relevant: [RelevantAttribute] = []
            if !plan.drift.isEmpty {
                let (tree, _, diags) = ConfigTree.load(rootDirectory: ctx.workingDirectory)
                if !diags.hasErrors {
                    relevant = JSONPlan.relevantAttributeList(JSONPlan(saved: saved, tree: tree, registry: registry).relevantAttributes(tree))
                }
            }
            let text = PlanRenderer.render(plan, relevant: relevant, errored: saved.errored, color: color)
            ctx.out(color ? PlanColor.plan(text) : text)
        }
        return 0
    }
}
