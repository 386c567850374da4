import Config
import HCL
import State

struct StateRmCommand: Command {
    static let path = ["state", "rm"]
    static let synopsis = "Remove instances from the state"
    static let usage = """
    Usage: terraform [global options] state (rm|remove) [options] ADDRESS...

      Forgets the given resource instances, resources or modules: they stay in
      the real world but Terraform no longer manages them.

    Options:

      -dry-run                Only list what would be removed.

      -backup=PATH            Where to save the previous state (local state only).

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -state=PATH             The state file to edit (local state only).

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state rm")
        flags.bool("dry-run")
        flags.string("backup", default: "-")
        flags.string("state")
        flags.stateLockingFlags()
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, _) = begun else { return begun.exitCode }
        guard !parsed.positional.isEmpty else {
            support.error("At least one address is required.\n")
            return 1
        }
        guard let store = support.store(statePath: parsed.string("state"), backup: parsed.string("backup"),
                                        timestampedBackup: true) else { return 1 }
        var lockID: String?
        if parsed.bool("lock") {
            guard let id = support.lock(store, operation: "state-rm", timeout: parsed.duration("lock-timeout")) else { return 1 }
            lockID = id
        }
        defer { if let lockID { support.unlock(store, lockID) } }
        let (ok, loaded) = support.load(store, refreshMessage: "Failed to refresh state")
        guard ok else { return 1 }
        guard var state = loaded else {
            support.error(StateCommandSupport.stateNotFound)
            return 1
        }
        let before = state
        guard let targets = support.parseTargets(parsed.positional) else { return 1 }
        let dryRun = parsed.bool("dry-run")
        var matched: [AbsResourceInstance] = []
        for t in targets { matched += StateEdits.instances(matching: t, in: state) }
        var out = ""
        for a in matched { out += (dryRun ? "Would remove " : "Removed ") + a.description + "\n" }
        ctx.out(out)
        if dryRun {
            if matched.isEmpty { ctx.out("Would have removed nothing.\n") }
            return 0
        }
        StateEdits.remove(targets, from: &state)
        if case .failure(let e) = store.write(state.preparedForWrite(after: before)) {
            support.error("Error saving the state: \(e)\n\nThe state was not saved. No items were removed from the persisted\nstate. No backup was created since no modification occurred. Please\nresolve the issue above and try again.")
            return 1
        }
        if matched.isEmpty {
            support.show(Diagnostics([.error("Invalid target address", "No matching objects found. To view the available instances, use \"terraform state list\". Please modify the address to reference a specific instance.")]))
            return 1
        }
        ctx.out("Successfully removed \(matched.count) resource instance(s).\n")
        return 0
    }
}
