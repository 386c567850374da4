import Config
import HCL
import State

struct StateShowCommand: Command {
    static let path = ["state", "show"]
    static let synopsis = "Show a resource in the state"
    static let usage = """
    Usage: terraform [global options] state show [options] ADDRESS

      Shows the attributes of one resource instance in the state.

    Options:

      -state=statefile    The state file to read instead of the workspace's state.

    """

    /// terraform's line keeps a space after "modify".
    static let oneInstanceHint = "This command requires that the address references one specific instance.\n"
        + "To view the available instances, use \"terraform state list\". Please modify \n"
        + "the address to reference a specific instance.\n"

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state show")
        flags.string("state")
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, let color) = begun else { return begun.exitCode }
        guard parsed.positional.count == 1 else {
            // state show writes its errors straight to stderr, uncoloured; the usage follows on stdout
            ctx.err("Exactly one argument expected.\n")
            ctx.out(usage.replacingProgramName(ctx.programName))
            return 1
        }
        let (addr, diags) = AddressParser.parseAbsResourceInstance(parsed.positional[0])
        guard let addr else {
            ctx.err("Error parsing instance address: \(parsed.positional[0])\n\n" + Self.oneInstanceHint)
            _ = diags
            return 1
        }
        guard let store = support.store(statePath: parsed.string("state")) else { return 1 }
        let (ok, loaded) = support.load(store)
        guard ok else { return 1 }
        guard let state = loaded, !state.hasNoContent else {
            ctx.err(StateCommandSupport.stateNotFound + "\n")
            return 1
        }
        guard let resource = state.resource(addr.absResource),
              let obj = resource.instances.first(where: { $0.key == addr.key && $0.deposed == nil }) else {
            ctx.err("No instance found for the given address!\n\n" + Self.oneInstanceHint)
            return 1
        }
        if let problem = obj.attributeShapeProblem(mode: resource.address.resource.mode.rawValue, type: resource.address.resource.type) {
            // terraform marshals the one instance, prints the error, renders an empty state and succeeds.
            ctx.err("Failed to marshal state to json: \(problem)")
            ctx.out("The state file is empty. No resources are represented.\n")
            return 0
        }
        ctx.out(ShowStateRenderer(color: color).render(resource, obj))
        return 0
    }
}
