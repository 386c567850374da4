import State

struct StatePullCommand: Command {
    static let path = ["state", "pull"]
    static let synopsis = "Pull current state and output to stdout"
    static let usage = """
    Usage: terraform [global options] state pull [options]

      Prints the workspace's current state, as stored, to standard output.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        let flags = FlagSet(command: "state pull")
        switch ctx.parseFlagsLegacy(flags, args, for: Self.self, color: color) {
        case .parsed: break
        case .exit(let code): return code
        }
        let support = StateCommandSupport(ctx, color: color)
        guard let store = support.store() else { return 1 }
        let (ok, loaded) = support.load(store, refreshMessage: "Failed to refresh state")
        guard ok else { return 1 }
        guard let state = loaded else { return 0 }
        var current = state
        current.terraformVersion = StateFile.currentTerraformVersion
        ctx.out(StateFileWriter.string(current) + "\n")
        return 0
    }
}
