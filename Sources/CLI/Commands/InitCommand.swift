import Config
import Engine
import Foundation
import HCL

/// `init` for configurations that use only built-in providers and the local
/// backend: nothing to download, so it checks the configuration and reports.
struct InitCommand: Command {
    static let path = ["init"]
    static let synopsis = "Set up a working directory"
    static let usage = """
    Usage: terraform [global options] init [options]

      Prepares the working directory: backend, modules and providers. This
      build carries its providers in process, so nothing is downloaded.

    Options:

      -input=false   Don't ask for input.

      -no-color      Print without colour codes.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "init")
        flags.bool("no-color")
        flags.bool("input", default: true)
        flags.bool("upgrade")
        flags.bool("reconfigure")
        flags.bool("migrate-state")
        flags.bool("get", default: true)
        flags.list("backend-config")
        let colorWanted = !args.contains("-no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let color = !parsed.bool("no-color")
        let (tree, sources, diags) = ConfigTree.load(rootDirectory: ctx.workingDirectory)
        if diags.hasErrors {
            ctx.render(diags, color: color, sources: sources)
            return 1
        }
        let registry = BuiltinProviders.registry()
        var needed = Set<String>()
        for r in tree.module.resources.values {
            needed.insert(ProviderRegistry.fullSource(localName: r.providerLocalName, declared: tree.module.requiredProviders[r.providerLocalName]?.source))
        }
        for req in tree.module.requiredProviders.values {
            needed.insert(ProviderRegistry.fullSource(localName: req.localName, declared: req.source))
        }
        var out = "Initializing the backend...\n"
        if !needed.isEmpty { out += "Initializing provider plugins...\n" }
        var missing: [String] = []
        for source in needed.sorted() {
            if source == "terraform.io/builtin/terraform" {
                out += "- \(source) is built in to Terraform\n"
            } else if registry.provider(for: source) == nil {
                missing.append(source)
            }
        }
        ctx.out(out)
        if !missing.isEmpty {
            ctx.render(Diagnostics(missing.map { Diagnostic.error("Failed to query available provider packages", "Could not retrieve the list of available versions for provider \($0): Terraswift has no built-in implementation of this provider.") }),
                       color: color, sources: sources)
            return 1
        }
        ctx.out("""

        Terraform has been successfully initialized!

        You may now begin working with Terraform. Try running "terraform plan" to see
        any changes that are required for your infrastructure. All Terraform commands
        should now work.

        If you ever set or change modules or backend configuration for Terraform,
        rerun this command to reinitialize your working directory. If you forget, other
        commands will detect it and remind you to do so if necessary.

        """)
        return 0
    }
}
