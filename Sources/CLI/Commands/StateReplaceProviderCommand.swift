import Config
import HCL
import State

struct StateReplaceProviderCommand: Command {
    static let path = ["state", "replace-provider"]
    static let synopsis = "Replace provider in the state"
    static let usage = """
    Usage: terraform [global options] state replace-provider [options] FROM_PROVIDER_FQN TO_PROVIDER_FQN

      Points every resource of one provider at another provider address.

    Options:

      -auto-approve           Don't ask for confirmation.

      -lock=false             Don't hold a state lock during the operation.

      -lock-timeout=0s        How long to retry taking the lock.

      -ignore-remote-version  Continue even if remote and local Terraform versions
                              are incompatible.

    Options for local state only:

      -backup=PATH            Where to save the previous state.

      -state=PATH             The state file to edit.

    """

    /// A provider source address in its full form (`hashicorp/aws` -> `registry.terraform.io/hashicorp/aws`).
    static func providerSource(_ text: String) -> String? {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: { $0.isEmpty || $0.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) }) else { return nil }
        switch parts.count {
        case 1: return "registry.terraform.io/hashicorp/\(parts[0])"
        case 2: return "registry.terraform.io/\(parts[0])/\(parts[1])"
        case 3: return parts.joined(separator: "/")
        default: return nil
        }
    }

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state replace-provider")
        flags.bool("auto-approve")
        flags.string("backup", default: "-")
        flags.string("state")
        flags.bool("ignore-remote-version")
        flags.stateLockingFlags()
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, let color) = begun else { return begun.exitCode }
        guard parsed.positional.count == 2 else {
            return support.wrongArguments("Exactly two arguments expected.\n", Self.self)
        }
        var diags = Diagnostics()
        let from = providerSource(parsed.positional[0])
        let to = providerSource(parsed.positional[1])
        if from == nil { diags += .error("Invalid \"from\" provider \(StateFileReader.goQuote(parsed.positional[0]))", "The given address is not a valid provider source address.") }
        if to == nil { diags += .error("Invalid \"to\" provider \(StateFileReader.goQuote(parsed.positional[1]))", "The given address is not a valid provider source address.") }
        guard let from, let to else {
            support.show(diags)
            return 1
        }
        guard let store = support.store(statePath: parsed.string("state"), backup: parsed.string("backup"), timestampedBackup: true) else { return 1 }
        var lockID: String?
        if parsed.bool("lock") {
            guard let id = support.lock(store, operation: "state-replace-provider", timeout: parsed.duration("lock-timeout")) else { return 1 }
            lockID = id
        }
        defer { if let lockID { support.unlock(store, lockID) } }
        let (ok, loaded) = support.load(store, refreshMessage: "Failed to refresh source state")
        guard ok else { return 1 }
        guard var state = loaded else {
            support.error(StateCommandSupport.stateNotFound)
            return 1
        }
        let before = state
        let matching = state.resources.indices.filter { ResourceValueHints.providerSource(state.resources[$0].provider) == from }
        if matching.isEmpty {
            ctx.out("No matching resources found.\n")
            return 0
        }
        let c = { (s: String) in UIColor.colorize(s, color: color) }
        var text = "Terraform will perform the following actions:\n\n"
        text += c("  [yellow]~[reset] Updating provider:") + "\n"
        text += c("    [red]-[reset] \(from)") + "\n"
        text += c("    [green]+[reset] \(to)\n") + "\n"
        text += c("[bold]Changing[reset] \(matching.count) resources:\n") + "\n"
        for i in matching { text += "  \(state.resources[i].address)\n" }
        ctx.out(text)
        if !parsed.bool("auto-approve") {
            ctx.out("\nDo you want to make these changes?\n  Only 'yes' will be accepted to continue.\n\n  Enter a value: ")
            guard ctx.readLine() == "yes" else {
                ctx.out("Cancelled replacing providers.\n")
                return 0
            }
        }
        for i in matching {
            state.resources[i].provider = state.resources[i].provider.replacingOccurrences(of: "provider[\"\(from)\"]", with: "provider[\"\(to)\"]")
        }
        if case .failure(let e) = store.write(state.preparedForWrite(after: before)) {
            support.error("Error saving the state: \(e)\n\nThe state was not saved. No items were removed from the persisted\nstate. No backup was created since no modification occurred. Please\nresolve the issue above and try again.")
            return 1
        }
        ctx.out("\nSuccessfully replaced provider for \(matching.count) resources.\n")
        return 0
    }
}
