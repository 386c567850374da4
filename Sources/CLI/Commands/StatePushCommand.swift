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
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        var flags = FlagSet(command: "state push")
        flags.bool("force")
        flags.bool("ignore-remote-version")
        flags.stateLockingFlags()
        let parsed: ParsedFlags
        switch ctx.parseFlagsLegacy(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let support = StateCommandSupport(ctx, color: color)
        guard parsed.positional.count == 1 else {
            support.error("Exactly one argument expected.\n")
            ctx.err(usage.replacingProgramName(ctx.programName))
            return 1
        }
        let source = parsed.positional[0]
        var bytes: [UInt8] = []
        if source == "-" {
            var lines: [String] = []
            while let l = ctx.readLine() { lines.append(l) }
            bytes = Array(lines.joined(separator: "\n").utf8)
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
