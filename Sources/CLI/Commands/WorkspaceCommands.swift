import Foundation
import HCL
import State

/// terraform's `[reset][green]` colour markup.
enum UIColor {
    static func colorize(_ s: String, color: Bool) -> String {
        let codes = ["[reset]": "\u{1B}[0m", "[bold]": "\u{1B}[1m", "[green]": "\u{1B}[32m", "[yellow]": "\u{1B}[33m", "[red]": "\u{1B}[31m"]
        var out = s
        for (k, v) in codes { out = out.replacingOccurrences(of: k, with: color ? v : "") }
        return color ? out + "\u{1B}[0m" : out
    }
}

enum WorkspaceSupport {
    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) }
    }

    static let doesNotExist = """
    Workspace %@ doesn't exist.

    You can create this workspace with the "new" subcommand 
    or include the "-or-create" flag with the "select" subcommand.
    """

    static func backend(_ support: StateCommandSupport) -> Backend? {
        switch support.backend() {
        case .success(let b): return b
        case .failure(let e):
            support.error("\(e)")
            return nil
        }
    }

    static func parse<C: Command>(_ ctx: CommandContext, _ rawArgs: [String], _ command: C.Type,
                                  configure: (inout FlagSet) -> Void) -> (ParsedFlags, StateCommandSupport)? {
        let (args, color) = StateCommandSupport.stripNoColor(rawArgs)
        var flags = FlagSet(command: C.path.joined(separator: " "))
        configure(&flags)
        switch ctx.parseFlagsLegacy(flags, args, for: command, color: color) {
        case .parsed(let p): return (p, StateCommandSupport(ctx, color: color))
        case .exit: return nil
        }
    }
}

struct WorkspaceListCommand: Command {
    static let path = ["workspace", "list"]
    static let synopsis = "List Workspaces"
    static let usage = """
    Usage: terraform [global options] workspace list

      Lists the workspaces; the selected one is marked with an asterisk.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        guard let (_, support) = WorkspaceSupport.parse(ctx, args, Self.self, configure: { _ in }) else { return args.contains("-help") ? 0 : 1 }
        guard let backend = WorkspaceSupport.backend(support) else { return 1 }
        let names: [String]
        switch backend.workspaces() {
        case .success(let n): names = n
        case .failure(let e): support.error("\(e)"); return 1
        }
        let current = support.workspace
        var out = ""
        for n in names { out += (n == current ? "* " : "  ") + n + "\n" }
        if ctx.environment["TF_WORKSPACE"].map({ !$0.isEmpty }) == true {
            out += "\n\nThe active workspace is being overridden using the TF_WORKSPACE environment\nvariable.\n"
        }
        ctx.out(out + "\n")
        return 0
    }
}

struct WorkspaceShowCommand: Command {
    static let path = ["workspace", "show"]
    static let synopsis = "Show the name of the current workspace"
    static let usage = """
    Usage: terraform [global options] workspace show

      Prints the name of the selected workspace.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        guard let (_, support) = WorkspaceSupport.parse(ctx, args, Self.self, configure: { _ in }) else { return args.contains("-help") ? 0 : 1 }
        ctx.out(support.workspace + "\n")
        return 0
    }
}

struct WorkspaceSelectCommand: Command {
    static let path = ["workspace", "select"]
    static let synopsis = "Select a workspace"
    static let usage = """
    Usage: terraform [global options] workspace select NAME

      Selects the workspace to use.

    Options:

        -or-create=false    Create the workspace if it does not exist.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        guard let (parsed, support) = WorkspaceSupport.parse(ctx, args, Self.self, configure: { $0.bool("or-create") }) else { return args.contains("-help") ? 0 : 1 }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Expected a single argument: NAME.\n", Self.self)
        }
        let name = parsed.positional[0]
        if ctx.environment["TF_WORKSPACE"].map({ !$0.isEmpty }) == true {
            support.error("\nThe selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable.\n\nTo select a new workspace, either update this environment variable or unset\nit and then run this command again.\n")
            return 1
        }
        guard WorkspaceSupport.validName(name) else {
            support.error("The workspace name \(StateFileReader.goQuote(name)) is not allowed. The name must contain only URL safe\ncharacters, and no path separators.\n")
            return 1
        }
        guard let backend = WorkspaceSupport.backend(support) else { return 1 }
        guard case .success(let names) = backend.workspaces() else { return 1 }
        // terraform says nothing when the workspace is already the selected one
        if name == support.workspace { return 0 }
        if !names.contains(name) {
            guard parsed.bool("or-create") else {
                // select (unlike delete) keeps the message's leading blank line
                support.error("\n" + WorkspaceSupport.doesNotExist.replacingOccurrences(of: "%@", with: StateFileReader.goQuote(name)))
                return 1
            }
            if WorkspaceNewCommand.create(name, backend, support) != 0 { return 1 }
        }
        if case .failure(let e) = support.workingDirectory.selectWorkspace(name) {
            support.error("\(e)")
            return 1
        }
        ctx.out(UIColor.colorize("[reset][green]Switched to workspace \(StateFileReader.goQuote(name)).", color: support.color) + "\n")
        return 0
    }
}

struct WorkspaceNewCommand: Command {
    static let path = ["workspace", "new"]
    static let synopsis = "Create a new workspace"
    static let usage = """
    Usage: terraform [global options] workspace new [OPTIONS] NAME

      Creates a workspace and selects it.

    Options:

        -lock=false         Don't hold a state lock during the operation.

        -lock-timeout=0s    How long to retry taking the lock.

        -state=path         Copy this state file into the new workspace.

