import Foundation
import State

struct StatePushCommand: Command {
    static let path = ["state", "push"]
    static let synopsis = "Update remote state from a local state file"
    static let usage = """
    Usage: terraform [global options] state push [options] PATH

      Replaces the workspace's state with the state file at PATH ("-" reads
      standard input). Refuses a different lineage or an older serial unless
      -force is given.

    Options:

      -force                  Write the state even if lineages differ or the
                              destination serial is higher.

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -ignore-remote-version  Continue even if remote and local Terraform versions
                              are incompatible.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state push")
        flags.bool("force")
        flags.bool("ignore-remote-version")
        flags.stateLockingFlags()
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, _) = begun else { return begun.exitCode }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Exactly one argument expected.\n", Self.self)
        }
        let source = parsed.positional[0]
        var bytes: [UInt8] = []
        if source == "-" {
            bytes = ctx.readAll()
        } else {
            switch LocalFile.read(ctx.path(source)) {
            case .success(let b) where !b.isEmpty || FileManager.default.fileExists(atPath: ctx.path(source)):
                bytes = b
            case .success:
                support.error("Error reading source state \(StateFileReader.goQuote(source)): open \(source): no such file or directory")
                return 1
            case .failure(let e):
                support.error("Error reading source state \(StateFileReader.goQuote(source)): \(e)")
                return 1
            }
        }
        let incoming: StateFile?
        switch StateFileReader.read(bytes) {
        case .state(let s): incoming = s
        case .noState: incoming = nil
        case .failed(let diags):
            support.error("Error reading source state \(StateFileReader.goQuote(source)): \(StateStoreError.goErrorText(diags))")
            return 1
        }
        guard let store = support.store() else { return 1 }
        var lockID: String?
        if parsed.bool("lock") {
            guard let id = support.lock(store, operation: "state-push", timeout: parsed.duration("lock-timeout")) else { return 1 }
            lockID = id
        }
        defer { if let lockID { support.unlock(store, lockID) } }
        let existing: StateFile?
        switch store.read() {
        case .success(let s): existing = s
        case .failure(let e):
            support.error("Failed to refresh destination state: \(e)")
            return 1
        }
        guard var next = incoming else {
            support.error("Failed to write state: cannot import a nil state snapshot")
            return 1
        }
        if !parsed.bool("force"), let existing, !existing.hasNoContent {
            if next.lineage != existing.lineage {
                support.error("Failed to write state: cannot import state with lineage \(StateFileReader.goQuote(next.lineage)) over unrelated state with lineage \(StateFileReader.goQuote(existing.lineage))")
                return 1
            }
            if next.serial < existing.serial {
                support.error("Failed to write state: cannot import state with serial \(next.serial) over newer state with serial \(existing.serial)")
                return 1
            }
        }
        // A pushed snapshot keeps its own lineage and serial, as terraform's migration write does.
        next.terraformVersion = StateFile.currentTerraformVersion
        if case .failure(let e) = store.write(next) {
            support.error("Failed to persist state: \(e)")
            return 1
        }
        return 0
    }
}
