import Config
import Foundation
import HCL
import JSON
import State

/// What the state commands share: finding the backend and workspace, the
/// `-state`/`-state-out`/`-backup` overrides, locking with `-lock` and
/// `-lock-timeout`, and terraform's messages for each failure.
struct StateCommandSupport {
    let ctx: CommandContext
    var color: Bool

    /// Removes `-no-color` (terraform's Meta handles it before any command flags).
    static func stripNoColor(_ args: [String]) -> ([String], Bool) {
        var color = true
        var rest: [String] = []
        var sawTerminator = false
        for a in args {
            if !sawTerminator && (a == "-no-color" || a == "--no-color") { color = false; continue }
            if a == "--" { sawTerminator = true }
            rest.append(a)
        }
        return (rest, color)
    }

    /// How a state-style command's start went: flags parsed and the support made, or the exit code.
    enum Begun {
        case ready(ParsedFlags, StateCommandSupport, color: Bool)
        case exit(Int32)

        var exitCode: Int32 {
            if case .exit(let code) = self { return code }
            return 0
        }
    }

    /// What every state-style command does first: take `-no-color` out, parse the
    /// command's flags with terraform's legacy rules, and make the shared support.
    static func begin<C: Command>(_ ctx: CommandContext, _ rawArgs: [String], _ command: C.Type, _ flags: FlagSet) -> Begun {
        let (args, color) = stripNoColor(rawArgs)
        switch ctx.parseFlagsLegacy(flags, args, for: command, color: color) {
        case .parsed(let parsed): return .ready(parsed, StateCommandSupport(ctx, color: color), color: color)
        case .exit(let code): return .exit(code)
        }
    }

    /// A wrong number of arguments: the message, then the command's usage; exit code 1.
    func wrongArguments<C: Command>(_ message: String, _ command: C.Type) -> Int32 {
        error(message)
        ctx.err(C.usage.replacingProgramName(ctx.programName))
        return 1
    }

    init(_ ctx: CommandContext, color: Bool) {
        self.ctx = ctx
        self.color = color
    }

    var workingDirectory: WorkingDirectory {
        WorkingDirectory(path: ctx.workingDirectory, environment: ctx.environment)
    }

    /// Prints an error the way terraform's old UI does (red, whole message).
    func error(_ message: String) {
        ctx.uiError(message, color: color)
    }

    /// Prints diagnostics through the old UI, as the state commands do (the whole
    /// text wrapped once more in the UI's colour).
    func show(_ diags: Diagnostics) {
        for d in diags {
            let text = StateCommandSupport.format(d, color: color)
            if d.severity == .error { ctx.uiError(text, color: color) } else { ctx.out(text) }
        }
    }

    /// Prints diagnostics through the newer view layer (output, show, workspace).
    func showView(_ diags: Diagnostics) {
        for d in diags {
            let text = StateCommandSupport.format(d, color: color)
            if d.severity == .error { ctx.err(text) } else { ctx.out(text) }
        }
    }

