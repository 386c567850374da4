import Foundation

/// The `local` backend: `terraform.tfstate` for the default workspace and
/// `terraform.tfstate.d/NAME/terraform.tfstate` for the others.
public final class LocalBackend: Backend {
    public static let defaultStateFile = "terraform.tfstate"
    public static let workspaceDirectory = "terraform.tfstate.d"
    public static let backupExtension = ".backup"

    public let workingDirectory: String
    /// The backend's `path` setting (default `terraform.tfstate`).
    public var path: String
    /// The backend's `workspace_dir` setting.
    public var workspaceDir: String
    /// Command-line overrides: `-state`, `-state-out`, `-backup` (`-` disables backups).
    public var stateOverride: String?
    public var stateOutOverride: String?
    public var backupOverride: String?
    /// The `state` subcommands back up to `PATH.<unix time>.backup` unless `-backup` names a file.
    public var timestampedBackup = false

    public init(workingDirectory: String, path: String? = nil, workspaceDir: String? = nil) {
        self.workingDirectory = workingDirectory
        self.path = path ?? LocalBackend.defaultStateFile
        self.workspaceDir = workspaceDir ?? LocalBackend.workspaceDirectory
    }

    private func absolute(_ p: String) -> String {
        p.hasPrefix("/") ? p : workingDirectory + "/" + p
    }

    public func statePath(workspace: String) -> String {
        if workspace == "default" { return absolute(path) }
        return absolute(workspaceDir + "/" + workspace + "/" + LocalBackend.defaultStateFile)
    }

    public func workspaces() -> Result<[String], StateStoreError> {
        var names = ["default"]
        let dir = absolute(workspaceDir)
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            var found: [String] = []
            for e in entries {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: dir + "/" + e, isDirectory: &isDir), isDir.boolValue, e != "default" {
                    found.append(e)
                }
            }
            names += found.sorted()
        }
        return .success(names)
    }

    /// A path as terraform shows it: relative to the working directory when it was given so.
    private func display(_ p: String) -> String {
        p.hasPrefix(workingDirectory + "/") ? String(p.dropFirst(workingDirectory.count + 1)) : p
    }

    public func stateStore(workspace: String) -> Result<StateStore, StateStoreError> {
        var readPath = statePath(workspace: workspace)
        var writePath = readPath
        if workspace == "default" || stateOverride != nil {
            if let s = stateOverride, !s.isEmpty { readPath = absolute(s); writePath = readPath }
            if let o = stateOutOverride, !o.isEmpty { writePath = absolute(o) }
        }
        if workspace != "default" && stateOverride == nil {
            try? FileManager.default.createDirectory(atPath: absolute(workspaceDir + "/" + workspace),
                                                     withIntermediateDirectories: true)
        }
        var backup: String? = writePath + LocalBackend.backupExtension
        if let b = backupOverride, !(timestampedBackup && b == "-") {
            backup = b == "-" ? nil : absolute(b)
        } else if timestampedBackup {
            backup = writePath + "." + String(Int(Date().timeIntervalSince1970)) + LocalBackend.backupExtension
        }
        return .success(LocalStateStore(readPath: readPath, writePath: writePath, backupPath: backup, displayPath: display(readPath)))
    }

    public func deleteWorkspace(_ name: String, force: Bool) -> Result<Void, StateStoreError> {
        if name == "default" || name.isEmpty {
            return .failure(.failure("cannot delete default state"))
        }
        let dir = absolute(workspaceDir + "/" + name)
        do {
            try FileManager.default.removeItem(atPath: dir)
        } catch {
            return .failure(.failure("\(error)"))
        }
        return .success(())
    }
}