    """

    /// Creates the workspace; with an initial state, writes it as a fresh snapshot
    /// (new lineage, serial 1) as terraform does. Returns an exit code.
    static func create(_ name: String, _ backend: Backend, _ support: StateCommandSupport, initial: StateFile? = nil) -> Int32 {
        let store: StateStore
        switch backend.stateStore(workspace: name) {
        case .success(let s): store = s
        case .failure(let e): support.error("\(e)"); return 1
        }
        guard var state = initial else { return 0 }
        state.lineage = ""
        state.serial = 0
        if case .failure(let e) = store.write(state.preparedForWrite(after: nil)) {
            support.error("\(e)")
            return 1
        }
        return 0
    }

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        guard let (parsed, support) = WorkspaceSupport.parse(ctx, args, Self.self, configure: {
            $0.stateLockingFlags(); $0.string("state")
        }) else { return args.contains("-help") ? 0 : 1 }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Expected a single argument: NAME.\n", Self.self)
        }
        let name = parsed.positional[0]
        guard WorkspaceSupport.validName(name) else {
            support.error("The workspace name \(StateFileReader.goQuote(name)) is not allowed. The name must contain only URL safe\ncharacters, and no path separators.\n")
            return 1
        }
        if let env = ctx.environment["TF_WORKSPACE"], !env.isEmpty, env != name {
            support.error("\nThe workspace is currently overridden using the TF_WORKSPACE environment\nvariable. You cannot create a new workspace when using this setting.\n\nTo create a new workspace, either unset this environment variable or update it\nto match the workspace name you are trying to create, and then run this command\nagain.\n")
            return 1
        }
        guard let backend = WorkspaceSupport.backend(support) else { return 1 }
        switch backend.workspaces() {
        case .failure(let e): support.error("\(e)"); return 1
        case .success(let names) where names.contains(name):
            support.error("Workspace \(StateFileReader.goQuote(name)) already exists")
            return 1
        case .success:
            break
        }
        if backend is HTTPBackend {
            support.error("workspaces not supported")
            return 1
        }
        var initial: StateFile?
        let statePath = parsed.string("state")
        if !statePath.isEmpty {
            guard case .success(let bytes) = LocalFile.read(ctx.path(statePath)), case .state(let s) = StateFileReader.read(bytes) else {
                support.error("Error reading state from \(statePath)")
                return 1
            }
            initial = s
        }
        if create(name, backend, support, initial: initial) != 0 { return 1 }
        if case .failure(let e) = support.workingDirectory.selectWorkspace(name) {
            support.error("\(e)")
            return 1
        }
        ctx.out(UIColor.colorize("[reset][green][bold]Created and switched to workspace \(StateFileReader.goQuote(name))![reset][green]\n\nYou're now on a new, empty workspace. Workspaces isolate their state,\nso if you run \"terraform plan\" Terraform will not see any existing state\nfor this configuration.", color: support.color) + "\n")
        return 0
    }
}

struct WorkspaceDeleteCommand: Command {
    static let path = ["workspace", "delete"]
    static let synopsis = "Delete a workspace"
    static let usage = """
    Usage: terraform [global options] workspace delete [OPTIONS] NAME

      Deletes a workspace. A workspace whose state still tracks resources is only
      deleted with -force.

    Options:

        -force              Delete even if the state is not empty.

        -lock=false         Don't hold a state lock during the operation.

        -lock-timeout=0s    How long to retry taking the lock.

    """

    static func run(_ ctx: CommandContext, _ args: [String]) -> Int32 {
        guard let (parsed, support) = WorkspaceSupport.parse(ctx, args, Self.self, configure: {
            $0.bool("force"); $0.stateLockingFlags()
        }) else { return args.contains("-help") ? 0 : 1 }
        guard parsed.positional.count == 1 else {
            return support.wrongArguments("Expected a single argument: NAME.\n", Self.self)
        }
        let name = parsed.positional[0]
        guard let backend = WorkspaceSupport.backend(support) else { return 1 }
        guard case .success(let names) = backend.workspaces() else { return 1 }
        guard names.contains(name) else {
            support.error(WorkspaceSupport.doesNotExist.replacingOccurrences(of: "%@", with: StateFileReader.goQuote(name)))
            return 1
        }
        if name == support.workspace {
            support.error("Workspace \(StateFileReader.goQuote(name)) is your active workspace.\n\nYou cannot delete the currently active workspace. Please switch\nto another workspace and try again.")
            return 1
        }
        var hadResources = false
        if case .success(let store) = backend.stateStore(workspace: name), case .success(let state?) = store.read() {
            hadResources = state.resources.contains { !$0.instances.isEmpty }
        }
        if hadResources && !parsed.bool("force") {
            support.show(Diagnostics([.error("Workspace is not empty", "Workspace \(StateFileReader.goQuote(name)) is currently tracking the following resource instances:\n\n\nDeleting this workspace would cause Terraform to lose track of any associated remote objects, which would then require you to delete them manually outside of Terraform. You should destroy these objects with Terraform before deleting the workspace.\n\nIf you want to delete this workspace anyway, and have Terraform forget about these managed objects, use the -force option to disable this safety check.")]))
            return 1
        }
        // terraform's local backend refuses the default workspace only here, after the emptiness check
        if name == "default" {
            support.error("cannot delete default state")
            return 1
        }
        if case .failure(let e) = backend.deleteWorkspace(name, force: parsed.bool("force")) {
            support.error("\(e)")
            return 1
        }
        ctx.out(UIColor.colorize("[reset][green]Deleted workspace \(StateFileReader.goQuote(name))!", color: support.color) + "\n")
        if hadResources {
            ctx.out(UIColor.colorize("[reset][yellow]WARNING: \(StateFileReader.goQuote(name)) was non-empty.\nThe resources managed by the deleted workspace may still exist,\nbut are no longer manageable by Terraform since the state has\nbeen deleted.\n", color: support.color) + "\n")
        }
        return 0
    }
}
