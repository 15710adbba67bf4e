import CLibPQ

#if canImport(Glibc)
import Glibc
#endif

/// A connection to a PostgreSQL warehouse through libpq: synchronous, like `Database`.
///
/// Statements are sent with `PQexecParams` (parameters as text, their types inferred by the
/// server); the library's `?` / `?N` placeholders are numbered `$N` here. libpq reads its
/// usual environment (`PGHOST`, `PGUSER`, …) and `~/.pgpass`. The URL is never shown with
/// its password: `path` and every message carry `PostgreSQLURL.redacted`.
public final class PostgreSQLDatabase {
    let connection: OpaquePointer
    /// The connection URL without its password, for messages.
    public let path: String
    /// The SQL dialect of this backend.
    public let dialect: any SQLDialect = PostgreSQLDialect()
    private var translated: [String: String] = [:]

    /// Connects to the database named by `url` (`postgresql://…` or `postgres://…`).
    public init(url: String) throws {
        let shown = PostgreSQLURL.redacted(url)
        guard let connection = PQconnectdb(url) else {
            throw DatabaseError(kind: .io, code: 0, message: "cannot connect (out of memory): \(shown)")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw DatabaseError(kind: .io, code: 0, message: "\(PostgreSQLURL.redactedMessage(message, url: url)): \(shown)")
        }
        self.connection = connection
        self.path = shown
        // Notices (e.g. "relation already exists, skipping") are not the tools' output.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try execute("SET client_encoding = 'UTF8'")
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(connection) }

    // MARK: Running SQL

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement with bound values.
    public func execute(_ sql: String, _ values: [DatabaseValue]) throws {
        let result = try run(sql, values)
        PQclear(result)
    }

    /// Every row of a query.
    public func rows(_ sql: String, _ values: [DatabaseValue] = []) throws -> [Row] {
        let result = try run(sql, values)
        defer { PQclear(result) }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let types = (0..<columnCount).map { PQftype(result, Int32($0)) }
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [DatabaseValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                values.append(Self.value(result, row: Int32(row), column: Int32(column), type: types[column]))
            }
            rows.append(Row(values: values))
        }
        return rows
    }

    /// The first column of the first row, or null.
    public func scalar(_ sql: String, _ values: [DatabaseValue] = []) throws -> DatabaseValue {
        try rows(sql, values).first?.values.first ?? .null
    }

    // MARK: Transactions

    /// Runs `body` in a transaction that first takes the warehouse's write lock (a
    /// transaction-scoped advisory lock: one writer at a time, as SQLite's `BEGIN IMMEDIATE`);
    /// commits when it returns, rolls back when it throws.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN", then: "SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", body)
    }

    /// Runs `body` in a read transaction: one consistent snapshot for every query in it.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }


    /// The advisory-lock key of the warehouse's write lock ("LEDGER" in ASCII).
    static let writeLockKey: Int64 = 0x4C45_4447_4552

    /// Whether a transaction is open.
    public var isInTransaction: Bool { PQtransactionStatus(connection) != PQTRANS_IDLE }

    // MARK: Catalogue

    /// Names of the tables of the current schema.
    public func tableNames() throws -> [String] {
        try rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).compactMap { $0[0].string }
    }

    /// Column names of a table, in order.
    public func columnNames(of table: String) throws -> [String] {
        try rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            [.text(table)]
        ).compactMap { $0[0].string }
    }

    // MARK: Internals

    private func run(_ sql: String, _ values: [DatabaseValue]) throws -> OpaquePointer? {
        let text: String
        if let known = translated[sql] {
            text = known
        } else {
            text = PostgreSQLDialect.numberingPlaceholders(sql)
            translated[sql] = text
        }
        let parameters: [String?] = values.map { value in
            switch value {
            case .null: return nil
            case .integer(let v): return String(v)
            case .real(let v): return "\(v)"
            case .text(let v): return v
            }
        }
        let result = Self.withCStrings(parameters) { pointers in
            PQexecParams(connection, text, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            // The primary message only: the DETAIL line may quote the row's values.
            let message = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { Self.trimmed($0) } ?? ""
            let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
            let lost = PQstatus(connection) != CONNECTION_OK
            throw DatabaseError(
                kind: lost ? .io : Self.kind(ofState: state ?? ""), code: 0,
                message: (message.isEmpty ? Self.trimmed(PQerrorMessage(connection)) : message)
                    + (state.map { " [SQLSTATE \($0)]" } ?? ""),
                sql: sql)
        }
    }

    /// The backend-neutral kind of an SQLSTATE (PostgreSQL's error codes, appendix A).
    static func kind(ofState state: String) -> DatabaseError.Kind {
        switch state {
        case "40001", "40P01", "55P03", "57014": return .busy
        case "53100": return .full
        case "XX001", "XX002": return .corrupt
        default: break
        }
        switch state.prefix(2) {
        case "23": return .constraint
        case "08", "57", "58", "53": return .io
        case "42", "22", "0A": return .other
        default: return .other
        }
    }

    private static func value(_ result: OpaquePointer?, row: Int32, column: Int32, type: Oid) -> DatabaseValue {
        if PQgetisnull(result, row, column) != 0 { return .null }
        guard let pointer = PQgetvalue(result, row, column) else { return .null }
        let text = String(cString: pointer)
        switch type {
        case 20, 21, 23: return Int64(text).map { .integer($0) } ?? .text(text)  // int8, int2, int4
        case 16: return .integer(text == "t" ? 1 : 0)  // bool
        case 700, 701: return Double(text).map { .real($0) } ?? .text(text)  // float4, float8
        case 1700:  // numeric: whole sums of integers stay integers, as in SQLite
            if let whole = Int64(text) { return .integer(whole) }
            return Double(text).map { .real($0) } ?? .text(text)
        default: return .text(text)
        }
    }

    private static func trimmed(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var text = String(cString: pointer)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    private static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let storage: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in storage { free(pointer) } }
        return body(storage.map { UnsafePointer($0) })
    }
}
