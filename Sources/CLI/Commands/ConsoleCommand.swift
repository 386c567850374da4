import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Config
import Engine
import HCL
import State
import Values

/// `terraswift console`: evaluates expressions read from stdin. Piped input
/// behaves like terraform's: every line is evaluated, the first error stops
/// with status 1, and only the last result is printed. On a terminal each
/// result is printed after a `> ` prompt.
struct ConsoleCommand: Command {
    static let path = ["console"]
    static let synopsis = "Evaluate expressions interactively"
    static let usage = """
    Usage: terraform [global options] console [options]

      Starts an interactive console for experimenting with Terraform
      interpolations.

      This will open an interactive console that you can use to type
      interpolations into and inspect their values. This command loads the
      current state. This lets you explore and test interpolations before
      using them in future configurations.

      This command will never modify your state.

    Options:

      -state=path       Legacy option for the local backend only. See the local
                        backend's documentation for more information.

      -plan             Create a new plan (as if running "terraform plan") and
                        then evaluate expressions against its planned state,
                        instead of evaluating against the current state.
                        You can use this to inspect the effects of configuration
                        changes that haven't been applied yet.

      -var 'foo=bar'    Set a variable in the Terraform configuration. This
                        flag can be set multiple times.

      -var-file=foo     Set variables in the Terraform configuration from
                        a file. If "terraform.tfvars" or any ".auto.tfvars"
                        files are present, they will be automatically loaded.

    """

