import Foundation
import JSON

/// The parts of a working directory the state commands need: which backend
/// `init` recorded in `.terraform/terraform.tfstate`, and the selected workspace.
public struct WorkingDirectory {
    public let path: String
    public let environment: [String: String]

    public init(path: String, environment: [String: String]) {
        self.path = path
        self.environment = environment
    }

    public var dataDirectory: String {
        if let d = environment["TF_DATA_DIR"], !d.isEmpty { return d.hasPrefix("/") ? d : path + "/" + d }
        return path + "/.terraform"
    }

    /// The backend recorded by `init`: type and configuration (nil when none, i.e. local).
    public func recordedBackend() -> Result<(type: String, config: [String: JSONValue])?, StateStoreError> {
        let file = dataDirectory + "/terraform.tfstate"
        let bytes: [UInt8]
        switch LocalFile.read(file) {
        case .success(let b): bytes = b
        case .failure(let e): return .failure(e)
        }
        if bytes.isEmpty { return .success(nil) }
        guard let doc = try? JSON.parse(bytes), case .object = doc else {
            return .failure(.failure("Failed to load backend: \(file) is not valid JSON"))
        }
        guard let backend = doc["backend"], case .object = backend, let type = backend["type"]?.stringValue else {
            return .success(nil)
        }
        var config: [String: JSONValue] = [:]
        for m in backend["config"]?.objectValue ?? [] where !m.value.isNull { config[m.key] = m.value }
        return .success((type, config))
    }

    /// The backend for this directory: the recorded one, or `local`.
    public func backend() -> Result<Backend, StateStoreError> {
        switch recordedBackend() {
        case .failure(let e): return .failure(e)
        case .success(nil):
            return .success(LocalBackend(workingDirectory: path))
        case .success(let recorded?):
            return backend(type: recorded.type, config: recorded.config)
        }
    }

    /// A backend of the given type and settings (null settings left out) for this directory.
    public func backend(type: String, config: [String: JSONValue]) -> Result<Backend, StateStoreError> {
        let config = config.filter { !$0.value.isNull }
        switch type {
        case "local":
            return .success(LocalBackend(workingDirectory: path, path: config["path"]?.stringValue,
                                         workspaceDir: config["workspace_dir"]?.stringValue))
        case "http":
            switch HTTPBackend.Settings.from(config: config, environment: environment) {
            case .success(let s): return .success(HTTPBackend(settings: s))
            case .failure(let e): return .failure(e)
            }
        case "pg":
            switch PGBackend.Settings.from(config: config, environment: environment) {
            case .success(let s): return .success(PGBackend(settings: s))
            case .failure(let e): return .failure(e)
            }
        default:
            return .failure(.failure("Terraswift does not support the \"\(type)\" backend yet."))
        }
    }

    /// The `hash` recorded with the backend by `init` (nil when none).
    public func recordedBackendHash() -> UInt64? {
        guard case .success(let bytes) = LocalFile.read(dataDirectory + "/terraform.tfstate"), !bytes.isEmpty,
              let doc = try? JSON.parse(bytes) else { return nil }
        return doc["backend"]?["hash"]?.numberText.flatMap { UInt64($0) }
    }

    /// The selected workspace: `TF_WORKSPACE`, else `.terraform/environment`, else `default`.
    public func currentWorkspace() -> String {
        if let w = environment["TF_WORKSPACE"], !w.isEmpty { return w }
        if case .success(let bytes) = LocalFile.read(dataDirectory + "/environment"), !bytes.isEmpty {
            let name = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        return "default"
    }

    public func selectWorkspace(_ name: String) -> Result<Void, StateStoreError> {
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            return .failure(.failure("\(error)"))
        }
        switch LocalFile.writeAtomically(dataDirectory + "/environment", Array(name.utf8), newFileMode: 0o644) {
        case .success: return .success(())
        case .failure(let e): return .failure(e)
        }
    }
}
