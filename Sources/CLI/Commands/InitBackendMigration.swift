import Foundation
import HCL
import JSON
import State

/// Copies state from one backend to another during `init`, with terraform's
/// questions, messages and rules (meta_backend_migrate.go): single- or
/// multi-workspace on each side, an empty destination gets a fresh lineage
/// when remote and the source's lineage and serial when local, the source is
/// never changed (apart from local state being emptied by the caller).
struct BackendMigration {
    let ctx: CommandContext
    let color: Bool
    /// `-input` (false: never prompt).
    let input: Bool
    /// `-force-copy`: yes to every question.
    var force: Bool
    let lock: Bool
    let lockTimeout: Double
    let sourceType: String
    let destinationType: String
    let source: Backend
    let destination: Backend

    /// Why the migration stopped, as terraform's error text; `alreadyReported`
    /// when the message (a lock failure) has been printed already.
    struct Failure: Error {
        var text: String
        var alreadyReported = false
    }

    private var workingDirectory: WorkingDirectory {
        WorkingDirectory(path: ctx.workingDirectory, environment: ctx.environment)
    }

    func run() -> Failure? {
        let sourceSingle = !source.supportsWorkspaces
        let destinationSingle = !destination.supportsWorkspaces
        var sourceWorkspaces: [String] = ["default"]
        if !sourceSingle {
            switch source.workspaces() {
            case .success(let w): sourceWorkspaces = w
            case .failure(let e): return Failure(text: Self.loadStatesError(sourceType, e))
            }
        }
        if !destinationSingle, case .failure(let e) = destination.workspaces() {
            return Failure(text: Self.loadStatesError(sourceType, e))
        }
        let onlyDefault = sourceWorkspaces == ["default"]
        switch (sourceSingle, destinationSingle) {
        case (true, _):
            return single(from: "default", to: "default", force: force)
        case (false, true):
            if onlyDefault { return single(from: "default", to: "default", force: force) }
            return multiToSingle()
        case (false, false):
            if onlyDefault { return single(from: "default", to: "default", force: force) }
            return multiToMulti(sourceWorkspaces)
        }
    }

    static func loadStatesError(_ type: String, _ e: StateStoreError) -> String {
        """
        Error inspecting states in the \(StateFileReader.goQuote(type)) backend:
            \(e)

        Prior to changing backends, Terraform inspects the source and destination
        states to determine what kind of migration steps need to be taken, if any.
        Terraform failed to load the states. The data in both the source and the
        destination remain unmodified. Please resolve the above error and try again.
        """
    }

    static func loadDefaultError(_ type: String, _ e: CustomStringConvertible) -> String {
        """
        Error loading state:
            \(e)

        Terraform failed to load the default state from the \(StateFileReader.goQuote(type)) backend.
        State migration cannot occur unless the state can be loaded. Backend
        modification and state migration has been aborted. The state in both the
        source and the destination remain unmodified. Please resolve the
        above error and try again.
        """
    }

    static let inputDisabled = """
    Can't ask approval for state migration when interactive input is disabled.

    Please remove the "-input=false" option and try again.
    """

