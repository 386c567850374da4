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

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        var flags = FlagSet(command: "state show")
        flags.string("state")
        let begun = StateCommandSupport.begin(ctx, rawArgs, Self.self, flags)
        guard case .ready(let parsed, let support, let color) = begun else { return begun.exitCode }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Exactly one argument expected.\n", Self.self)
        }
        let (addr, diags) = AddressParser.parseAbsResourceInstance(parsed.positional[0])
        guard let addr else {
            support.error("Error parsing instance address: \(parsed.positional[0])\n\nThis command requires that the address references one specific instance.\nTo view the available instances, use \"terraform state list\". Please modify\nthe address to reference a specific instance.")
            _ = diags
            return 1
        }
        guard let store = support.store(statePath: parsed.string("state")) else { return 1 }
        let (ok, loaded) = support.load(store)
        guard ok else { return 1 }
        guard let state = loaded, !state.hasNoContent else {
            support.error(StateCommandSupport.stateNotFound)
            return 1
        }
        guard let resource = state.resource(addr.absResource),
              let obj = resource.instances.first(where: { $0.key == addr.key && $0.deposed == nil }) else {
            support.error("No instance found for the given address!\n\nThis command requires that the address references one specific instance.\nTo view the available instances, use \"terraform state list\". Please modify\nthe address to reference a specific instance.")
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
