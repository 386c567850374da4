import Config
import HCL
import State

struct StateListCommand: Command {
    static let path = ["state", "list"]
    static let synopsis = "List resources in the state"
    static let usage = """
    Usage: terraform [global options] state list [options] [address...]

      Lists the resource instances in the state, optionally only those under the
      given module or resource addresses.

    Options:

      -state=statefile    The state file to read instead of the workspace's state.

      -id=ID              Only instances whose "id" attribute equals ID.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state list")
        flags.string("state")
        flags.string("id")
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, _) = begun else { return begun.exitCode }
        guard let store = support.store(statePath: parsed.string("state")) else { return 1 }
        if parsed.positional.isEmpty && parsed.string("id").isEmpty, let local = store as? LocalStateStore,
           let headers = local.readHeaders() {
            var out = ""
            for a in headers.instanceAddresses { out += a.description + "\n" }
            ctx.out(out)
            return 0
        }
        let (ok, loaded) = support.load(store)
        guard ok else { return 1 }
        guard let state = loaded else {
            support.error(StateCommandSupport.stateNotFound)
            return 1
        }
        var addrs: [AbsResourceInstance]
        if parsed.positional.isEmpty {
            addrs = state.instanceAddresses
        } else {
            guard let targets = support.parseTargets(parsed.positional) else { return 1 }
            addrs = []
            var diags = Diagnostics()
            for t in targets {
                if let missing = StateEdits.missing(t, in: state) { diags += missing; continue }
                addrs += StateEdits.instances(matching: t, in: state)
            }
            if diags.hasErrors {
                support.show(diags)
                return 1
            }
        }
        let id = parsed.string("id")
        var out = ""
        for a in addrs {
            if !id.isEmpty {
                guard let obj = state.instance(a), obj.legacyID == id else { continue }
            }
            out += a.description + "\n"
        }
        ctx.out(out)
        return 0
    }
}
