/// The bare `state` and `workspace` words: terraform prints the family's usage
/// and subcommand list on stdout, exit 1 (0 when help was asked for).
enum ParentCommandUsage {
    static func run(_ ctx: CommandContext, _ args: [String], path: [String], usage: String) -> Int32 {
        let rows = CommandTable.commands
            .filter { $0.path.count == path.count + 1 && Array($0.path.prefix(path.count)) == path }
            .map { ($0.path.last ?? "", $0.synopsis) }
            .sorted { $0.0 < $1.0 }
        // terraform's listing: four spaces, names padded to the longest plus four
        let width = (rows.map(\.0.count).max() ?? 0) + 4
        var text = usage.replacingProgramName(ctx.programName) + "Subcommands:\n"
        for (name, synopsis) in rows {
            text += "    " + name.padding(toLength: width, withPad: " ", startingAt: 0) + synopsis + "\n"
        }
        ctx.out(text)
        let askedForHelp = args.contains { $0 == "-help" || $0 == "-h" || $0 == "--help" }
        return askedForHelp ? 0 : 1
    }
}

struct StateCommand: Command {
    static let path = ["state"]
    static let synopsis = "Advanced state management"
    static let usage = """
    Usage: terraform [global options] state <subcommand> [options] [args]

      Inspects and edits the state through the subcommands below. Each
      subcommand that changes the state first writes a timestamped backup of it.

      The output is line-oriented so that it combines well with grep, awk and
      other Unix tools.


    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        ParentCommandUsage.run(ctx, args, path: path, usage: usage)
    }
}

struct WorkspaceCommand: Command {
    static let path = ["workspace"]
    static let synopsis = "Workspace management"
    static let usage = """
    Usage: terraform [global options] workspace

      Creates, lists, shows, selects and deletes workspaces.


    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        ParentCommandUsage.run(ctx, args, path: path, usage: usage)
    }
}
