import State

struct ForceUnlockCommand: Command {
    static let path = ["force-unlock"]
    static let synopsis = "Release a stuck lock on the current workspace"
    static let usage = """
    Usage: terraform [global options] force-unlock LOCK_ID

      Removes the lock with the given ID from the workspace's state, for when a
      crashed or killed run left it behind. Local state cannot be unlocked this way.

    Options:

      -force                 Don't ask for confirmation.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "force-unlock")
        flags.bool("force")
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, let color) = begun else { return begun.exitCode }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Expected a single argument: LOCK_ID", Self.self)
        }
        let backend: Backend
        switch support.backend() {
        case .success(let b): backend = b
        case .failure(let e): support.error("\(e)"); return 1
        }
        if backend is LocalBackend {
            support.error("Local state cannot be unlocked by another process")
            return 1
        }
        guard let store = support.store() else { return 1 }
        if !parsed.bool("force") {
            ctx.out("Do you really want to force-unlock?\n  Terraform will remove the lock on the remote state.\n  This will allow local Terraform commands to modify this state, even though it\n  may still be in use. Only 'yes' will be accepted to confirm.\n\n  Enter a value: ")
            guard ctx.readLine() == "yes" else {
                ctx.out("force-unlock cancelled.\n")
                return 1
            }
        }
        if case .failure(let e) = store.unlock(parsed.positional[0]) {
            support.error("Failed to unlock state: \(e)")
            return 1
        }
        ctx.out(UIColor.colorize("[reset][bold][green]Terraform state has been successfully unlocked![reset][green]\n\nThe state has been unlocked, and Terraform commands should now be able to\nobtain a new lock on the remote state.", color: color) + "\n")
        return 0
    }
}
