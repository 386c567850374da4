import Config
import Foundation
import HCL
import JSON

struct ProvidersCommand: Command {
    static let path = ["providers"]
    static let synopsis = "List the providers the configuration needs"
    static let usage = """
    Usage: terraform [global options] providers [options] [DIR]

      Prints the providers each module of the configuration needs, as a tree,
      with the version constraints that apply to them.

    Options:

      -test-directory=path  Where test files are (default "tests").

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "providers")
        flags.string("test-directory", default: "tests")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: true) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let root = parsed.positional.first.map { ctx.path($0) } ?? ctx.workingDirectory
        let (tree, sources, diags) = ConfigTree.load(rootDirectory: root)
        if diags.hasErrors {
            ctx.render(diags, color: true, sources: sources)
            return 1
        }
        var out = "\nProviders required by configuration:\n.\n"
        func lines(for node: ConfigTree, prefix: String) {
            var items: [(String, ConfigTree?)] = []
            let requirements = NativeProviders.requirements(of: ConfigTree.single(node))
            for (address, constraints) in requirements {
                let text = constraints.isEmpty ? "" : " " + constraints.joined(separator: ", ")
                items.append(("provider[\(address.description)]\(text)", nil))
            }
            for name in node.children.keys.sorted() {
                items.append(("module.\(name)", node.children[name]))
            }
            for (i, item) in items.enumerated() {
                let last = i == items.count - 1
                out += prefix + (last ? "└── " : "├── ") + item.0 + "\n"
                if let child = item.1 {
                    lines(for: child, prefix: prefix + (last ? "    " : "│\u{00A0}\u{00A0} "))
                }
            }
        }
        lines(for: tree, prefix: "")
        out += "\n"
        // Then the providers the workspace's state records, as terraform lists them.
        guard let store = StateCommandSupport(ctx, color: true).store() else { return 1 }
        switch store.read() {
        case .success(let state):
            let fqns = Set((state?.resources ?? []).compactMap { ProvidersCommand.providerFQN($0.provider) })
            if !fqns.isEmpty {
                out += "Providers required by state:\n\n" + fqns.sorted().map { "    provider[\($0)]\n\n" }.joined()
            }
        case .failure(let e):
            ctx.out(out)
            ctx.render(Diagnostics([.error("Failed to load state", "\(e)")]), color: true, sources: sources)
            return 1
        }
        ctx.out(out)
        return 0
    }
}

extension ProvidersCommand {
    /// `registry.terraform.io/hashicorp/random` from `module.x.provider["registry.terraform.io/hashicorp/random"].alias`.
    static func providerFQN(_ address: String) -> String? {
        guard let start = address.range(of: "provider[\""), let end = address.range(of: "\"]", range: start.upperBound..<address.endIndex) else { return nil }
        return String(address[start.upperBound..<end.lowerBound])
    }
}

struct ProvidersSchemaCommand: Command {
    static let path = ["providers", "schema"]
    static let synopsis = "Print the schemas of the providers in use"
    static let usage = """
    Usage: terraform [global options] providers schema -json

      Prints, as JSON, the schemas of the providers the configuration uses, in the
      format of terraform's own command.

    Options:

      -json    Required: JSON is the only output format.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "providers schema")
        flags.bool("json")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: true) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        guard parsed.bool("json") else {
            ctx.err("The `terraform providers schema` command requires the `-json` flag.\n")
            ctx.out(usage)
            return 1
        }
        let (tree, sources, diags) = ConfigTree.load(rootDirectory: ctx.workingDirectory)
        if diags.hasErrors {
            ctx.render(diags, color: true, sources: sources)
            return 1
        }
        var entries: [JSONMember] = []
        for (address, _) in NativeProviders.requirements(of: tree) {
            guard let text = ProviderSchemas.documentText(for: address), let doc = try? JSON.parse(text),
                  let schemas = doc["provider_schemas"]?.objectValue else { continue }
            entries.append(contentsOf: schemas)
        }
        entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let doc: JSONValue = .object([
            "format_version": .string("1.0"),
            "provider_schemas": .object(entries),
        ])
        ctx.out(JSONWriter().string(doc) + "\n")
        return 0
    }
}
