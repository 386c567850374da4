import Foundation
import Values
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local-exec children running now, so an interrupt can end them.
/// Once stopped, no new child starts (terraform's provisioner Stop cancels
/// the context its commands run under). Safe to use from any thread.
public final class ProvisionerProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var running: Set<pid_t> = []
    private var stopped = false

    public init() {}

    public var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Ends every running child with SIGKILL (as Go's exec.CommandContext does) and refuses new ones.
    public func stopAll() {
        lock.lock()
        defer { lock.unlock() }
        stopped = true
        for pid in running { kill(pid, SIGKILL) }
    }

    /// Records a started child; false (and the child killed) when a stop came first.
    func register(_ pid: pid_t) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped {
            kill(pid, SIGKILL)
            return false
        }
        running.insert(pid)
        return true
    }

    func unregister(_ pid: pid_t) {
        lock.lock()
        running.remove(pid)
        lock.unlock()
    }
}

/// Runs one local-exec command the way terraform's provisioner does: the
/// argument vector executed directly (no shell of ours), stdin from
/// /dev/null, stdout and stderr into one pipe read line by line, the
/// environment given, and errors worded as Go's os/exec words them.
enum LocalExecProcess {
    /// terraform keeps the last 8 KiB of output for its error message.
    static let outputTail = 8 * 1024
    /// A partial line is passed on after this long without new bytes (go-linereader's timeout).
    static let partialLineMilliseconds: Int32 = 100

    struct Outcome {
        /// Go's error text ("exit status 3", "signal: killed", ...); nil on success.
        var error: String?
        /// The last `outputTail` bytes of output.
        var output: [UInt8]
    }

    /// `directory`: the command's working directory as configured (nil: `baseDirectory`);
    /// relative paths are taken from `baseDirectory`, the directory terraform would run in.
    static func run(_ arguments: [String], directory: String?, baseDirectory: String, environment: [String: String],
                    processes: ProvisionerProcesses, line: (String) -> Void) -> Outcome {
        guard let name = arguments.first else { return Outcome(error: "exec: no command", output: []) }
        if processes.isStopped { return Outcome(error: "context canceled", output: []) }

        // Go looks a bare name up in terraform's own PATH before anything runs.
        let path: String
        if name.contains("/") {
            path = name
        } else {
            switch lookPath(name, searchPath: environment["PATH"] ?? "") {
            case .success(let p): path = p
            case .failure(let failure): return Outcome(error: failure.message, output: [])
            }
        }
        var chdirTo = baseDirectory
        if let dir = directory, !dir.isEmpty {
            chdirTo = dir.hasPrefix("/") ? dir : baseDirectory + "/" + dir
            var st = stat()
            if stat(chdirTo, &st) != 0 {
                return Outcome(error: "chdir \(dir): \(errnoText(errno))", output: [])
            }
            if (st.st_mode & S_IFMT) != S_IFDIR {
                return Outcome(error: "chdir \(dir): \(errnoText(ENOTDIR))", output: [])
            }
        }

        var fds: [Int32] = [-1, -1]
        guard SpawnExtensions.closeOnExecPipe(&fds) == 0 else {
            return Outcome(error: "pipe: \(errnoText(errno))", output: [])
        }
        let (readEnd, writeEnd) = (fds[0], fds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        // Only stdin, stdout and stderr reach the child, as with Go's exec.
        if let closeFrom = SpawnExtensions.addCloseFrom { _ = closeFrom(&actions, 3) }
        if let addChdir = SpawnExtensions.addChdir {
            _ = addChdir(&actions, chdirTo)
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, &argv, &envp)
        close(writeEnd)
        guard rc == 0 else {
            close(readEnd)
            return Outcome(error: "fork/exec \(path): \(errnoText(rc))", output: [])
        }
        let registered = processes.register(pid)
        defer { processes.unregister(pid) }

        var tail: [UInt8] = []
        var partial: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        func keep(_ bytes: ArraySlice<UInt8>) {
            tail.append(contentsOf: bytes)
            if tail.count > outputTail { tail.removeFirst(tail.count - outputTail) }
        }
        func flush() {
            line(String(decoding: partial, as: UTF8.self))
            partial.removeAll(keepingCapacity: true)
        }
        while registered {
            var pfd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, partialLineMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if !partial.isEmpty { flush() }
                if processes.isStopped { break }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if n == 0 { break }
            let chunk = buffer[0..<n]
            keep(chunk)
            var start = chunk.startIndex
            while let nl = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
                partial.append(contentsOf: chunk[start..<nl])
                flush()
                start = nl + 1
            }
            partial.append(contentsOf: chunk[start...])
            if processes.isStopped { break }
        }
        if !partial.isEmpty { flush() }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status >> 8) & 0xff, signal = status & 0x7f
        if signal == 0 {
            return Outcome(error: code == 0 ? nil : "exit status \(code)", output: tail)
        }
        let core = (status & 0x80) != 0 ? " (core dumped)" : ""
        return Outcome(error: "signal: \(signalText(signal))\(core)", output: tail)
    }

    /// Go's exec.LookPath: the first executable regular file of that name in PATH (an empty entry is ".").
    static func lookPath(_ name: String, searchPath: String) -> Result<String, LookPathFailure> {
        for entry in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let dir = entry.isEmpty ? "." : String(entry)
            let candidate = dir + "/" + name
            var st = stat()
            guard stat(candidate, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR, (st.st_mode & 0o111) != 0,
                  access(candidate, X_OK) == 0 else { continue }
            if !dir.hasPrefix("/") {
                return .failure(LookPathFailure("exec: \(GoQuote.quote(name)): cannot run executable found relative to current directory"))
            }
            return .success(candidate)
        }
        return .failure(LookPathFailure("exec: \(GoQuote.quote(name)): executable file not found in $PATH"))
    }

    struct LookPathFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Go's syscall error strings are the C library's with a lower-case first letter.
    static func errnoText(_ code: Int32) -> String {
        lowerFirst(String(cString: strerror(code)))
    }

    static func signalText(_ sig: Int32) -> String {
        guard let s = strsignal(sig) else { return "signal \(sig)" }
        return lowerFirst(String(cString: s))
    }

    private static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }
}

/// glibc's posix_spawn extensions, which the Swift Glibc module does not export (they need _GNU_SOURCE).
enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }

    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    static let pipe2: Pipe2? = symbol("pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// A pipe whose ends are close-on-exec from the start, so a command started
    /// on another thread at the same moment cannot inherit (and hold open) them.
    static func closeOnExecPipe(_ fds: inout [Int32]) -> Int32 {
        if let pipe2 { return pipe2(&fds, Int32(O_CLOEXEC)) }
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return 0
    }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
    }
}