    private func multiToMulti(_ workspaces: [String]) -> Failure? {
        if !force {
            let description = """
            Both the existing \(StateFileReader.goQuote(sourceType)) backend and the newly configured \(StateFileReader.goQuote(destinationType)) backend
            support workspaces. When migrating between backends, Terraform will copy
            all workspaces (with the same names). THIS WILL OVERWRITE any conflicting
            states in the destination.

            Terraform initialization doesn't currently migrate only select workspaces.
            If you want to migrate a select number of workspaces, you must manually
            pull and push those states.

            If you answer "yes", Terraform will migrate all states. If you answer
            "no", Terraform will abort.
            """
            switch confirm(query: "Do you want to migrate all workspaces to \(StateFileReader.goQuote(destinationType))?", description: description) {
            case .failure(let e): return Failure(text: "Error asking for state migration action: \(e.text)")
            case .success(false): return Failure(text: "Migration aborted by user.")
            case .success(true): break
            }
        }
        for name in workspaces.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if let failure = single(from: name, to: name, force: true) {
                if failure.alreadyReported { return failure }
                return Failure(text: """
                Error migrating the workspace \(StateFileReader.goQuote(name)) from the previous \(StateFileReader.goQuote(sourceType)) backend
                to the newly configured \(StateFileReader.goQuote(destinationType)) backend:
                    \(failure.text)

                Terraform copies workspaces in alphabetical order. Any workspaces
                alphabetically earlier than this one have been copied. Any workspaces
                later than this haven't been modified in the destination. No workspaces
                in the source state have been modified.

                Please resolve the error above and run the initialization command again.
                This will attempt to copy (with permission) all workspaces again.
                """)
            }
        }
        return nil
    }

    private func multiToSingle() -> Failure? {
        let current = workingDirectory.currentWorkspace()
        if !force {
            let description = """
            The existing \(StateFileReader.goQuote(sourceType)) backend supports workspaces and you currently are
            using more than one. The newly configured \(StateFileReader.goQuote(destinationType)) backend doesn't support
            workspaces. If you continue, Terraform will copy your current workspace \(StateFileReader.goQuote(current))
            to the default workspace in the new backend. Your existing workspaces in the
            source backend won't be modified. If you want to switch workspaces, back them
            up, or cancel altogether, answer "no" and Terraform will abort.
            """
            let query = "Destination state \(StateFileReader.goQuote(destinationType)) doesn't support workspaces.\nDo you want to copy only your current workspace?"
            switch confirm(query: query, description: description) {
            case .failure(let e): return Failure(text: "Error asking for state migration action: \(e.text)")
            case .success(false): return Failure(text: "Migration aborted by user.")
            case .success(true): break
            }
        }
        if current != "default", case .failure(let e) = workingDirectory.selectWorkspace("default") {
            return Failure(text: "\(e)")
        }
        return single(from: current, to: "default", force: force)
    }

    /// One workspace's copy (terraform's backendMigrateState_s_s).
    private func single(from sourceName: String, to destinationName: String, force: Bool) -> Failure? {
        let sourceStore: StateStore
        switch source.stateStore(workspace: sourceName) {
        case .success(let s): sourceStore = s
        case .failure(let e): return Failure(text: Self.loadDefaultError(sourceType, e))
        }
        var sourceState: StateFile?
        switch sourceStore.read() {
        case .success(let s): sourceState = s
        case .failure(let e): return Failure(text: Self.loadDefaultError(sourceType, e))
        }
        // Workspaces without state are not migrated.
        guard let first = sourceState, !first.hasNoContent else { return nil }
        _ = first

        let destinationStore: StateStore
        switch destination.stateStore(workspace: destinationName) {
        case .success(let s): destinationStore = s
        case .failure(let e): return Failure(text: Self.loadDefaultError(destinationType, e))
        }
        var destinationState: StateFile?
        switch destinationStore.read() {
        case .success(let s): destinationState = s
        case .failure(let e): return Failure(text: Self.loadDefaultError(destinationType, e))
        }
        if let s = sourceState, let d = destinationState, s.sameContent(as: d), s.lineage == d.lineage { return nil }

        let support = StateCommandSupport(ctx, color: color)
        var held: [(StateStore, String)] = []
        defer { for (store, id) in held.reversed() { support.unlock(store, id) } }
        if lock {
            guard let id = support.lock(sourceStore, operation: "migration source state", timeout: lockTimeout) else {
                return Failure(text: "", alreadyReported: true)
            }
            held.append((sourceStore, id))
            guard let id2 = support.lock(destinationStore, operation: "migration destination state", timeout: lockTimeout) else {
                return Failure(text: "", alreadyReported: true)
            }
            held.append((destinationStore, id2))
            // Read again under the locks.
            switch sourceStore.read() {
            case .success(let s): sourceState = s
            case .failure(let e): return Failure(text: Self.loadDefaultError(sourceType, e))
            }
            switch destinationStore.read() {
            case .success(let s): destinationState = s
            case .failure(let e): return Failure(text: Self.loadDefaultError(sourceType, e))
            }
        }
        guard let sourceNow = sourceState, !sourceNow.hasNoContent else { return nil }
        let destinationEmpty = destinationState.map(\.hasNoContent) ?? true

        if !force {
            if !input { return Failure(text: Self.inputDisabled) }
            let answer: Result<Bool, Failure>
            if destinationEmpty {
                answer = confirm(query: "Do you want to copy existing state to the new backend?", description: """
                Pre-existing state was found while migrating the previous \(StateFileReader.goQuote(sourceType)) backend to the
                newly configured \(StateFileReader.goQuote(destinationType)) backend. No existing state was found in the newly
                configured \(StateFileReader.goQuote(destinationType)) backend. Do you want to copy this state to the new \(StateFileReader.goQuote(destinationType))
                backend? Enter "yes" to copy and "no" to start with an empty state.
                """)
            } else {
                answer = confirmOverwrite(sourceNow, destinationState ?? StateFile(lineage: ""))
            }
            switch answer {
            case .failure(let e): return e
            case .success(false): return nil
            case .success(true): break
            }
        }

        // statemgr.Migrate then PersistState: a local file takes the source's
        // lineage and serial; a remote store keeps them only over an existing
        // snapshot (serial moved on), and starts a new lineage at serial 1 when empty.
        var copy = sourceNow
        copy.terraformVersion = StateFile.currentTerraformVersion
        if !(destinationStore is LocalStateStore) {
            if let existing = destinationState {
                let unchanged = !existing.lineage.isEmpty && existing.lineage == copy.lineage
                    && existing.serial != 0 && existing.serial == copy.serial && existing.sameContent(as: copy)
                if unchanged { return nil }
                copy.serial += 1
            } else {
                copy.lineage = Lineage.generate()
                copy.serial = 1
            }
        }
        if case .failure(let e) = destinationStore.write(copy) {
            return Failure(text: """
            Error copying state from the previous \(StateFileReader.goQuote(sourceType)) backend to the newly configured
            \(StateFileReader.goQuote(destinationType)) backend:
                \(e)

            The state in the previous backend remains intact and unmodified. Please resolve
            the error above and try again.
            """)
        }
        return nil
    }

    /// Both sides have state: saved to temporary files the question names.
    private func confirmOverwrite(_ source: StateFile, _ destination: StateFile) -> Result<Bool, Failure> {
        let dir = NSTemporaryDirectory() + "/terraform" + String(UInt32.random(in: 0...UInt32.max))
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            return .failure(Failure(text: "Error creating temporary directory: \(error)"))
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sourcePath = dir + "/1-\(sourceType).tfstate"
        let destinationPath = dir + "/2-\(destinationType).tfstate"
        for (path, state) in [(sourcePath, source), (destinationPath, destination)] {
            if case .failure(let e) = LocalFile.writeAtomically(path, StateFileWriter.bytes(state), newFileMode: 0o600) {
                return .failure(Failure(text: "Error saving temporary state: \(e)"))
            }
        }
        return confirm(query: "Do you want to copy existing state to the new backend?", description: """
        Pre-existing state was found while migrating the previous \(StateFileReader.goQuote(sourceType)) backend to the
        newly configured \(StateFileReader.goQuote(destinationType)) backend. An existing non-empty state already exists in
        the new backend. The two states have been saved to temporary files that will be
        removed after responding to this query.

        Previous (type \(StateFileReader.goQuote(sourceType))): \(sourcePath)
        New      (type \(StateFileReader.goQuote(destinationType))): \(destinationPath)

        Do you want to overwrite the state in the new backend with the previous state?
        Enter "yes" to copy and "no" to start with the existing state in the newly
        configured \(StateFileReader.goQuote(destinationType)) backend.
        """)
    }

    /// terraform's Meta.confirm: two tries at "yes" or "no".
    private func confirm(query: String, description: String) -> Result<Bool, Failure> {
        guard input else { return .failure(Failure(text: "input is disabled")) }
        for _ in 0..<2 {
            var text = "[reset][bold]\(query)[reset]\n"
            for line in description.split(separator: "\n", omittingEmptySubsequences: false) { text += "  \(line)\n" }
            text += "\n  [bold]Enter a value:[reset] "
            ctx.out(Self.colorize(text, color: color))
            guard let line = ctx.readLine() else {
                return .failure(Failure(text: "Error asking for confirmation: EOF"))
            }
            ctx.out("\n")
            switch line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "yes": return .success(true)
            case "no": return .success(false)
            default: continue
            }
        }
        return .success(false)
    }

    static func colorize(_ s: String, color: Bool) -> String {
        let codes = ["[reset]": "\u{1B}[0m", "[bold]": "\u{1B}[1m", "[green]": "\u{1B}[32m"]
        var out = s
        for (k, v) in codes { out = out.replacingOccurrences(of: k, with: color ? v : "") }
        return out
    }
}
