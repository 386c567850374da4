import Foundation
import HCL

/// A state kept in a local file, locked the way terraform locks it so both tools
/// exclude each other: a write lock (fcntl) on the state file itself, plus a
/// `.NAME.lock.info` file beside it describing the holder.
public final class LocalStateStore: StateStore {
    /// Where the state is read from (`-state`).
    public let readPath: String
    /// Where it is written (`-state-out`; the same as `readPath` by default).
    public let writePath: String
    /// Where the previous snapshot is saved before the first change; nil disables backups.
    public let backupPath: String?

    private var lockFD: Int32 = -1
    private var lockID: String?
    private var createdByLock = false
    private var readSnapshot: StateFile?
    private var wroteBackup = false

    /// The read path as the user or configuration gave it, recorded in lock info as terraform records it.
    public let displayPath: String

    public init(readPath: String, writePath: String? = nil, backupPath: String?, displayPath: String? = nil) {
        self.readPath = readPath
        self.writePath = writePath ?? readPath
        self.backupPath = backupPath
        self.displayPath = displayPath ?? readPath
    }

    deinit {
        if lockFD >= 0 { close(lockFD) }
    }

    public var locationDescription: String { readPath }

    public var lockInfoPath: String {
        let url = URL(fileURLWithPath: writePath)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".lock.info").path
    }

    public func read() -> Result<StateFile?, StateStoreError> {
        let bytes: [UInt8]
        switch LocalFile.read(readPath) {
        case .success(let b): bytes = b
        case .failure(let e): return .failure(e)
        }
        switch StateFileReader.read(bytes) {
        case .noState:
            readSnapshot = nil
            return .success(nil)
        case .state(let file):
            readSnapshot = file
            return .success(file)
        case .failed(let diags):
            return .failure(.unusable(diags))
        }
    }

    /// Instance addresses and outputs, read quickly when `StateHeaderReader`
    /// vouches for the file; nil means: read the whole state with `read()`.
    public func readHeaders() -> StateHeaders? {
        guard case .success(let bytes) = LocalFile.read(readPath) else { return nil }
        return StateHeaderReader.read(bytes)
    }

    public func write(_ state: StateFile) -> Result<Void, StateStoreError> {
        if !wroteBackup, let backupPath, let previous = readSnapshot, !previous.sameContent(as: state) {
            var backup = previous
            backup.terraformVersion = StateFile.currentTerraformVersion
            if case .failure(let e) = LocalFile.writeAtomically(backupPath, StateFileWriter.bytes(backup), newFileMode: 0o600) {
                return .failure(.failure("failed to write to local state backup file: \(e)"))
            }
            wroteBackup = true
        }
        let bytes = StateFileWriter.bytes(state)
        let result = LocalFile.writeAtomically(writePath, bytes, newFileMode: 0o600, keepLockedFD: lockFD >= 0)
        switch result {
        case .success(let newFD):
            // The renamed file is a new inode: keep holding the lock on it, release the old one.
            if lockFD >= 0, let newFD {
                close(lockFD)
                lockFD = newFD
            }
            if writePath == readPath { readSnapshot = state }
            return .success(())
        case .failure(let e):
            return .failure(e)
        }
    }

    /// Empties the state file (zero bytes), backing up what was read first, as
    /// terraform leaves local state behind after migrating it to another backend.
    public func erase() -> Result<Void, StateStoreError> {
        if !wroteBackup, let backupPath, let previous = readSnapshot {
            var backup = previous
            backup.terraformVersion = StateFile.currentTerraformVersion
            if case .failure(let e) = LocalFile.writeAtomically(backupPath, StateFileWriter.bytes(backup), newFileMode: 0o600) {
                return .failure(.failure("failed to write to local state backup file: \(e)"))
            }
            wroteBackup = true
        }
        switch LocalFile.writeAtomically(writePath, [], newFileMode: 0o600, keepLockedFD: lockFD >= 0) {
        case .success(let newFD):
            if lockFD >= 0, let newFD {
                close(lockFD)
                lockFD = newFD
            }
            if writePath == readPath { readSnapshot = nil }
            return .success(())
        case .failure(let e):
            return .failure(e)
        }
    }

    public func lock(_ info: LockInfo) -> Result<String, StateStoreError> {
        if lockID != nil {
            return .failure(.failure("state \(StateFileReader.goQuote(writePath)) already locked"))
        }
        let existed = FileManager.default.fileExists(atPath: writePath)
        let fd = open(writePath, O_RDWR | O_CREAT, 0o600)
        if fd < 0 {
            return .failure(.failure("open \(writePath): \(String(cString: strerror(errno)))"))
        }
        if !FileLock.tryLock(fd) {
            let err = LocalFile.goErrnoText(errno)
            close(fd)
            let holder = (try? Data(contentsOf: URL(fileURLWithPath: lockInfoPath))).flatMap { LockInfo.parse([UInt8]($0)) }
            return .failure(.lockConflict(message: err, info: holder))
        }
        lockFD = fd
        createdByLock = !existed
        var stored = info
        stored.path = displayPath
        stored.created = LockInfo.goTimeJSON(Date())
        lockID = info.id
        let json = Array(stored.json.compactString.utf8)
        if case .failure(let e) = LocalFile.writeAtomically(lockInfoPath, json, newFileMode: 0o600) {
            return .failure(e)
        }
        return .success(info.id)
    }

    public func unlock(_ id: String) -> Result<Void, StateStoreError> {
        guard let held = lockID else {
            return .failure(.failure("LocalState not locked"))
        }
        guard id == held else {
            let holder = (try? Data(contentsOf: URL(fileURLWithPath: lockInfoPath))).flatMap { LockInfo.parse([UInt8]($0)) }
            return .failure(.lockConflict(message: "invalid lock id: \(StateFileReader.goQuote(id)). current id: \(StateFileReader.goQuote(held))", info: holder))
        }
        unlink(lockInfoPath)
        FileLock.unlock(lockFD)
        close(lockFD)
        lockFD = -1
        lockID = nil
        // A file the lock itself created and nothing was written to is removed again.
        if createdByLock, let attrs = try? FileManager.default.attributesOfItem(atPath: writePath),
           (attrs[.size] as? NSNumber)?.intValue == 0 {
            unlink(writePath)
        }
        return .success(())
    }
}

