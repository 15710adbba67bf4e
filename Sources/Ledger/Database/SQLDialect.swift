/// The pieces of SQL that differ between backends.
///
/// Queries elsewhere in `Ledger` are written in portable SQL and ask the dialect for
/// anything backend-specific: date arithmetic, upserts, date formatting. A PostgreSQL
/// backend implements this protocol in a new file.
public protocol SQLDialect: Sendable {
    /// The backend this dialect belongs to (migrations are frozen per backend).
    var backend: DatabaseBackend { get }
    /// Days from date/time `a` to date/time `b` (fractional), as an SQL expression.
    func daysBetween(_ a: String, _ b: String) -> String
    /// Hours from date/time `a` to date/time `b` (fractional), as an SQL expression.
    func hoursBetween(_ a: String, _ b: String) -> String
    /// The local date ('YYYY-MM-DD') of a stored date-time text, as an SQL expression.
    func dateOf(_ expression: String) -> String
    /// A date/time text shifted by a whole number of days, as an SQL expression.
    func addDays(_ expression: String, _ days: String) -> String
    /// A date/time text shifted by a number of hours, as an SQL expression ('YYYY-MM-DD HH:MM:SS').
    func addHours(_ expression: String, _ hours: String) -> String
    /// Whole days from 1970-01-01 to the date part of a date or date-time text, as an integer
    /// SQL expression (null when the text is null).
    func dayNumber(_ expression: String) -> String
    /// `INSERT ... ON CONFLICT (key) DO UPDATE SET ...` for the given table.
    func upsert(table: String, columns: [String], key: [String], updating: [String]) -> String
    /// `INSERT … VALUES (parameters) ON CONFLICT (key) DO NOTHING`: inserts a row unless its key exists.
    func insertIgnoringConflicts(table: String, columns: [String], parameters: [String], key: [String]) -> String
    /// The `INTEGER PRIMARY KEY` column type that auto-increments.
    var autoIncrementPrimaryKey: String { get }
    /// A numbered parameter placeholder (1-based), usable several times in one statement.
    func parameter(_ index: Int) -> String
    /// A null-safe "differs" comparison (`a IS NOT b` / `a IS DISTINCT FROM b`).
    func isDistinct(_ a: String, _ b: String) -> String
    /// A null-safe "equals" comparison that can use an index (`a IS b` / `a IS NOT DISTINCT FROM b`).
    func isSame(_ a: String, _ b: String) -> String
    /// The calendar month ('YYYY-MM') of a stored date or date-time text, as an SQL expression.
    func monthOf(_ expression: String) -> String
    /// `column` in a form the query planner does not read through an index, where another
    /// condition of the query is the selective one (SQLite: `+column`).
    func unindexed(_ column: String) -> String
    /// A trigger that runs `statements` after each row that `event` writes to `table` and for
    /// which `condition` (if any) holds; both name the row `NEW` (insert, update) and `OLD`
    /// (update, delete).
    func rowTrigger(name: String, after event: RowTriggerEvent, on table: String, when condition: String?, statements: [String]) -> [String]
}

/// The row event a trigger follows.
public enum RowTriggerEvent: String, Sendable {
    case insert = "INSERT"
    case update = "UPDATE"
    case delete = "DELETE"
}

/// SQLite's spelling of the dialect pieces.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var backend: DatabaseBackend { .sqlite }

    public func daysBetween(_ a: String, _ b: String) -> String { "(julianday(\(b)) - julianday(\(a)))" }
    public func hoursBetween(_ a: String, _ b: String) -> String { "((julianday(\(b)) - julianday(\(a))) * 24.0)" }
    public func dateOf(_ expression: String) -> String { "substr(\(expression), 1, 10)" }
    public func addDays(_ expression: String, _ days: String) -> String {
        "date(\(expression), (\(days)) || ' days')"
    }
    public func addHours(_ expression: String, _ hours: String) -> String {
        "datetime(\(expression), (\(hours)) || ' hours')"
    }
    public func dayNumber(_ expression: String) -> String {
        "CAST(julianday(substr(\(expression), 1, 10)) - 2440587.5 AS INTEGER)"
    }
    public func upsert(table: String, columns: [String], key: [String], updating: [String]) -> String {
        let names = columns.map(quoted).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let keys = key.map(quoted).joined(separator: ", ")
        let sets = updating.map { "\(quoted($0)) = excluded.\(quoted($0))" }.joined(separator: ", ")
        let action = sets.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(sets)"
        return "INSERT INTO \(quoted(table)) (\(names)) VALUES (\(marks)) ON CONFLICT (\(keys)) \(action)"
    }
    public var autoIncrementPrimaryKey: String { "INTEGER PRIMARY KEY AUTOINCREMENT" }
    public func insertIgnoringConflicts(table: String, columns: [String], parameters: [String], key: [String]) -> String {
        "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES (\(parameters.joined(separator: ", "))) ON CONFLICT (\(key.map(quoted).joined(separator: ", "))) DO NOTHING"
    }
    public func parameter(_ index: Int) -> String { "?\(index)" }
    public func isDistinct(_ a: String, _ b: String) -> String { "\(a) IS NOT \(b)" }
    public func isSame(_ a: String, _ b: String) -> String { "\(a) IS \(b)" }
    public func monthOf(_ expression: String) -> String { "substr(\(expression), 1, 7)" }
    public func unindexed(_ column: String) -> String { "+\(column)" }
    public func rowTrigger(
        name: String, after event: RowTriggerEvent, on table: String, when condition: String?, statements: [String]
    ) -> [String] {
        ["CREATE TRIGGER \(quoted(name)) AFTER \(event.rawValue) ON \(quoted(table)) FOR EACH ROW"
            + (condition.map { " WHEN \($0)" } ?? "") + " BEGIN\n"
            + statements.map { "    \($0);\n" }.joined() + "END"]
    }

    private func quoted(_ name: String) -> String { "\"\(name)\"" }
}
