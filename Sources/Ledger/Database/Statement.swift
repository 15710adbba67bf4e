import CSQLite

/// SQLite's `SQLITE_TRANSIENT`: a C macro that Swift does not import.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Finalized when the last reference goes away.
///
/// Parameters are 1-based, as in SQLite; columns are 0-based.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    /// The SQL text, for error messages.
    public let sql: String

    init(database: Database, sql: String) throws {
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = pointer
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// The number of parameters the statement takes.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    // MARK: Binding

    public func bind(_ value: Int64, at index: Int) throws {
        try check(sqlite3_bind_int64(handle, Int32(index), value))
    }

    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    public func bind(_ value: Double, at index: Int) throws {
        try check(sqlite3_bind_double(handle, Int32(index), value))
    }

    public func bind(_ value: String, at index: Int) throws {
        try check(sqlite3_bind_text(handle, Int32(index), value, -1, sqliteTransient))
    }

    /// Binds UTF-8 bytes as text. The bytes are copied.
    public func bind(utf8 bytes: UnsafeRawBufferPointer, at index: Int) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            try check(sqlite3_bind_text(handle, Int32(index), "", 0, sqliteTransient))
            return
        }
        try check(
            sqlite3_bind_text(
                handle, Int32(index), base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient))
    }

    /// Binds UTF-8 bytes as text without copying them (SQLite's `SQLITE_STATIC`). The caller
    /// guarantees that the bytes stay valid and unchanged until the statement has been
    /// stepped and reset, and binds the parameter again before the next step: SQLite keeps
    /// the pointer, not the bytes.
    public func bind(borrowingUTF8 bytes: UnsafeRawBufferPointer, at index: Int) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            try check(sqlite3_bind_text(handle, Int32(index), "", 0, sqliteTransient))
            return
        }
        try check(sqlite3_bind_text(handle, Int32(index), base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
    }

    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(index)))
    }

    /// Binds any `DatabaseValue`.
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        }
    }

    /// Binds all values in order, starting at parameter 1.
    public func bind(_ values: [DatabaseValue]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    /// Resets the statement so it can run again; bindings are kept unless cleared.
    public func reset(clearBindings: Bool = false) {
        sqlite3_reset(handle)
        if clearBindings { sqlite3_clear_bindings(handle) }
    }

    // MARK: Stepping

    /// Steps once. Returns true when a row is available.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion with the given values, then resets it.
    public func execute(_ values: [DatabaseValue] = []) throws {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() {}
    }

    /// Runs a query with the given values and returns every row.
    public func rows(_ values: [DatabaseValue] = []) throws -> [Row] {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        var result: [Row] = []
        while try step() { result.append(currentRow()) }
        return result
    }

    /// Runs a query with the given values and calls `body` at each row, without keeping the
    /// rows (`body` reads the columns from the statement); resets the statement afterwards.
    public func forEachRow(_ values: [DatabaseValue] = [], _ body: (Statement) throws -> Void) throws {
        defer { reset() }
        if !values.isEmpty { try bind(values) }
        while try step() { try body(self) }
    }

    // MARK: Columns

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    public func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    public func string(_ index: Int) -> String? {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return String(cString: text)
    }

    public func value(_ index: Int) -> DatabaseValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_NULL: return .null
        default: return .text(string(index) ?? "")
        }
    }

    /// The current row as values.
    public func currentRow() -> Row {
        Row(values: (0..<columnCount).map { value($0) })
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }
}
