/// One forward-only change to the warehouse schema, applied once in its own transaction.
public struct Migration: Sendable {
    /// A stable id, never reused or renamed: it is recorded in the warehouse.
    public var id: String
    /// The statements, run in order.
    public var statements: @Sendable (any SQLDialect) -> [String]

    public init(id: String, statements: @escaping @Sendable (any SQLDialect) -> [String]) {
        self.id = id
        self.statements = statements
    }
}

/// Errors about the warehouse schema itself.
public enum SchemaError: Error, CustomStringConvertible, Equatable {
    /// The warehouse was migrated by a newer binary.
    case newerThanBinary(unknownMigrations: [String], path: String)

    public var description: String {
        switch self {
        case .newerThanBinary(let ids, let path):
            return "\(path): warehouse schema is newer than this binary (unknown migrations: \(ids.joined(separator: ", "))); deploy the matching version"
        }
    }
}

/// Applies migrations in order, each once, each in one transaction.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    public init(migrations: [Migration]) { self.migrations = migrations }

    /// Ids already applied to `database`, in order.
    public func appliedIDs(in database: Database) throws -> [String] {
        try database.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL)")
        return try database.rows("SELECT id FROM schema_migrations ORDER BY seq").compactMap { $0[0].string }
    }

    /// Brings `database` up to date. Throws `SchemaError.newerThanBinary` when it holds
    /// migrations this binary does not know.
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        let applied = try appliedIDs(in: database)
        let known = Set(migrations.map(\.id))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SchemaError.newerThanBinary(unknownMigrations: unknown, path: database.path)
        }
        var ran: [String] = []
        for (seq, migration) in migrations.enumerated() where !applied.contains(migration.id) {
            try database.writeTransaction {
                // Re-check inside the lock: another process may have migrated meanwhile.
                let done = try database.scalar("SELECT COUNT(*) FROM schema_migrations WHERE id = ?", [.text(migration.id)])
                guard done.int64 == 0 else { return }
                for statement in migration.statements(database.dialect) { try database.execute(statement) }
                try database.execute("INSERT INTO schema_migrations (id, seq) VALUES (?, ?)", [.text(migration.id), .integer(Int64(seq))])
                ran.append(migration.id)
            }
        }
        return ran
    }
}
