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
        let flags = Operation.flags("refresh")
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        var op = Operation(ctx: ctx, color: !parsed.bool("no-color"), parsed: parsed)
        guard let engine = op.engine() else { return 1 }
        guard let (store, lockID, prior) = op.openState(operation: "OperationTypeRefresh") else { return 1 }
        defer { op.unlock(store, lockID) }
        guard let prior, !prior.resources.isEmpty else {
            op.render(Diagnostics([.warning("Empty or non-existent state",
                                            "There are currently no remote objects tracked in the state, so there is nothing to refresh.")]))
            return 0
        }
        engine.hooks = OperationProgress(ctx, color: op.color)
        let (next, diags) = engine.refresh(prior: prior)
        if diags.hasErrors {
            op.render(diags)
            return 1
        }
        let toWrite = next.preparedForWrite(after: prior)
        if toWrite.serial != prior.serial {
            if case .failure(let e) = store.write(toWrite) {
                op.render(Diagnostics([.error("Failed to save state", "\(e)")]))
                return 1
            }
        }
        op.printOutputs(next)
        return 0
    }
}
