import Config
import Foundation
import HCL

struct InitCommand: Command {
    static let path = ["init"]
    static let synopsis = "Set up a working directory: backend, modules, providers"
    static let usage = """
    Usage: terraform [global options] init [options]

      Prepares the working directory: installs the modules the configuration
      calls into .terraform/modules, records the backend settings, and checks
      that every provider it needs is one Terraswift carries natively (nothing
      is downloaded for providers). Safe to run again at any time.

    Options:

      -backend=false          Leave the backend as it is.
      -backend-config=path    A file or key=value setting merged into the backend
                              block; may be repeated.
      -get=false              Do not install modules.
      -input=false            Never prompt.
      -no-color               Print without colour codes.
      -upgrade                Reinstall modules at their newest allowed versions.
      -reconfigure            Ignore any recorded backend settings.
      -migrate-state          Copy existing state to a newly configured backend.
      -force-copy             Answer yes to state migration questions.
      -lock=false             Do not take the state lock while initialising.
      -lock-timeout=0s        How long to retry taking the lock.

    """

    /// terraform's preamble error for an invalid configuration, as its diagnostic renderer lays it out
    /// (the message is the summary, with its own colour resets inside).
    static func configErrorPreamble(color: Bool) -> String {
        let lines = ["Terraform encountered problems during initialisation, including problems",
                     "with the configuration, described below.",
                     "",
                     "The Terraform configuration must be valid before initialization so that",
                     "Terraform can determine which modules and providers need to be installed."]
        guard color else { return "\nError: " + lines.joined(separator: "\n") + "\n\n" }
        let esc = "\u{1B}[", reset = esc + "0m"
        let bar = esc + "31m│" + reset + " " + reset
        var text = esc + "31m╷" + reset + reset + "\n"
        text += bar + esc + "1m" + esc + "31mError: " + reset + reset + esc + "1m" + reset + lines[0] + "\n"
        for line in lines.dropFirst().dropLast() { text += bar + line + "\n" }
        text += bar + lines[lines.count - 1] + reset + reset + "\n"
        text += bar + "\n" + bar + reset + "\n"
        text += esc + "31m╵" + reset + reset + "\n"
        return text
    }

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "init")
        for name in ["backend", "get", "input", "lock"] { flags.bool(name, default: true) }
        for name in ["no-color", "upgrade", "reconfigure", "migrate-state", "force-copy", "json", "verify-plugins"] { flags.bool(name) }
        flags.list("backend-config")
        flags.string("from-module")
        flags.string("plugin-dir")
        flags.string("lockfile")
        flags.string("test-directory", default: "tests")
        flags.duration("lock-timeout")
        let colorWanted = !args.contains("-no-color") && !args.contains("--no-color")
        let parsed: ParsedFlags
        // terraform's init shows the flag error without the pointer to -help
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted, helpPrompt: false) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let color = !parsed.bool("no-color")
        func heading(_ s: String) {
            ctx.out(color ? "\u{1B}[0m\u{1B}[1m\(s)\u{1B}[0m\n" : "\(s)\n")
        }
        let root = ctx.workingDirectory
        var (tree, sources, diags) = ConfigTree.load(rootDirectory: root)
        // Child modules are not installed yet: only the root module's own errors count here.
        diags = Diagnostics(diags.items.filter { $0.summary != "Module not installed" })
        if diags.hasErrors {
            // terraform gets as far as the backend step with a root module that parsed, then shows its
            // sourceless "encountered problems" error, which sorts before the configuration's own
            heading("Initializing the backend...")
            ctx.err(Self.configErrorPreamble(color: color))
            ctx.render(diags, color: color, sources: sources)
            return 1
        }

        heading("Initializing the backend...")
        if parsed.bool("backend") {
            var configured: BackendSettings?
            if let block = tree.module.backend {
                let (settings, backendDiags) = BackendSettings.resolve(block, overrides: parsed.list("backend-config"), workingDirectory: root)
                diags += backendDiags
                if backendDiags.hasErrors || settings == nil {
                    ctx.render(diags, color: color, sources: sources)
                    return 1
                }
                configured = settings
            }
            var step = InitBackendStep(ctx: ctx, color: color, parsed: parsed)
            step.hasOverrides = !parsed.list("backend-config").isEmpty
            let outcome = step.run(configured)
            if !outcome.ok {
                diags += outcome.diags
                ctx.render(diags, color: color, sources: sources)
                return 1
            }
            diags += outcome.diags
        }

        if parsed.bool("get"), tree.allModules.contains(where: { !$0.module.moduleCalls.isEmpty }) {
            heading("Initializing modules...")
            var installer = ModuleInstaller(rootDirectory: root, environment: ctx.environment, reader: ConfigTree.CallReader())
            installer.upgrade = parsed.bool("upgrade")
            installer.progress = { ctx.out($0) }
            let (_, installDiags) = installer.install()
            diags += installDiags
            // terraform stops at module installation errors
            if installDiags.hasErrors {
                ctx.render(diags, color: color, sources: sources)
                return 1
            }
            if !installDiags.hasErrors {
                let reloadDiags: Diagnostics
                (tree, sources, reloadDiags) = ConfigTree.load(rootDirectory: root)
                // Checks across module calls (provider passing) can only run once the children are installed.
                for d in reloadDiags.items where ["Reference to undefined provider", "Provider type mismatch"].contains(d.summary)
                    && !diags.items.contains(where: { $0.summary == d.summary && $0.detail == d.detail && $0.subject == d.subject }) {
                    diags += d
                }
            }
        }

        heading("Initializing provider plugins...")
        for (address, constraints) in NativeProviders.requirements(of: tree) {
            if address.isBuiltIn {
                ctx.out("- \(address.description) is built in to Terraform\n")
                continue
            }
            guard let version = NativeProviders.versions[address.description] else {
                diags += .error("Failed to query available provider packages",
                                "Could not retrieve the list of available versions for provider \(address.forDisplay): Terraswift carries its providers natively and has no provider \(address.forDisplay). Built-in providers: \(NativeProviders.versions.keys.sorted().joined(separator: ", ")).")
                continue
            }
            ctx.out("- Using \(address.forDisplay) v\(version), built into Terraswift\n")
            for text in constraints {
                guard let c = try? VersionConstraints(text), let v = ModuleVersion(version) else { continue }
                if !c.allows(v) {
                    diags += .warning("Provider version constraint not met",
                                      "The configuration asks for \(address.forDisplay) \"\(text)\", but Terraswift carries \(address.forDisplay) v\(version). Terraswift will use v\(version); check that the configuration works with it.")
                }
            }
        }
        if FileManager.default.fileExists(atPath: root + "/.terraform.lock.hcl") {
            ctx.out("- Keeping the existing .terraform.lock.hcl unchanged\n")
        }

        if diags.hasErrors {
            ctx.render(diags, color: color, sources: sources)
            return 1
        }
        ctx.render(diags, color: color, sources: sources)
        let success = "Terraform has been successfully initialized!"
        // terraform's next steps for a person at a shell, word for word; left out under TF_IN_AUTOMATION.
        let body = """

        You may now begin working with Terraform. Try running "terraform plan" to see
        any changes that are required for your infrastructure. All Terraform commands
        should now work.

        If you ever set or change modules or backend configuration for Terraform,
        rerun this command to reinitialize your working directory. If you forget, other
        commands will detect it and remind you to do so if necessary.
        """
        if color {
            ctx.out("\n\u{1B}[0m\u{1B}[1m\u{1B}[32m\(success)\u{1B}[0m\u{1B}[32m\u{1B}[0m\n")
            if !ctx.inAutomation { ctx.out("\u{1B}[0m\u{1B}[32m\(body)\u{1B}[0m\n") }
        } else {
            ctx.out("\n\(success)\n")
            if !ctx.inAutomation { ctx.out("\(body)\n") }
        }
        return 0
    }
}
