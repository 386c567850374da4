/// Every command terraswift knows. Add one line per command.
enum CommandTable {
    static let commands: [Command.Type] = [
        VersionCommand.self,
        ValidateCommand.self,
        InitCommand.self,
        ProvidersCommand.self,
        ProvidersSchemaCommand.self,
        ConsoleCommand.self,
        FmtCommand.self,
        StateListCommand.self,
        StateShowCommand.self,
        StateMvCommand.self,
        StateRmCommand.self,
        StatePullCommand.self,
        OutputCommand.self,
        ShowCommand.self,
        StatePushCommand.self,
        StateReplaceProviderCommand.self,
        TaintCommand.self,
        UntaintCommand.self,
        WorkspaceListCommand.self,
        WorkspaceShowCommand.self,
        WorkspaceSelectCommand.self,
        WorkspaceNewCommand.self,
        WorkspaceDeleteCommand.self,
        ForceUnlockCommand.self,
        PlanCommand.self,
        ApplyCommand.self,
        DestroyCommand.self,
        RefreshCommand.self,
        GraphCommand.self,
        ImportCommand.self,
        StateCommand.self,
        WorkspaceCommand.self,
    ]

    /// Terraform's command list, shown by `-help` even where a command is not built yet.
    static let mainCommands: [(String, String)] = [
        ("init", "Set up a working directory: backend, modules, providers"),
        ("validate", "Check the configuration for errors"),
        ("plan", "Preview the changes the configuration calls for"),
        ("apply", "Make the planned changes"),
        ("destroy", "Remove everything the configuration manages"),
    ]

    static let otherCommands: [(String, String)] = [
        ("console", "Evaluate expressions interactively"),
        ("fmt", "Rewrite configuration files in canonical style"),
        ("force-unlock", "Remove a state lock left behind"),
        ("get", "Download the modules the configuration calls"),
        ("graph", "Print the operation graph in DOT format"),
        ("import", "Bring an existing object under management"),
        ("login", "Store an API token for a remote host"),
        ("logout", "Forget the stored token for a remote host"),
        ("metadata", "Print metadata about this build"),
        ("modules", "List the module calls of the configuration"),
        ("output", "Print the root module's output values"),
        ("providers", "List the providers the configuration needs"),
        ("refresh", "Read remote objects into the state"),
        ("show", "Print the state or a saved plan"),
        ("state", "Inspect and edit the state"),
        ("taint", "Force a resource instance to be replaced"),
        ("test", "Run the module's test files"),
        ("untaint", "Undo a taint"),
        ("version", "Print the version"),
        ("workspace", "Create, list, select and delete workspaces"),
    ]

    static var topLevelNames: [String] {
        (mainCommands + otherCommands).map(\.0)
    }

    /// The command named by the longest prefix of `args`, and how many words it used.
    static func lookup(_ args: [String]) -> (Command.Type?, Int) {
        var best: (Command.Type, Int)?
        for command in commands {
            let path = command.path
            guard path.count <= args.count, Array(args[0..<path.count]) == path else { continue }
            if best == nil || path.count > best!.1 {
                best = (command, path.count)
            }
        }
        return best.map { ($0.0, $0.1) } ?? (nil, 0)
    }

    static func helpText(programName: String) -> String {
        func rows(_ list: [(String, String)]) -> String {
            list.map { "  " + $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
        }
        return """
        Usage: \(programName) [global options] <subcommand> [args]

        Terraswift runs Terraform configurations with the same commands and flags.

        Main commands:
        \(rows(mainCommands))
        All other commands:
        \(rows(otherCommands))
        Global options (use these before the subcommand, if any):
          -chdir=DIR    Run the subcommand in DIR.
          -help         Print this list, or the help of the given subcommand.
          -version      Same as the "version" subcommand.

        """
    }
}