    /// terraform's rendering of a diagnostic without source code (the state
    /// commands have none): its exact colour codes, 78-column wrapping.
    static func format(_ d: Diagnostic, color: Bool) -> String {
        let isError = d.severity == .error
        var body: [String] = []
        if let subject = d.subject {
            body += ["  on \(subject.filename) line \(subject.start.line):", "  (source code not available)", ""]
        }
        for line in d.detail.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") || line.isEmpty {
                body.append(String(line))
            } else {
                body += DiagnosticRenderer.wordWrap(String(line), limit: color ? 75 : 77).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }
        if d.detail.isEmpty && !body.isEmpty && body.last == "" { body.removeLast() }
        guard color else {
            var out = "\n" + (isError ? "Error: " : "Warning: ") + d.summary + "\n"
            if !body.isEmpty { out += "\n" + body.joined(separator: "\n") + "\n" }
            return out
        }
        let rule = isError ? "\u{1B}[31m" : "\u{1B}[33m"
        let prefix = rule + "│\u{1B}[0m \u{1B}[0m"
        var out = rule + "╷\u{1B}[0m\u{1B}[0m\n"
        out += prefix + "\u{1B}[1m" + rule + (isError ? "Error: " : "Warning: ") + "\u{1B}[0m\u{1B}[0m\u{1B}[1m" + d.summary + "\u{1B}[0m\n"
        if !body.isEmpty {
            out += prefix + "\n"
            for (i, line) in body.enumerated() {
                out += prefix + (i == 0 ? "\u{1B}[0m" : "") + line + "\n"
            }
        }
        return out + rule + "╵\u{1B}[0m\u{1B}[0m\n"
    }

    /// The backend with the local overrides applied.
    func backend(statePath: String? = nil, stateOut: String? = nil, backup: String? = nil,
                 timestampedBackup: Bool = false) -> Result<Backend, StateStoreError> {
        if let statePath, !statePath.isEmpty {
            let local = LocalBackend(workingDirectory: ctx.workingDirectory)
            local.stateOverride = statePath
            local.stateOutOverride = stateOut
            local.backupOverride = backup
            local.timestampedBackup = timestampedBackup
            return .success(local)
        }
        switch workingDirectory.backend() {
        case .failure(let e): return .failure(e)
        case .success(let b):
            if let local = b as? LocalBackend {
                local.stateOutOverride = stateOut
                local.backupOverride = backup
                local.timestampedBackup = timestampedBackup
            }
            return .success(b)
        }
    }

    var workspace: String { workingDirectory.currentWorkspace() }

    func store(statePath: String? = nil, stateOut: String? = nil, backup: String? = nil,
               timestampedBackup: Bool = false) -> StateStore? {
        let b: Backend
        switch backend(statePath: statePath, stateOut: stateOut, backup: backup, timestampedBackup: timestampedBackup) {
        case .success(let x): b = x
        case .failure(let e):
            error("Error loading the state: \(e)\n\nPlease ensure that your Terraform state exists and that you've\nconfigured it properly. You can use the \"-state\" flag to point\nTerraform at another state location.")
            return nil
        }
        switch b.stateStore(workspace: workspace) {
        case .success(let s): return s
        case .failure(let e):
            error("Error loading the state: \(e)\n\nPlease ensure that your Terraform state exists and that you've\nconfigured it properly. You can use the \"-state\" flag to point\nTerraform at another state location.")
            return nil
        }
    }

    /// Reads the state; prints terraform's message and returns nil on failure.
    func load(_ store: StateStore, refreshMessage: String = "Failed to load state") -> (ok: Bool, state: StateFile?) {
        switch store.read() {
        case .success(let s): return (true, s)
        case .failure(let e):
            error("\(refreshMessage): \(e)")
            return (false, nil)
        }
    }

    static let stateNotFound = """
    No state file was found!

    State management commands require a state file. Run this command
    in a directory where Terraform has been run or use the -state flag
    to point the command to a specific state location.
    """

    /// Takes the lock, retrying until `timeout` (seconds) as terraform does.
    func lock(_ store: StateStore, operation: String, timeout: Double) -> String? {
        if timeout > 0 { ctx.out("Acquiring state lock. This may take a few moments...\n") }
        let deadline = Date().addingTimeInterval(timeout)
        var delay = 0.1
        while true {
            switch store.lock(LockInfo.new(operation: operation)) {
            case .success(let id): return id
            case .failure(let e):
                if case .lockConflict = e, Date() < deadline {
                    Thread.sleep(forTimeInterval: min(delay, max(0.01, deadline.timeIntervalSinceNow)))
                    delay = min(delay * 2, 2)
                    continue
                }
                show(Diagnostics([.error("Error acquiring the state lock", StateCommandSupport.lockErrorDetail(e))]))
                return nil
            }
        }
    }

    static func lockErrorDetail(_ e: StateStoreError) -> String {
        """
        Error message: \(e)

        Terraform acquires a state lock to protect the state from being written
        by multiple users at the same time. Please resolve the issue above and try
        again. For most commands, you can disable locking with the "-lock=false"
        flag, but this is not recommended.
        """
    }

    func unlock(_ store: StateStore, _ id: String) {
        if case .failure(let e) = store.unlock(id) {
            show(Diagnostics([.error("Error releasing the state lock", """
            Error message: \(e)

            Terraform acquires a lock when accessing your state to prevent others
            running Terraform to potentially modify the state at the same time. An
            error occurred while releasing this lock. This could mean that the lock
            did or did not release properly. If the lock didn't release properly,
            Terraform may not be able to run future commands since it'll appear as if
            the lock is held.

            In this scenario, please call the "force-unlock" command to unlock the
            state manually. This is a very dangerous operation since if it is done
            erroneously it could result in two people modifying state at the same time.
            Only call this command if you're certain that the unlock above failed and
            that no one else is holding a lock.
            """)]))
        }
    }

    /// Parses target addresses, reporting terraform's "Invalid address" diagnostics.
    func parseTargets(_ texts: [String]) -> [AddressTarget]? {
        var out: [AddressTarget] = []
        var diags = Diagnostics()
        for t in texts {
            let (target, d) = AddressParser.parseTarget(t)
            diags += d
            if let target { out.append(target) }
        }
        if diags.hasErrors {
            show(diags)
            return nil
        }
        return out
    }
}

/// The flags every state-editing command shares.
extension FlagSet {
    mutating func stateLockingFlags() {
        bool("lock", default: true)
        duration("lock-timeout")
    }
}
