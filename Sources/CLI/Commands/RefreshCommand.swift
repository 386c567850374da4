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
        guard let prior = prepared.prior, !prior.resources.isEmpty else {
            op.render(Diagnostics([.warning("Empty or non-existent state",
                                            "There are currently no remote objects tracked in the state, so there is nothing to refresh.")]))
            // terraform still reports the outputs (none, without a state).
            op.printOutputs(prepared.prior ?? StateFile(lineage: ""))
            return 0
        }
        let (next, diags) = prepared.engine.refresh(prior: prior)
        if diags.hasErrors {
            op.render(diags)
            return 1
        }
        let toWrite = next.preparedForWrite(after: prior)
        if toWrite.serial != prior.serial {
            if case .failure(let e) = prepared.store.write(toWrite) {
                op.render(Diagnostics([.error("Failed to save state", "\(e)")]))
                return 1
            }
        }
        op.printOutputs(next)
        return 0
    }
}
