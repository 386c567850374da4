import Engine
import HCL
import State

struct RefreshCommand: Command {
    static let path = ["refresh"]
    static let synopsis = "Read remote objects into the state"
    static let usage = """
    Usage: terraform [global options] refresh [options]

      Reads the current settings of every object the state tracks and records
      them in the state. Same as "apply -refresh-only -auto-approve".

    Options:

      -var 'foo=bar'      Set a value for one of the input variables.

      -var-file=filename  Load variable values from the given file.

      -lock=false         Don't hold a state lock during the operation.

      -no-color           Print without colour codes.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var op: Operation
        switch Operation.start(ctx, args, for: Self.self, extra: { $0.bool("json") }) {
        case .ready(let o): op = o
        case .exit(let code): return code
        }
        if op.parsed.bool("json") { op.startJSON() }
        guard let prepared = op.prepare(operation: "OperationTypeRefresh") else { return 1 }
        defer { op.unlock(prepared) }
        var diags = Diagnostics()
        let prior = prepared.prior
        if prior?.resources.isEmpty ?? true {
            // A warning, after which terraform still evaluates checks and outputs.
            diags += .warning("Empty or non-existent state",
                              "There are currently no remote objects tracked in the state, so there is nothing to refresh.")
        }
        // terraform refreshes with a refresh-only plan walk: every module's objects and data sources
        // are read, conditions and check blocks evaluated, and the outputs evaluated again.
        let (plan, planDiags) = prepared.engine.plan(prior: prior, refreshOnly: true)
        diags += planDiags
        if diags.hasErrors {
            op.render(diags)
            return 1
        }
        let next = RefreshCommand.refreshedState(plan, prior: prior ?? StateFile.empty())
        let toWrite = next.preparedForWrite(after: prior)
        if prior == nil || toWrite.serial != prior?.serial {
            if case .failure(let e) = prepared.store.write(toWrite) {
                op.render(Diagnostics([.error("Failed to save state", "\(e)")]))
                return 1
            }
        }
        if !diags.isEmpty { op.render(diags) }
        op.printOutputs(next)
        return 0
    }

    /// The state a refresh records: the refreshed objects and data sources, and the root
    /// outputs whose new values are known (outputs gone from the configuration are dropped).
    static func refreshedState(_ plan: Plan, prior: StateFile) -> StateFile {
        var next = plan.priorStateWithReadData ?? prior
        var outputs: [String: OutputValue] = [:]
        for o in next.outputs { outputs[o.name] = o }
        for o in plan.outputChanges where o.action == .delete { outputs[o.name] = nil }
        for o in JSONPlan.knownOutputs(plan) { outputs[o.name] = o }
        next.outputs = outputs.values.sorted { StateValueCodec.byteOrder($0.name, $1.name) }
        return next
    }
}
