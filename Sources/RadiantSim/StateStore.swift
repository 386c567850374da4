import Foundation
import JSON

/// One kind of stored object (servers, networks, clusters...) in creation order.
struct Table {
    private(set) var order: [String] = []
    private(set) var rows: [String: JSONValue] = [:]

    subscript(id: String) -> JSONValue? {
        get { rows[id] }
        set {
            if let newValue {
                if rows.updateValue(newValue, forKey: id) == nil { order.append(id) }
            } else if rows.removeValue(forKey: id) != nil {
                order.removeAll { $0 == id }
            }
        }
    }

    var all: [JSONValue] { order.compactMap { rows[$0] } }
    var count: Int { rows.count }
    var ids: [String] { order }
}

/// The whole simulated cloud. Every request runs under one lock, which keeps the rules
/// simple (no request ever sees half of another's changes) and is fast enough for a simulator.
final class StateStore: @unchecked Sendable {
    private let lock = NSLock()
    var tables: [String: Table] = [:]
    /// Credentials and other settings chosen on first start and kept across restarts.
    var settings: JSONValue = .emptyObject
    private var dirty = false
    let stateFile: String?

    init(stateDir: String?) {
        stateFile = stateDir.map { $0 + "/state.json" }
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    subscript(table: String) -> Table {
        get { tables[table] ?? Table() }
        set { tables[table] = newValue; dirty = true }
    }

    func get(_ table: String, _ id: String) -> JSONValue? { tables[table]?[id] }

    func put(_ table: String, _ id: String, _ value: JSONValue) {
        tables[table, default: Table()][id] = value
        dirty = true
    }

    func delete(_ table: String, _ id: String) {
        tables[table]?[id] = nil
        dirty = true
    }

    func all(_ table: String) -> [JSONValue] { tables[table]?.all ?? [] }

    func markDirty() { dirty = true }

    // MARK: Persistence

    /// Loads the state file if there is one. A file that does not parse is an error, never silently replaced.
    func load() throws -> Bool {
        guard let stateFile, FileManager.default.fileExists(atPath: stateFile) else { return false }
        let data = try Array(Data(contentsOf: URL(fileURLWithPath: stateFile)))
        let doc = try JSON.parse(data)
        settings = doc["settings"] ?? .emptyObject
        var loaded: [String: Table] = [:]
        for member in doc["tables"]?.objectValue ?? [] {
            var t = Table()
            for row in member.value.objectValue ?? [] { t[row.key] = row.value }
            loaded[member.key] = t
        }
        tables = loaded
        return true
    }

    /// Writes the state if anything changed, atomically: a crash leaves either the old or the new file.
    func persistIfDirty() {
        guard dirty, let stateFile else { return }
        let doc = JSONValue.obj([
            ("format", .int(1)),
            ("settings", settings),
            ("tables", .object(tables.keys.sorted().map { name in
                let t = tables[name] ?? Table()
                return JSONMember(key: name, value: .object(t.ids.compactMap { id in t[id].map { JSONMember(key: id, value: $0) } }))
            })),
        ])
        if AtomicFile.write(JSONWriter(escapeHTML: false).bytes(doc), to: stateFile) { dirty = false }
    }
}

enum AtomicFile {
    /// Temp file in the same directory, fsync, rename over the target, fsync the directory.
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) -> Bool {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { return false }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { ok = false; break }
                offset += n
            }
        }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        return true
    }
}
