import Config
import Foundation
import HCL
import JSON
import State

/// The backend part of `init`: compares the configured backend with the one
/// recorded in `.terraform/terraform.tfstate` and, as terraform's
/// backendFromConfig does, records a new one (copying local state into it),
/// refuses a changed one without `-migrate-state` or `-reconfigure`, or
/// migrates state from the old backend to the new one (or back to local).
struct InitBackendStep {
    let ctx: CommandContext
    let color: Bool
    let parsed: ParsedFlags
    var hasOverrides = false

    private var workingDirectory: WorkingDirectory {
        WorkingDirectory(path: ctx.workingDirectory, environment: ctx.environment)
    }

    static let migrateOrReconfigure = Diagnostic.error("Backend configuration changed", """
    A change in the backend configuration has been detected, which may require migrating existing state.

    If you wish to attempt automatic migration of the state, use "terraform init -migrate-state".
    If you wish to store the current configuration with no changes to the state, use "terraform init -reconfigure".
    """)

    private func migration(sourceType: String, source: Backend, destinationType: String, destination: Backend) -> BackendMigration {
        BackendMigration(ctx: ctx, color: color, input: parsed.bool("input"), force: parsed.bool("force-copy"),
                         lock: parsed.bool("lock"), lockTimeout: parsed.duration("lock-timeout"),
                         sourceType: sourceType, destinationType: destinationType, source: source, destination: destination)
    }

    /// The outcome: whether init may go on, and what to print (nothing more
    /// when a lock failure has been printed already).
    struct Outcome {
        var ok: Bool
        var diags = Diagnostics()

        static func error(_ summary: String) -> Outcome { Outcome(ok: false, diags: Diagnostics([.error(summary, "")])) }
    }

    /// A migration failure as terraform shows it: the error text as the summary.
    private func failed(_ failure: BackendMigration.Failure) -> Outcome {
        failure.alreadyReported ? Outcome(ok: false) : .error(failure.text)
    }

