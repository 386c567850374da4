import Foundation
import JSON
import PostgresNIO

/// The `pg` backend as terraform keeps it: one row per workspace in
/// `SCHEMA.states (id, name, data)`, ids from `public.global_states_id_seq`,
/// and session advisory locks on the row id (`-1` while a workspace is created).
/// The store holds one connection for its lifetime, so its advisory lock lives
/// exactly as long as the command.
public final class PGBackend: Backend {
    public struct Settings: Sendable {
        public var connectionString = ""
        public var schemaName = "terraform_remote_state"
        public var skipSchemaCreation = false
        public var skipTableCreation = false
        public var skipIndexCreation = false

        public init() {}

        public static func from(config: [String: JSONValue], environment: [String: String]) -> Result<Settings, StateStoreError> {
            var s = Settings()
            s.connectionString = config["conn_str"]?.stringValue ?? environment["PG_CONN_STR"] ?? ""
            guard !s.connectionString.isEmpty else { return .failure(.failure("conn_str argument is required")) }
            if let schema = config["schema_name"]?.stringValue ?? environment["PG_SCHEMA_NAME"], !schema.isEmpty { s.schemaName = schema }
            s.skipSchemaCreation = config["skip_schema_creation"]?.boolValue ?? false
            s.skipTableCreation = config["skip_table_creation"]?.boolValue ?? false
            s.skipIndexCreation = config["skip_index_creation"]?.boolValue ?? false
            return .success(s)
        }
    }

    public let settings: Settings
    private var prepared = false

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Schema, sequence, table and index, created as terraform creates them.
    func prepare(_ db: PGSession) -> Result<Void, StateStoreError> {
        if prepared { return .success(()) }
        let schema = PGSession.quoteIdentifier(settings.schemaName)
        do {
            if !settings.skipSchemaCreation {
                let count = try db.query("select count(1) from information_schema.schemata where schema_name = \(settings.schemaName)")
                    .first.flatMap { try? $0.decode(Int64.self) } ?? 0
                if count == 0 { _ = try db.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)") }
            }
            if !settings.skipTableCreation {
                _ = try db.query("CREATE SEQUENCE IF NOT EXISTS public.global_states_id_seq AS bigint")
                _ = try db.query("CREATE TABLE IF NOT EXISTS \(unescaped: schema).states (id bigint NOT NULL DEFAULT nextval('public.global_states_id_seq') PRIMARY KEY, name text UNIQUE, data text)")
            }
            if !settings.skipIndexCreation {
                _ = try db.query("CREATE UNIQUE INDEX IF NOT EXISTS states_by_name ON \(unescaped: schema).states (name)")
            }
        } catch {
            return .failure(.failure(PGSession.describe(error)))
        }
        prepared = true
        return .success(())
    }

    func session() -> Result<PGSession, StateStoreError> {
        let db: PGSession
        switch PGSession.connect(settings.connectionString) {
        case .success(let s): db = s
        case .failure(let e): return .failure(e)
        }
        if case .failure(let e) = prepare(db) { return .failure(e) }
        return .success(db)
    }

    public func workspaces() -> Result<[String], StateStoreError> {
        switch session() {
        case .failure(let e): return .failure(e)
        case .success(let db):
            defer { db.close() }
            do {
                let rows = try db.query("SELECT name FROM \(unescaped: PGSession.quoteIdentifier(settings.schemaName)).states WHERE name != 'default' ORDER BY name")
                return .success(["default"] + rows.compactMap { try? $0.decode(String.self) })
            } catch {
                return .failure(.failure(PGSession.describe(error)))
            }
        }
    }

    public func stateStore(workspace: String) -> Result<StateStore, StateStoreError> {
        switch session() {
        case .failure(let e): return .failure(e)
        case .success(let db):
            let store = PGStateStore(db: db, schema: settings.schemaName, name: workspace)
            // A new workspace gets its row (an empty state) at once, so it is listed, as terraform does.
            if workspace != "default", case .success(nil) = store.read() {
                guard case .success(let id) = store.lock(LockInfo.new(operation: "init")) else {
                    return .failure(.failure("failed to lock state in Postgres"))
                }
                defer { _ = store.unlock(id) }
                if case .success(nil) = store.read(),
                   case .failure(let e) = store.write(StateFile(serial: 0, lineage: "").preparedForWrite(after: nil)) {
                    return .failure(e)
                }
            }
            return .success(store)
        }
    }

    public func deleteWorkspace(_ name: String, force: Bool) -> Result<Void, StateStoreError> {
        if name == "default" || name.isEmpty { return .failure(.failure("can't delete default state")) }
        switch session() {
        case .failure(let e): return .failure(e)
        case .success(let db):
            defer { db.close() }
            do {
                _ = try db.query("DELETE FROM \(unescaped: PGSession.quoteIdentifier(settings.schemaName)).states WHERE name = \(name)")
                return .success(())
            } catch {
                return .failure(.failure(PGSession.describe(error)))
            }
        }
    }
}

public final class PGStateStore: StateStore {
    let db: PGSession
    let schema: String
    let name: String
    private var lockInfo: LockInfo?
    /// The advisory lock key held (`-1` while creating the workspace row).
    private var heldKey: String?