    static let helpText = """
    The Terraform console allows you to experiment with Terraform interpolations.
    You may access resources in the state (if you have one) just as you would
    from a configuration. For example: "aws_instance.foo.id" would evaluate
    to the ID of "aws_instance.foo" if it exists in your state.

    Type in the interpolation to test and hit <enter> to see the result.

    To exit the console, type "exit" and hit <enter>, or use Control-C or
    Control-D.
    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "console")
        flags.bool("no-color")
        flags.string("state")
        flags.bool("plan")
        flags.list("var")
        flags.list("var-file")
        let color = !args.contains("-no-color") && !args.contains("--no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: color) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        tuneAllocatorForLargeValues()
        guard let scope = loadScope(ctx, parsed, color: color, plan: parsed.bool("plan")) else { return 1 }
        let session = ConsoleSession(scope: scope)
        return ctx.stdinIsTerminal ? interactive(ctx, session, color: color) : piped(ctx, session, color: color)
    }

    /// The root module's scope: configuration, variables (env < tfvars <
    /// auto.tfvars < -var/-var-file in order) and the workspace's state, or
    /// the file -state names. With `plan`, resources have their planned
    /// values instead, as terraform's `console -plan` evaluates against the
    /// plan it makes first. Nil after printing errors.
    static func loadScope(_ ctx: CommandContext, _ parsed: ParsedFlags, color: Bool, plan: Bool = false) -> TerraformScope? {
        let root = ctx.workingDirectory
        let (tree, treeSources, loadDiags) = ConfigTree.load(rootDirectory: root)
        var sources = treeSources
        var diags = loadDiags
        if diags.hasErrors {
            render(ctx, diags, color: color, sources: sources)
            return nil
        }
        let occurrences = parsed.occurrences.filter { $0.name == "var" || $0.name == "var-file" }
        let (raw, collectDiags) = InputVariables.collect(rootDirectory: root, environment: ctx.environment,
                                                         occurrences: occurrences, sources: &sources)
        diags += collectDiags
        // Unset required variables are unknown here, as in terraform's eval walk.
        let (variables, varDiags) = InputVariables.finalize(raw, declarations: tree.module.variables, requireAll: false)
        diags += varDiags
        if diags.hasErrors {
            render(ctx, diags, color: color, sources: sources)
            return nil
        }
        let support = StateCommandSupport(ctx, color: color)
        // terraform's console gives -state a default of terraform.tfstate, and
        // a local backend honours it over its own path and the workspace's
        // file: with a local backend console always reads ./terraform.tfstate.
        var statePath = parsed.string("state")
        if statePath.isEmpty, case .success(let b) = support.backend(), b is LocalBackend { statePath = "terraform.tfstate" }
        guard let store = support.store(statePath: statePath.isEmpty ? nil : statePath) else { return nil }
        let (ok, state) = support.load(store)
        guard ok else { return nil }
        let registry = BuiltinProviders.registry(workingDirectory: ctx.workingDirectory, environment: ctx.environment)
        let loader = ConsoleScopeLoader(root: tree, rootDirectory: root, state: state, workspace: support.workspace, registry: registry)
        if plan {
            // Unset required variables stay unknown here too, as terraform plans with them.
            let settings = Engine.Settings(rootDirectory: root, workingDirectory: root, workspace: support.workspace, variables: variables)
            let (planned, planDiags) = Engine(tree: tree, settings: settings, registry: registry, hooks: nil).plan(prior: state)
            diags += planDiags
            var values: [AbsResource: [InstanceKey: Value]] = [:]
            for change in planned.changes + planned.readData where change.action != .delete {
                values[change.address.absResource, default: [:]][change.address.key] = change.after
            }
            loader.planned = values
        }
        let scope = loader.scope(tree, instance: .root, variables: variables)
        diags += loader.diagnostics
        if diags.hasErrors {
            // terraform still evaluates against what it could work out, after
            // the errors and a warning that results may be incomplete.
            render(ctx, diags, color: color, sources: sources)
            render(ctx, Diagnostics([.warning("Due to the problems above, some expressions may produce unexpected results.")]), color: color)
            return scope
        }
        if !diags.isEmpty { render(ctx, diags, color: color, sources: sources) }
        if diags.hasErrors { return nil }
        return scope
    }

    /// Large documents (jsondecode of megabytes) become millions of small
    /// allocations freed together; glibc's fastbins then make every large
    /// free consolidate them again, about a quarter of the run. Without
    /// fastbins small blocks still come from the per-thread cache.
    static func tuneAllocatorForLargeValues() {
        #if canImport(Glibc)
        // mallopt is not in Swift's Glibc module; M_MXFAST is 1 in malloc.h.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(sym, to: MallOpt.self)(1, 0)
        }
        #endif
    }

    /// Terraform shows each error through its UI's error writer, which wraps
    /// the text in red (when colour is on) and ends it with a newline; a
    /// warning goes through the warning writer, in yellow.
    static func render(_ ctx: CommandContext, _ diags: Diagnostics, color: Bool, sources: SourceFiles = SourceFiles()) {
        let renderer = DiagnosticRenderer(sources: sources, color: color, style: color ? .boxed : .plain)
        for d in diags {
            let text = renderer.render(d)
            let wrap = d.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
            let wrapped = color ? wrap + text + "\u{1B}[0m\u{1B}[0m\n" : text + "\n"
            if d.severity == .error { ctx.err(wrapped) } else { ctx.out(wrapped) }
        }
    }

    static func piped(_ ctx: CommandContext, _ session: ConsoleSession, color: Bool) -> Int32 {
        var last = ""
        while let raw = ctx.readLine() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            switch line {
            case "": last = ""
            case "exit": return 0
            case "help": last = helpText
            default:
                let r = session.evaluate(line)
                if r.diagnostics.hasErrors {
                    render(ctx, r.diagnostics, color: color)
                    return 1
                }
                last = r.output ?? ""
            }
        }
        ctx.out(last + "\n")
        return 0
    }

    static func interactive(_ ctx: CommandContext, _ session: ConsoleSession, color: Bool) -> Int32 {
        var pending: [String] = []
        while true {
            ctx.out(pending.isEmpty ? "> " : ": ")
            guard let line = ctx.readLine() else { ctx.out("exit\n"); break }
            pending.append(line)
            if line.trimmingCharacters(in: .whitespaces) != "" && couldContinue(pending) { continue }
            let input = pending.joined(separator: "\n")
            pending = []
            let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == "exit" { break }
            if trimmed == "" { ctx.out("\n"); continue }
            if trimmed == "help" { ctx.out(helpText + "\n"); continue }
            let r = session.evaluate(input)
            if r.diagnostics.hasErrors {
                render(ctx, r.diagnostics, color: color)
                continue
            }
            ctx.out((r.output ?? "") + "\n")
        }
        return 0
    }

    /// Whether the entered lines leave a bracket open, so more input is expected.
    static func couldContinue(_ lines: [String]) -> Bool {
        let tokens = Lexer.scan(Array(lines.joined(separator: "\n").utf8), filename: ConsoleSession.inputFilename)
        var depth = 0
        for t in tokens {
            switch t.kind {
            case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl, .oHeredoc, .oQuote: depth += 1
            case .cBrace, .cBrack, .cParen, .templateSeqEnd, .cHeredoc, .cQuote: depth -= 1
            default: break
            }
        }
        return depth > 0
    }
}
