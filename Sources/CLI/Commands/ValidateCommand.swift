import Config
import Engine
import Foundation
import HCL
import JSON

struct ValidateCommand: Command {
    static let path = ["validate"]
    static let synopsis = "Check the configuration for errors"
    static let usage = """
    Usage: terraform [global options] validate [options]

      Checks the configuration files in a directory for errors: syntax,
      references to undeclared objects, arguments the providers do not accept.
      It reads no state and contacts no remote service.

    Options:

      -json        Print the result as a JSON document.

      -no-color    Print without colour codes.

      -no-tests    Skip the test files.

      -test-directory=path  Where test files are (default "tests").

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        var flags = FlagSet(command: "validate")
        flags.bool("json")
        flags.bool("no-color")
        flags.bool("no-tests")
        flags.string("test-directory", default: "tests")
        let colorWanted = !args.contains("-no-color") && !args.contains("--no-color")
        let parsed: ParsedFlags
        switch ctx.parseFlags(flags, args, for: Self.self, color: colorWanted) {
        case .parsed(let p): parsed = p
        case .exit(let code): return code
        }
        let color = !parsed.bool("no-color")
        guard parsed.positional.count <= 1 else {
            ctx.render(Diagnostics([.error("Too many command line arguments", "Expected at most one positional argument.")]),
                       color: color, sources: SourceFiles())
            return 1
        }
        let directory = parsed.positional.first.map { ctx.path($0) } ?? ctx.workingDirectory
        var diags = Diagnostics()
        var sources = SourceFiles()
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue {
            let (tree, treeSources, loadDiags) = ConfigTree.load(rootDirectory: directory)
            sources = treeSources
            diags += loadDiags
            if !loadDiags.hasErrors {
                diags += ConfigValidator(tree: tree).validate()
                diags += Engine.validateProvisioners(tree, forValidate: true)
                // terraform's validate walks the graph too, so a dependency cycle is an error here.
                if !diags.hasErrors { diags += ConfigGraph.build(tree).1 }
            }
        } else {
            diags += .error("Failed to read module directory",
                            "Module directory \(parsed.positional.first ?? directory) does not exist or cannot be read.")
        }

        if parsed.bool("json") {
            let renderer = DiagnosticRenderer(sources: sources, color: false)
            let doc: JSONValue = .object([
                "format_version": .string("1.0"),
                "valid": .bool(!diags.hasErrors),
                "error_count": .number(diags.errorCount),
                "warning_count": .number(diags.warningCount),
                "diagnostics": .array(diags.items.map { renderer.json($0) }),
            ])
            ctx.out(JSONWriter(indent: "  ").string(doc) + "\n")
            return diags.hasErrors ? 1 : 0
        }
        ctx.render(diags, color: color, sources: sources)
        if diags.hasErrors { return 1 }
        // terraform word-wraps this line at 78 columns, colour codes counted.
        if !diags.isEmpty {
            if color {
                ctx.out("\u{1B}[32m\u{1B}[1mSuccess!\u{1B}[0m The configuration is valid, but there were some\nvalidation warnings as shown above.\n\u{1B}[0m\n")
            } else {
                ctx.out("Success! The configuration is valid, but there were some validation warnings\nas shown above.\n\n")
            }
            return 0
        }
        if color {
            ctx.out("\u{1B}[32m\u{1B}[1mSuccess!\u{1B}[0m The configuration is valid.\n\u{1B}[0m\n")
        } else {
            ctx.out("Success! The configuration is valid.\n\n")
        }
        return 0
    }
}
