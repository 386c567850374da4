import Config
import HCL
import State

/// `taint` and `untaint`: one command type, two words.
protocol TaintToggle: Command {
    static var tainting: Bool { get }
}

extension TaintToggle {
    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        var flags = FlagSet(command: tainting ? "taint" : "untaint")
        flags.bool("allow-missing")
        flags.string("backup")
        flags.string("state")
        flags.string("state-out")
        flags.bool("ignore-remote-version")
        flags.stateLockingFlags()
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let support = StateCommandSupport(ctx, color: color)
        guard parsed.positional.count == 1 else {
            support.error("The \(tainting ? "taint" : "untaint") command expects exactly one argument.")
            ctx.err(usage.replacingProgramName(ctx.programName))
            return 1
        }
        let (parsedAddr, diags) = AddressParser.parseAbsResourceInstance(parsed.positional[0])
        guard let addr = parsedAddr else {
            support.show(diags)
            return 1
        }
        if tainting && addr.resource.resource.mode != .managed {
            support.error("Resource instance \(addr) cannot be tainted")
            return 1
        }
        let backup = parsed.isSet("backup") ? parsed.string("backup") : nil
        let stateOut = parsed.isSet("state-out") ? parsed.string("state-out") : nil
        guard let store = support.store(statePath: parsed.string("state"), stateOut: stateOut, backup: backup) else { return 1 }
        var lockID: String?
        if parsed.bool("lock") {
            guard let id = support.lock(store, operation: tainting ? "taint" : "untaint", timeout: parsed.duration("lock-timeout")) else { return 1 }
            lockID = id
        }
        defer { if let lockID { support.unlock(store, lockID) } }
        let loaded: StateFile?
        switch store.read() {
        case .success(let s): loaded = s
        case .failure(let e):
            support.error("Failed to load state: \(e)")
            return 1
        }
        let allowMissing = parsed.bool("allow-missing")
        func missing(_ detail: String) -> Int32 {
            if allowMissing {
                support.show(Diagnostics([.warning("No such resource instance", "Resource instance \(addr) was not found, but this is not an error because -allow-missing was set.")]))
                return 0
            }
            support.show(Diagnostics([.error("No such resource instance", detail)]))
            return 1
        }
        guard var state = loaded, !state.hasNoContent else {
            return missing("The state currently contains no resource instances whatsoever. This may occur if the configuration has never been applied or if it has recently been destroyed.")
        }
        let before = state
        guard let resource = state.resource(addr.absResource), resource.instances.contains(where: { $0.key == addr.key }) else {
            return missing("There is no resource instance in the state with the address \(addr). If the resource configuration has just been added, you must run \"terraform apply\" once to create the corresponding instance(s) before they can be tainted.")
        }
        guard let current = state.instance(addr) else {
            return missing("Resource instance \(addr) is currently part-way through a create_before_destroy replacement action. Run \"terraform apply\" to complete its replacement before tainting it.")
        }
        if !tainting && current.status != .tainted {
            support.show(Diagnostics([.error("Resource instance is not tainted", "Resource instance \(addr) is not currently tainted, and so it cannot be untainted.")]))
            return 1
        }
        _ = StateEdits.setTainted(addr, tainting, in: &state)
        if case .failure(let e) = store.write(state.preparedForWrite(after: before)) {
            support.error("Error writing state file: \(e)")
            return 1
        }
        ctx.out(tainting ? "Resource instance \(addr) has been marked as tainted.\n"
                         : "Resource instance \(addr) has been successfully untainted.\n")
        return 0
    }
}

struct TaintCommand: TaintToggle {
    static let tainting = true
    static let path = ["taint"]
    static let synopsis = "Mark a resource instance as not fully functional"
    static let usage = """
    Usage: terraform [global options] taint [options] <address>

      Marks a resource instance as tainted so the next apply replaces it.

    Options:

      -allow-missing          Succeed even if the instance is missing.

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -ignore-remote-version  Continue even if remote and local Terraform versions
                              are incompatible.

    """
}

struct UntaintCommand: TaintToggle {
    static let tainting = false
    static let path = ["untaint"]
    static let synopsis = "Remove the 'tainted' state from a resource instance"
    static let usage = """
    Usage: terraform [global options] untaint [options] name

      Clears the tainted mark of a resource instance, so it is no longer replaced.

    Options:

      -allow-missing          Succeed even if the instance is missing.

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -ignore-remote-version  Continue even if remote and local Terraform versions
                              are incompatible.

    """
}
