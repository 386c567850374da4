import Foundation
import HCL
import JSON
import State

struct OutputCommand: Command {
    static let path = ["output"]
    static let synopsis = "Show output values from your root module"
    static let usage = """
    Usage: terraform [global options] output [options] [NAME]

      Prints the root module's output values from the state, or only the one named.

    Options:

      -state=path      The state file to read instead of the workspace's state.

      -no-color        Plain text without colour codes.

      -json            Machine-readable JSON output.

      -raw             A single string, number or bool value as it is, for scripts.

    """

    static func run(_ ctx: CommandContext, _ rawArgs: [String]) -> Int32 {
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        var flags = FlagSet(command: "output")
        flags.string("state")
        flags.bool("json")
        flags.bool("raw")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let support = StateCommandSupport(ctx, color: color)
        if parsed.positional.count > 1 {
            support.showView(Diagnostics([.error("Unexpected argument", "The output command expects exactly one argument with the name of an output variable or no arguments to show all outputs.")]))
            ctx.err(CommandContext.helpPrompt("output"))
            return 1
        }
        let json = parsed.bool("json"), raw = parsed.bool("raw")
        if json && raw {
            support.showView(Diagnostics([.error("Invalid output format", "The -raw and -json options are mutually-exclusive.")]))
            ctx.err(CommandContext.helpPrompt("output"))
            return 1
        }
        let name = parsed.positional.first ?? ""
        if raw && name.isEmpty {
            support.showView(Diagnostics([.error("Output name required", "You must give the name of a single output value when using the -raw option.")]))
            ctx.err(CommandContext.helpPrompt("output"))
            return 1
        }
        guard let store = support.store(statePath: parsed.string("state")) else { return 1 }
        let outputs: [OutputValue]
        if let local = store as? LocalStateStore, let headers = local.readHeaders() {
            outputs = headers.outputs
        } else {
            switch store.read() {
            case .success(let s): outputs = s?.outputs ?? []
            case .failure(.unusable(let diags)):
                // terraform appends the reader's diagnostics themselves.
                support.showView(diags)
                return 1
            case .failure(let e):
                support.showView(Diagnostics([.error("Error loading state", "\(e)")]))
                return 1
            }
        }
        if outputs.isEmpty {
            if json && name.isEmpty {
                ctx.out("{}\n")
                return 0
            }
            if !json && !raw {
                support.showView(Diagnostics([.warning("No outputs found", "The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `terraform refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `terraform console` command to assist.")]))
                return 0
            }
        }
        if !name.isEmpty {
            guard let o = outputs.first(where: { $0.name == name }) else {
                support.showView(Diagnostics([.error("Output \"\(name)\" not found", "The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `terraform apply`, since the state won't be updated with new output variables until that command is run.")]))
                return 1
            }
            if json {
                ctx.out(o.value.compactString + "\n")
            } else if raw {
                switch o.value {
                case .string(let s): ctx.out(s)
                case .number(let n): ctx.out(n)
                case .bool(let b): ctx.out(b ? "true" : "false")
                case .null:
                    support.showView(Diagnostics([.error("Unsupported value for raw output", "The value for output value \"\(name)\" is null, so -raw mode cannot print it.")]))
                    return 1
                default:
                    support.showView(Diagnostics([.error("Unsupported value for raw output", "The -raw option only supports strings, numbers, and boolean values, but output value \"\(name)\" is \(OutputValueFormat.friendlyName(o.type)).\n\nUse the -json option for machine-readable representations of output values that have complex types.")]))
                    return 1
                }
            } else {
                ctx.out(OutputValueFormat.format(o.value, o.type) + "\n")
            }
            return 0
        }
        if json {
            let doc = JSONValue.object(outputs.map { o in
                JSONMember(key: o.name, value: .object([
                    JSONMember(key: "sensitive", value: .bool(o.sensitive)),
                    JSONMember(key: "type", value: o.type),
                    JSONMember(key: "value", value: o.value),
                ]))
            })
            ctx.out(JSONWriter(indent: "  ").string(doc) + "\n")
            return 0
        }
        var text = ""
        for o in outputs {
            text += o.sensitive ? "\(o.name) = <sensitive>\n" : "\(o.name) = \(OutputValueFormat.format(o.value, o.type))\n"
        }
        ctx.out(text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
        return 0
    }
}
