/// What the schema layer needs of a warehouse connection, on any backend: run statements,
/// read rows, take the write lock, name its dialect and its tables.
///
/// `Database` (SQLite) and `PostgreSQLDatabase` (libpq) implement it; the migrator runs
/// through it, so a released migration runs the same way on both.
public protocol DatabaseConnection: AnyObject {
    /// Where the connection points, for messages (a file path, or a URL without password).
    var path: String { get }
    /// The SQL dialect of the backend.
    var dialect: any SQLDialect { get }
    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws
    /// Runs one statement with bound values.
    func execute(_ sql: String, _ values: [DatabaseValue]) throws
    /// Every row of a query.
    func rows(_ sql: String, _ values: [DatabaseValue]) throws -> [Row]
    /// Runs `body` in a transaction holding the warehouse's write lock.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T
    /// Names of the user tables, sorted.
    func tableNames() throws -> [String]
    /// Column names of a table, in order.
    func columnNames(of table: String) throws -> [String]
}

extension DatabaseConnection {
    /// The first column of the first row, or null.
    func firstValue(_ sql: String, _ values: [DatabaseValue] = []) throws -> DatabaseValue {
        try rows(sql, values).first?.values.first ?? .null
    }

    /// Runs `begin` (and `then`, e.g. taking a lock), `body`, then COMMIT; on any error
    /// ROLLBACK and rethrow: the one transaction shape of both backends.
    func transaction<T>(begin: String, then: String? = nil, _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            if let then { try execute(then) }
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

extension Database: DatabaseConnection {}
extension PostgreSQLDatabase: DatabaseConnection {}
