import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL server on 127.0.0.1 for the pg backend tests:
/// initdb + pg_ctl in a temporary directory (as `nobody` when running as root,
/// since the server refuses root), stopped and removed by `stop()`.
public final class PostgresServer: @unchecked Sendable {
    public static var binDirectory: String? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(v)/bin/initdb") { return "\(base)/\(v)/bin" }
        return nil
    }

    public static var available: Bool { binDirectory != nil }

    public let directory: String
    public let port: Int
    public let bin: String
    private let asUser: [String]

    public var connectionString: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    public init() throws {
        guard let bin = PostgresServer.binDirectory else { throw POSIXError(.ENOENT) }
        self.bin = bin
        directory = NSTemporaryDirectory() + "/pgtest-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = PostgresServer.freePort()
        asUser = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "nobody", "--"] : []
        if getuid() == 0 { chown(directory, 65534, 65534) }
        try run([bin + "/initdb", "-D", directory + "/data", "-A", "trust", "-U", "postgres", "--no-sync"])
        try run([bin + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-o",
                 "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    public func stop() {
        try? run([bin + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// posix_spawn + waitpid: Foundation's Process can miss the exit of `pg_ctl start`
    /// (whose server lives on) and wait forever.
    private func run(_ args: [String]) throws {
        let full = asUser + args
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = full.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawn(&pid, full[0], &actions, nil, &argv, environ) == 0 else { throw POSIXError(.EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status != 0 { throw POSIXError(.EIO) }
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
