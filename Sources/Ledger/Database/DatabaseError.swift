/// An error reported by the database engine.
///
/// Carries the engine's result code, its message and the SQL that failed — never bound
/// values, which may hold personal data.
public struct DatabaseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is, independent of the backend.
    public enum Kind: Sendable, Equatable {
        /// Another connection holds the lock past the busy timeout.
        case busy
        /// The disk (or the database's page limit) is full.
        case full
        /// The file could not be read or written.
        case io
        /// A constraint (unique, not null, check) failed.
        case constraint
        /// The file is not a database, or it is corrupt.
        case corrupt
        /// The program used the database wrongly (a bug).
        case misuse
        /// Anything else.
        case other
    }

    public var kind: Kind
    /// The backend's own result code (SQLite's extended result code).
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(kind: Kind, code: Int32, message: String, sql: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "database error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        return text
    }
}