    func run(_ configured: BackendSettings?) -> Outcome {
        let forceCopy = parsed.bool("force-copy")
        let migrateState = parsed.bool("migrate-state") || forceCopy
        var recorded: (type: String, config: [String: JSONValue])?
        switch workingDirectory.recordedBackend() {
        case .success(let r): recorded = r
        case .failure(let e): return .error("Failed to load state: \(e)")
        }
        if parsed.bool("reconfigure") { recorded = nil }

        switch (configured, recorded) {
        case (nil, nil):
            return Outcome(ok: true)

        case (nil, let old?):
            guard migrateState else { return Outcome(ok: false, diags: Diagnostics([Self.migrateOrReconfigure])) }
            ctx.out("Terraform has detected you're unconfiguring your previously set \(StateFileReader.goQuote(old.type)) backend.\n")
            let source: Backend
            switch workingDirectory.backend(type: old.type, config: old.config) {
            case .success(let b): source = b
            case .failure(let e): return .error("\(e)")
            }
            let local = LocalBackend(workingDirectory: ctx.workingDirectory)
            if let failure = migration(sourceType: old.type, source: source, destinationType: "local", destination: local).run() {
                return failed(failure)
            }
            let doc: JSONValue = .object(["version": .number(3), "terraform_version": .string(Terraswift.terraformVersion)])
            if case .failure(let e) = LocalFile.writeAtomically(workingDirectory.dataDirectory + "/terraform.tfstate",
                                                                Array(JSONWriter(indent: "  ").string(doc).utf8), newFileMode: 0o644) {
                return .error("""
                Error clearing the backend configuration: \(e)

                Terraform removes the saved backend configuration when you're removing a
                configured backend. This must be done so future Terraform runs know to not
                use the backend configuration. Please look at the error above, resolve it,
                and try again.
                """)
            }
            ctx.out(BackendMigration.colorize("[reset][green]\n\nSuccessfully unset the backend \(StateFileReader.goQuote(old.type)). Terraform will now operate locally.", color: color) + (color ? "\u{1B}[0m" : "") + "\n")
            return Outcome(ok: true)

        case (let new?, nil):
            let destination: Backend
            switch workingDirectory.backend(type: new.type, config: new.config) {
            case .success(let b): destination = b
            case .failure(let e): return .error("\(e)")
            }
            // Local state (any workspace) that is not empty moves to the new backend.
            let local = LocalBackend(workingDirectory: ctx.workingDirectory)
            var localStores: [LocalStateStore] = []
            for name in (try? local.workspaces().get()) ?? ["default"] {
                guard case .success(let store) = local.stateStore(workspace: name), let file = store as? LocalStateStore else { continue }
                switch file.read() {
                case .success(let s?) where !s.hasNoContent: localStores.append(file)
                case .failure(let e):
                    return .error("Error reading local state: \(e)")
                default: break
                }
            }
            if !localStores.isEmpty {
                if let failure = migration(sourceType: "local", source: local, destinationType: new.type, destination: destination).run() {
                    return failed(failure)
                }
                // A new local backend over the same files keeps them (terraform's PathsConflictWith).
                let newLocal = destination as? LocalBackend
                let oldPaths = Set(((try? local.workspaces().get()) ?? ["default"]).map { local.statePath(workspace: $0) })
                let conflict = newLocal.map { b in ((try? local.workspaces().get()) ?? ["default"]).contains { oldPaths.contains(b.statePath(workspace: $0)) } } ?? false
                for store in localStores where !conflict {
                    if case .failure(let e) = store.erase() {
                        return .error("Error deleting local state after migration: \(e)")
                    }
                }
            }
            return record(new)

        case (let new?, let old?):
            let oldHash = workingDirectory.recordedBackendHash()
            let sameSettings = old.type == new.type
                && old.config.filter({ !$0.value.isNull }) == new.config.filter({ !$0.value.isNull })
            // Unchanged (or only moved between the block and -backend-config): nothing to say.
            if oldHash == UInt64(new.hash) && !hasOverrides { return Outcome(ok: true) }
            if sameSettings { return record(new, announce: false) }
            guard migrateState else { return Outcome(ok: false, diags: Diagnostics([Self.migrateOrReconfigure])) }
            if old.type != new.type {
                ctx.out(BackendMigration.colorize("[reset]Terraform detected that the backend type changed from \(StateFileReader.goQuote(old.type)) to \(StateFileReader.goQuote(new.type)).\n", color: color) + (color ? "\u{1B}[0m" : "") + "\n")
            } else {
                ctx.out(BackendMigration.colorize("[reset][reset][bold]Backend configuration changed![reset]\n\nTerraform has detected that the configuration specified for the backend\nhas changed. Terraform will now check for existing state in the backends.\n", color: color) + (color ? "\u{1B}[0m" : "") + "\n")
            }
            let source: Backend, destination: Backend
            switch workingDirectory.backend(type: old.type, config: old.config) {
            case .success(let b): source = b
            case .failure(let e): return .error("\(e)")
            }
            switch workingDirectory.backend(type: new.type, config: new.config) {
            case .success(let b): destination = b
            case .failure(let e): return .error("\(e)")
            }
            if let failure = migration(sourceType: old.type, source: source, destinationType: new.type, destination: destination).run() {
                return failed(failure)
            }
            return record(new)
        }
    }

    /// Writes the backend settings and says so.
    private func record(_ settings: BackendSettings, announce: Bool = true) -> Outcome {
        let dataDir = workingDirectory.dataDirectory
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        } catch {
            return Outcome(ok: false, diags: Diagnostics([.error("Failed to save backend settings", "Could not create \(dataDir): \(error.localizedDescription)")]))
        }
        let bytes = Array(settings.workingDirectoryState(terraformVersion: Terraswift.terraformVersion).utf8)
        if case .failure(let e) = LocalFile.writeAtomically(dataDir + "/terraform.tfstate", bytes, newFileMode: 0o600) {
            return Outcome(ok: false, diags: Diagnostics([.error("Failed to save backend settings", "Could not write .terraform/terraform.tfstate: \(e)")]))
        }
        guard announce else { return Outcome(ok: true) }
        let text = "\nSuccessfully configured the backend \"\(settings.type)\"! Terraform will automatically\nuse this backend unless the backend configuration changes."
        ctx.out(color ? "\u{1B}[0m\u{1B}[32m\(text)\u{1B}[0m\n" : text + "\n")
        return Outcome(ok: true)
    }
}
