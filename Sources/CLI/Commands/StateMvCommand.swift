import Config
import HCL
import State

struct StateMvCommand: Command {
    static let path = ["state", "mv"]
    static let synopsis = "Move an item in the state"
    static let usage = """
    Usage: terraform [global options] state (mv|move) [options] SOURCE DESTINATION

      Gives a resource instance, resource or module a new address in the state,
      or moves it into another state file with -state-out.

    Options:

      -dry-run                Only print what would be moved.

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -ignore-remote-version  Continue even if remote and local Terraform versions
                              are incompatible.

    Options for local state only:

      -backup=PATH            Where to save the previous source state.

      -backup-out=PATH        Where to save the previous destination state.

      -state=PATH             The state file to read and edit.

      -state-out=PATH         The state file to move the item into.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state mv")
        flags.bool("dry-run")
        flags.string("backup", default: "-")
        flags.string("backup-out", default: "-")
        flags.string("state")
        flags.string("state-out")
        flags.bool("ignore-remote-version")
        flags.stateLockingFlags()
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, _) = begun else { return begun.exitCode }
        guard parsed.positional.count == 2 else {
            return support.wrongArguments("Exactly two arguments expected.\n", Self.self)
        }
        let lock = parsed.bool("lock")
        let timeout = parsed.duration("lock-timeout")
        guard let fromStore = support.store(statePath: parsed.string("state"), backup: parsed.string("backup"),
                                            timestampedBackup: true) else { return 1 }
        var locks: [(StateStore, String)] = []
        defer { for (s, id) in locks.reversed() { support.unlock(s, id) } }
        if lock {
            guard let id = support.lock(fromStore, operation: "state-mv", timeout: timeout) else { return 1 }
            locks.append((fromStore, id))
        }
        let (ok, loaded) = support.load(fromStore, refreshMessage: "Failed to refresh source state")
        guard ok else { return 1 }
        guard var stateFrom = loaded else {
            support.error(StateCommandSupport.stateNotFound)
            return 1
        }
        let fromBefore = stateFrom

        var toStore: StateStore?
        var stateTo: StateFile?
        var toBefore: StateFile?
        let stateOut = parsed.string("state-out")
        if !stateOut.isEmpty {
            guard let s = support.store(statePath: stateOut, backup: parsed.string("backup-out"), timestampedBackup: true) else { return 1 }
            toStore = s
            if lock {
                guard let id = support.lock(s, operation: "state-mv", timeout: timeout) else { return 1 }
                locks.append((s, id))
            }
            let (ok2, loaded2) = support.load(s, refreshMessage: "Failed to refresh destination state")
            guard ok2 else { return 1 }
            toBefore = loaded2
            stateTo = loaded2 ?? StateFile(serial: 0, lineage: "")
        }

        guard let targets = support.parseTargets(parsed.positional), targets.count == 2 else { return 1 }
        let dryRun = parsed.bool("dry-run")
        var scratchFrom = stateFrom
        var scratchTo = stateTo
        switch StateEdits.move(targets[0], to: targets[1], destinationText: parsed.positional[1], in: &scratchFrom, into: &scratchTo) {
        case .failure(.diagnostic(let d)):
            support.show(Diagnostics([d]))
            return 1
        case .failure(.message(let m)):
            support.error(m)
            return 1
        case .success(let moves):
            var out = ""
            for m in moves {
                out += "\(dryRun ? "Would move" : "Move") \(StateFileReader.goQuote(m.from)) to \(StateFileReader.goQuote(m.to))\n"
            }
            ctx.out(out)
            if dryRun {
                if moves.isEmpty { ctx.out("Would have moved nothing.\n") }
                return 0
            }
            stateFrom = scratchFrom
            stateTo = scratchTo
            let persistError = "Error saving the state: %@\n\nThe state was not saved. No items were removed from the persisted\nstate. No backup was created since no modification occurred. Please\nresolve the issue above and try again."
            if let toStore, let stateTo {
                if case .failure(let e) = toStore.write(stateTo.preparedForWrite(after: toBefore)) {
                    support.error(persistError.replacingOccurrences(of: "%@", with: "\(e)"))
                    return 1
                }
            }
            if case .failure(let e) = fromStore.write(stateFrom.preparedForWrite(after: fromBefore)) {
                support.error(persistError.replacingOccurrences(of: "%@", with: "\(e)"))
                return 1
            }
            ctx.out(moves.isEmpty ? "No matching objects found.\n" : "Successfully moved \(moves.count) object(s).\n")
            return 0
        }
    }
}
