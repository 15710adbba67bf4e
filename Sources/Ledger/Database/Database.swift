import CSQLite

/// SQLite's process-wide settings, applied once before the first connection opens (Swift
/// initialises a global on first use, exactly once): memory statistics off, so that an
/// allocation does not take SQLite's global mutex to count itself (≈ 7 % of a large load's
/// CPU; nothing in Ledger reads the statistics). SQLITE_MISUSE — SQLite already initialised
/// by other code in the process — leaves the default in place, which is only slower.
private let sqliteProcessSettings: Int32 = ledger_sqlite3_disable_memory_statistics()

/// A connection to the warehouse.
///
/// The only type that opens SQLite. Everything SQLite-specific — pragmas, the lock model,
/// dialect pieces of SQL — is decided here or in `SQLiteDialect`, so that a second backend
/// is a new file rather than a rewrite.
public final class Database {
    /// How to open the warehouse.
    public struct Options: Sendable {
        /// Open read-only (reports); the file must exist.
        public var readOnly: Bool = false
        /// How long to wait for another writer before failing with `.busy`, in milliseconds.
        public var busyTimeoutMilliseconds: Int = 30_000
        /// An upper bound on the file's pages; used to simulate a full disk in tests.
        public var maxPageCount: Int? = nil
        /// Page cache per connection, in KiB. Large loads keep their indexes in memory
        /// instead of re-reading pages (SQLite's default is 2 MiB).
        public var cacheKiB: Int = 32 * 1024

        public init(
            readOnly: Bool = false, busyTimeoutMilliseconds: Int = 30_000, maxPageCount: Int? = nil,
            cacheKiB: Int = 32 * 1024
        ) {
            self.readOnly = readOnly
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.maxPageCount = maxPageCount
            self.cacheKiB = cacheKiB
        }
    }

    let handle: OpaquePointer
    /// The path the connection was opened on (":memory:" for an in-memory database).
    public let path: String
    /// The SQL dialect of this backend.
    public let dialect: any SQLDialect = SQLiteDialect()
    private var statementCache: [String: Statement] = [:]

    /// Opens (creating when allowed) the database at `path`.
    public init(path: String, options: Options = Options()) throws {
        _ = sqliteProcessSettings
        var pointer: OpaquePointer?
        let flags =
            (options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw DatabaseError(kind: Self.kind(of: code), code: code, message: "\(message): \(path)")
        }
        self.handle = pointer
        self.path = path
        sqlite3_extended_result_codes(pointer, 1)
        sqlite3_busy_timeout(pointer, Int32(options.busyTimeoutMilliseconds))
        if !options.readOnly && path != ":memory:" {
            // WAL lets reports read while a load writes; it is persistent in the file.
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=NORMAL")
        }
        try execute("PRAGMA foreign_keys=OFF")
        try execute("PRAGMA cache_size=-\(max(1, options.cacheKiB))")
        if let pages = options.maxPageCount {
            try execute("PRAGMA max_page_count=\(pages)")
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: Running SQL

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(kind: Self.kind(of: code), code: code, message: text, sql: sql)
        }
    }

    /// Runs one statement with bound values.
    public func execute(_ sql: String, _ values: [DatabaseValue]) throws {
        try cachedStatement(sql).execute(values)
    }

    /// Prepares a new statement (not cached).
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement kept for the life of the connection.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// The SQL of every statement cached on this connection: each query run through `rows`,
    /// `scalar`, `execute(_:_:)` or `forEachRow`, once. Tests read it to see which queries ran.
    public var cachedSQL: [String] { Array(statementCache.keys) }

    /// Every row of a query.
    public func rows(_ sql: String, _ values: [DatabaseValue] = []) throws -> [Row] {
        try cachedStatement(sql).rows(values)
    }

    /// Calls `body` at each row of a query (reading columns from the statement) without
    /// materialising the rows: for large scans that are summed as they are read.
    public func forEachRow(_ sql: String, _ values: [DatabaseValue] = [], _ body: (Statement) throws -> Void) throws {
        try cachedStatement(sql).forEachRow(values, body)
    }

    /// The first column of the first row, or null.
    public func scalar(_ sql: String, _ values: [DatabaseValue] = []) throws -> DatabaseValue {
        try rows(sql, values).first?.values.first ?? .null
    }

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether SQLite counts its allocations (process-wide; off once a `Database` has opened).
    static var tracksMemoryStatistics: Bool {
        _ = sqliteProcessSettings
        var current: Int64 = 0
        var highwater: Int64 = 0
        // With statistics off SQLite never updates the counters, so the in-use figure stays 0
        // while connections hold memory.
        sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highwater, 0)
        return current != 0
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    // MARK: Transactions

    /// Runs `body` in a transaction that takes the write lock at once (so a second writer
    /// waits at the start, not in the middle); commits when it returns, rolls back when it throws.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction: one consistent snapshot for every query in it.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }


    /// Whether a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Maintenance

    /// The result of the engine's own consistency check: empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        let rows = try prepare("PRAGMA integrity_check").rows()
        let lines = rows.compactMap { $0[0].string }
        return lines == ["ok"] ? [] : lines
    }

    /// Names of the user tables.
    public func tableNames() throws -> [String] {
        try prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows().compactMap { $0[0].string }
    }

    /// Column names of a table, in order.
    public func columnNames(of table: String) throws -> [String] {
        try prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").rows([.text(table)]).compactMap { $0[0].string }
    }

    // MARK: Errors

    func error(code: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        return DatabaseError(kind: Self.kind(of: extended == 0 ? code : extended), code: extended, message: message, sql: sql)
    }

    static func kind(of code: Int32) -> DatabaseError.Kind {
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_FULL: return .full
        case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM: return .io
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt
        case SQLITE_MISUSE, SQLITE_RANGE: return .misuse
        default: return .other
        }
    }
}
