import Foundation
import HCL
import JSON

/// Where a working directory's states live (terraform's `backend` block):
/// one state per workspace.
public protocol Backend: AnyObject {
    /// Workspace names, `default` first, then sorted.
    func workspaces() -> Result<[String], StateStoreError>
    /// The store of one workspace's state (created lazily on first write).
    func stateStore(workspace: String) -> Result<StateStore, StateStoreError>
    func deleteWorkspace(_ name: String, force: Bool) -> Result<Void, StateStoreError>
    /// False for backends with only the default workspace (terraform's ErrWorkspacesNotSupported).
    var supportsWorkspaces: Bool { get }
}

extension Backend {
    public var supportsWorkspaces: Bool { true }
}

/// One workspace's state: read, write, lock — terraform's state manager.
public protocol StateStore: AnyObject {
    /// Reads the latest snapshot; nil when nothing is stored yet.
    func read() -> Result<StateFile?, StateStoreError>
    /// Stores a snapshot exactly as given (serial and lineage already decided by the caller).
    func write(_ state: StateFile) -> Result<Void, StateStoreError>
    /// Takes the lock; returns its ID. Stores that cannot lock return an empty ID.
    func lock(_ info: LockInfo) -> Result<String, StateStoreError>
    func unlock(_ id: String) -> Result<Void, StateStoreError>
    /// Where the state lives, for messages (a path or URL).
    var locationDescription: String { get }
}

/// Failures of backends and state stores, worded as terraform words them.
public enum StateStoreError: Error, Sendable, CustomStringConvertible {
    /// The stored bytes are not a usable state.
    case unusable(Diagnostics)
    /// Someone else holds the lock (info when known).
    case lockConflict(message: String, info: LockInfo?)
    /// Anything else: I/O, HTTP, database.
    case failure(String)

    /// Go's `error.Error()` text, as terraform interpolates it into its messages.
    public var description: String {
        switch self {
        case .unusable(let diags): return StateStoreError.goErrorText(diags)
        case .lockConflict(let message, let info):
            var parts: [String] = []
            if !message.isEmpty { parts.append(message) }
            if let info { parts.append(info.description) }
            return parts.joined(separator: "\n")
        case .failure(let message): return message
        }
    }

    /// How tfdiags turns diagnostics into one error string.
    public static func goErrorText(_ diags: Diagnostics) -> String {
        let errors = diags.items.filter { $0.severity == .error }
        func one(_ d: Diagnostic) -> String { d.detail.isEmpty ? d.summary : "\(d.summary): \(d.detail)" }
        if errors.count == 1 { return one(errors[0]) }
        return "\(errors.count) problems:\n\n" + errors.map { "- " + one($0) }.joined(separator: "\n")
    }
}

/// Who holds a state lock and why, stored beside the state (local) or sent to the server (http).
public struct LockInfo: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    public var operation: String
    public var info: String
    public var who: String
    public var version: String
    /// RFC 3339 with nanoseconds, UTC, as Go marshals `time.Time`.
    public var created: String
    public var path: String

    public init(id: String, operation: String, info: String = "", who: String, version: String, created: String, path: String = "") {
        self.id = id
        self.operation = operation
        self.info = info
        self.who = who
        self.version = version
        self.created = created
        self.path = path
    }

    /// A fresh lock request for this process and user.
    public static func new(operation: String, version: String = StateFile.currentTerraformVersion) -> LockInfo {
        var user = ""
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { user = String(cString: name) }
        var buf = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buf, buf.count) == 0 ? String(cString: buf) : ""
        return LockInfo(id: UUID().uuidString.lowercased(), operation: operation, who: "\(user)@\(host)",
                        version: version, created: goTimeJSON(Date()))
    }

    public var json: JSONValue {
        .object([
            "ID": .string(id), "Operation": .string(operation), "Info": .string(info), "Who": .string(who),
            "Version": .string(version), "Created": .string(created), "Path": .string(path),
        ])
    }

    public static func parse(_ bytes: [UInt8]) -> LockInfo? {
        guard let v = try? JSON.parse(bytes), case .object = v else { return nil }
        return LockInfo(id: v["ID"]?.stringValue ?? "", operation: v["Operation"]?.stringValue ?? "",
                        info: v["Info"]?.stringValue ?? "", who: v["Who"]?.stringValue ?? "",
                        version: v["Version"]?.stringValue ?? "", created: v["Created"]?.stringValue ?? "",
                        path: v["Path"]?.stringValue ?? "")
    }

    /// The "Lock Info:" block terraform prints in lock errors.
    public var description: String {
        """
        Lock Info:
          ID:        \(id)
          Path:      \(path)
          Operation: \(operation)
          Who:       \(who)
          Version:   \(version)
          Created:   \(LockInfo.goTimeString(created))
          Info:      \(info)

        """
    }

    /// Go's `time.Time.MarshalJSON` form (RFC 3339, nanoseconds without trailing zeros, `Z`).
    public static func goTimeJSON(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var secs = Int(t.rounded(.down))
        var nanos = Int(((t - Double(secs)) * 1e9).rounded())
        if nanos >= 1_000_000_000 { secs += 1; nanos -= 1_000_000_000 }
        var tm = tm()
        var tt = time_t(secs)
        gmtime_r(&tt, &tm)
        var s = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1, Int(tm.tm_mday),
                       Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
        if nanos > 0 {
            var frac = String(format: "%09d", nanos)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "Z"
    }

    /// Go's `time.Time.String()` for a UTC time given in RFC 3339 (`2006-01-02 15:04:05.999999999 +0000 UTC`).
    static func goTimeString(_ rfc3339: String) -> String {
        guard rfc3339.hasSuffix("Z"), let t = rfc3339.firstIndex(of: "T") else { return rfc3339 }
        var s = rfc3339
        s.replaceSubrange(t...t, with: " ")
        s.removeLast()
        return s + " +0000 UTC"
    }
}
