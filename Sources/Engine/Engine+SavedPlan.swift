import Config
import HCL
import State

extension Engine {
    /// Readies the engine to apply a saved plan without planning again: the
    /// dependency graph and recorded dependencies come from the configuration,
    /// the changes and the prior state from the plan.
    public func prepareApply(_ plan: Plan) -> Diagnostics {
        let (g, diags) = ConfigGraph.build(tree)
        if diags.hasErrors { return diags }
        graph = g
        computeResourceDependencies()
        implicitMoves = [:]
        for c in plan.changes {
            if let from = c.previousAddress { implicitMoves[c.address] = from }
        }
        return diags
    }
}