    init(db: PGSession, schema: String, name: String) {
        self.db = db
        self.schema = schema
        self.name = name
    }

    deinit { db.close() }

    public var locationDescription: String { "pg:\(schema)/\(name)" }

    private var table: String { PGSession.quoteIdentifier(schema) + ".states" }

    public func read() -> Result<StateFile?, StateStoreError> {
        do {
            let rows = try db.query("SELECT data FROM \(unescaped: table) WHERE name = \(name)")
            guard let row = rows.first, let data = try row.decode(String?.self) else { return .success(nil) }
            switch StateFileReader.read(Array(data.utf8)) {
            case .noState: return .success(nil)
            case .state(let s): return .success(s)
            case .failed(let d): return .failure(.unusable(d))
            }
        } catch {
            return .failure(.failure(PGSession.describe(error)))
        }
    }

    public func write(_ state: StateFile) -> Result<Void, StateStoreError> {
        let data = StateFileWriter.string(state)
        do {
            _ = try db.query("INSERT INTO \(unescaped: table) (name, data) VALUES (\(name), \(data)) ON CONFLICT (name) DO UPDATE SET data = \(data) WHERE states.name = \(name)")
            return .success(())
        } catch {
            return .failure(.failure(PGSession.describe(error)))
        }
    }

    public func lock(_ info: LockInfo) -> Result<String, StateStoreError> {
        var info = info
        do {
            let rows = try db.query("SELECT states.id, pg_try_advisory_lock(states.id), pg_try_advisory_lock(-1) FROM \(unescaped: table) WHERE states.name = \(name)")
            if let row = rows.first {
                let (id, didLock, didLockForCreate) = try row.decode((Int64, Bool, Bool).self)
                if !didLock {
                    _ = try? db.query("SELECT pg_advisory_unlock(-1)")
                    return .failure(.lockConflict(message: "Workspace is already locked: \(name)", info: info))
                }
                if !didLockForCreate {
                    _ = try? db.query("SELECT pg_advisory_unlock(\(unescaped: String(id)))")
                    return .failure(.lockConflict(message: "Cannot lock workspace; already locked for workspace creation: \(name)", info: info))
                }
                _ = try db.query("SELECT pg_advisory_unlock(-1)")
                info.path = String(id)
            } else {
                let inner = try db.query("SELECT pg_try_advisory_lock(-1)")
                guard let ok = try inner.first?.decode(Bool.self), ok else {
                    return .failure(.lockConflict(message: "Already locked for workspace creation: \(name)", info: info))
                }
                info.path = "-1"
            }
        } catch {
            return .failure(.lockConflict(message: PGSession.describe(error), info: info))
        }
        heldKey = info.path
        lockInfo = info
        return .success(info.id)
    }

    public func unlock(_ id: String) -> Result<Void, StateStoreError> {
        guard let key = heldKey else { return .success(()) }
        do {
            _ = try db.query("SELECT pg_advisory_unlock(\(unescaped: key))")
        } catch {
            return .failure(.lockConflict(message: PGSession.describe(error), info: lockInfo))
        }
        heldKey = nil
        lockInfo = nil
        return .success(())
    }
}

/// One blocking PostgreSQL connection (postgres-nio's futures, waited on from
/// the calling thread; never from an event loop).
final class PGSession: @unchecked Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "terraswift.pg")
    private var closed = false

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    static func quoteIdentifier(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `postgres://user:password@host:port/db?sslmode=disable` (the URL form of `conn_str`).
    static func configuration(_ conn: String) -> Result<PostgresConnection.Configuration, StateStoreError> {
        guard let url = URLComponents(string: conn), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            return .failure(.failure("conn_str must be a postgres:// URL"))
        }
        let sslmode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        if sslmode == "disable" {
            tls = .disable
        } else {
            var config = TLSConfiguration.makeClientConfiguration()
            if sslmode != "verify-full" { config.certificateVerification = .none }
            guard let context = try? NIOSSLContext(configuration: config) else { return .failure(.failure("cannot set up TLS")) }
            tls = sslmode == "require" || sslmode.hasPrefix("verify") ? .require(context) : .prefer(context)
        }
        var database = url.path
        if database.hasPrefix("/") { database.removeFirst() }
        return .success(PostgresConnection.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432,
            username: url.user?.removingPercentEncoding ?? "postgres", password: url.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database, tls: tls))
    }

    static func connect(_ conn: String) -> Result<PGSession, StateStoreError> {
        let config: PostgresConnection.Configuration
        switch configuration(conn) {
        case .success(let c): config = c
        case .failure(let e): return .failure(e)
        }
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            let c = try PostgresConnection.connect(on: loop, configuration: config, id: 1, logger: Logger(label: "terraswift.pg")).wait()
            return .success(PGSession(connection: c))
        } catch {
            return .failure(.failure("Failed to connect to PostgreSQL: \(describe(error))"))
        }
    }

    func query(_ q: PostgresQuery) throws -> [PostgresRow] {
        try connection.query(q, logger: logger).wait().rows
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
    }

    /// The server's message without connection details (no passwords in errors).
    static func describe(_ error: Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return "pq: " + message }
            return "\(e.code)"
        }
        return "\(error)"
    }
}