/// fcntl record locks. Open-file-description locks on Linux conflict with
/// terraform's classic POSIX locks and also between two stores in one process.
enum FileLock {
    static func tryLock(_ fd: Int32) -> Bool {
        var fl = flock()
        fl.l_type = Int16(F_WRLCK)
        fl.l_whence = Int16(SEEK_SET)
        fl.l_start = 0
        fl.l_len = 0
        #if os(Linux)
        let cmd: Int32 = 37 // F_OFD_SETLK
        #else
        let cmd = F_SETLK
        #endif
        return fcntl(fd, cmd, &fl) == 0
    }

    static func unlock(_ fd: Int32) {
        var fl = flock()
        fl.l_type = Int16(F_UNLCK)
        fl.l_whence = Int16(SEEK_SET)
        #if os(Linux)
        let cmd: Int32 = 37
        #else
        let cmd = F_SETLK
        #endif
        _ = fcntl(fd, cmd, &fl)
    }
}

/// File reads and crash-safe writes.
public enum LocalFile {
    /// errno text as Go prints it (lower-case first letter).
    static func goErrnoText(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    public static func read(_ path: String) -> Result<[UInt8], StateStoreError> {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return .success([]) }
            return .failure(.failure("open \(path): \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var st = stat()
        var out: [UInt8] = []
        // Read straight into an array of the file's size (no second copy of a big state).
        let expected = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        if expected > 0 {
            var failure: Int32 = 0
            out = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
                if expected >= 4 << 20, let base = buffer.baseAddress {
                    // Huge pages for a big state: read(2) then faults in a few
                    // 2 MB pages instead of thousands of 4 KB ones.
                    let huge = 2 << 20
                    let first = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
                    let last = (Int(bitPattern: base) + expected) & ~(huge - 1)
                    if last > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, Int32(MADV_HUGEPAGE)) }
                }
                var filled = 0
                while filled < expected {
                    let n = Foundation.read(fd, buffer.baseAddress! + filled, expected - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if n == 0 { break }
                    filled += n
                }
                count = filled
            }
            if failure != 0 { return .failure(.failure("read \(path): \(String(cString: strerror(failure)))")) }
        }
        // Anything beyond the size seen (a file still growing), or a size fstat could not tell.
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.failure("read \(path): \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return .success(out)
    }

    /// Writes to a temporary file in the same directory, syncs it, and renames it
    /// over `path`, so a crash leaves either the old or the new bytes. An existing
    /// file keeps its mode. With `keepLockedFD`, the new file is locked before it
    /// appears under `path` and its descriptor is returned.
    @discardableResult
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], newFileMode: mode_t,
                                       keepLockedFD: Bool = false) -> Result<Int32?, StateStoreError> {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var mode = newFileMode
        var st = stat()
        if stat(path, &st) == 0 { mode = st.st_mode & 0o7777 }
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            return .failure(.failure("failed to create temporary file in \(dir): \(String(cString: strerror(errno)))"))
        }
        let tmpPath = String(cString: template)
        func fail(_ what: String) -> Result<Int32?, StateStoreError> {
            let message = "\(what) \(path): \(String(cString: strerror(errno)))"
            close(fd)
            unlink(tmpPath)
            return .failure(.failure(message))
        }
        fchmod(fd, mode)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return fail("write")
            }
            offset += n
        }
        if fsync(fd) != 0 { return fail("fsync") }
        if keepLockedFD && !FileLock.tryLock(fd) { return fail("lock") }
        if rename(tmpPath, path) != 0 { return fail("rename") }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        if keepLockedFD { return .success(fd) }
        close(fd)
        return .success(nil)
    }
}

/// `errored.tfstate`: where an apply puts the state it could not persist, so nothing is lost.
public enum ErroredState {
    public static let fileName = "errored.tfstate"

    /// Writes the state into `directory/errored.tfstate`; returns the path written.
    public static func write(_ state: StateFile, in directory: String) -> Result<String, StateStoreError> {
        let path = directory + "/" + fileName
        switch LocalFile.writeAtomically(path, StateFileWriter.bytes(state), newFileMode: 0o600) {
        case .success: return .success(path)
        case .failure(let e): return .failure(e)
        }
    }
}
