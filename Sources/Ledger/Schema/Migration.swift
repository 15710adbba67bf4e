/// One forward-only change to the warehouse schema, applied once in its own transaction.
///
/// Its statements are frozen per backend when it is released (`Schema/Migrations/`,
/// compared with `Tests/LedgerTests/Goldens/migrations/<backend>/<id>.sql`): a warehouse that
/// ran a migration and one created later ran the very same text. A change to the feed
/// catalogue is a new migration, never an edit of a released one (docs/schema.md).
public struct Migration: Sendable {
    /// A stable id, never reused or renamed: it is recorded in the warehouse.
    public var id: String
    /// The statements on SQLite, run in order.
    public var sqlite: [String]
    /// The statements on PostgreSQL, run in order.
    public var postgresql: [String]

    public init(id: String, sqlite: [String], postgresql: [String]) {
        self.id = id
        self.sqlite = sqlite
        self.postgresql = postgresql
    }

    /// The statements for `backend`, run in order.
    public func statements(for backend: DatabaseBackend) -> [String] {
        switch backend {
        case .sqlite: return sqlite
        case .postgresql: return postgresql
        }
    }
}

/// Errors about the warehouse schema itself.
public enum SchemaError: Error, CustomStringConvertible, Equatable {
    /// The warehouse was migrated by a newer binary.
    case newerThanBinary(unknownMigrations: [String], path: String)
    /// The warehouse lacks migrations of this binary and the opener may not migrate it
    /// (reports open read-only): `dms-import` brings it up to date.
    case olderThanBinary(pendingMigrations: [String], path: String)

    public var description: String {
        switch self {
        case .newerThanBinary(let ids, let path):
            return "\(path): warehouse schema is newer than this binary (unknown migrations: \(ids.joined(separator: ", "))); deploy the matching version"
        case .olderThanBinary(let ids, let path):
            return "\(path): warehouse schema is older than this binary (pending migrations: \(ids.joined(separator: ", "))); run dms-import first (any load, or `dms-import check`), which upgrades it"
        }
    }
}

/// Applies migrations in order, each once, each in one transaction.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    public init(migrations: [Migration]) { self.migrations = migrations }

    static let createLedger = "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL)"

    /// Ids already applied to `database`, in order.
    public func appliedIDs(in database: any DatabaseConnection) throws -> [String] {
        try database.execute(Self.createLedger)
        return try database.rows("SELECT id FROM schema_migrations ORDER BY seq", []).compactMap { $0[0].string }
    }

    /// Checks, without writing anything, that `database` holds exactly the migrations of this
    /// binary: `SchemaError.newerThanBinary` for unknown ones, `.olderThanBinary` for missing ones.
    public func requireCurrent(_ database: any DatabaseConnection) throws {
        let hasLedger = try database.tableNames().contains("schema_migrations")
        let applied =
            hasLedger ? try database.rows("SELECT id FROM schema_migrations ORDER BY seq", []).compactMap { $0[0].string } : []
        let known = Set(migrations.map(\.id))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw SchemaError.newerThanBinary(unknownMigrations: unknown, path: database.path) }
        let pending = migrations.map(\.id).filter { !applied.contains($0) }
        guard pending.isEmpty else { throw SchemaError.olderThanBinary(pendingMigrations: pending, path: database.path) }
    }

    /// Brings `database` up to date with the statements frozen for its backend. Throws
    /// `SchemaError.newerThanBinary` when it holds migrations this binary does not know.
    @discardableResult
    public func migrate(_ database: any DatabaseConnection) throws -> [String] {
        let applied = try appliedIDs(in: database)
        let known = Set(migrations.map(\.id))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SchemaError.newerThanBinary(unknownMigrations: unknown, path: database.path)
        }
        let backend = database.dialect.backend
        var ran: [String] = []
        for (seq, migration) in migrations.enumerated() where !applied.contains(migration.id) {
            try database.writeTransaction {
                // Re-check inside the lock: another process may have migrated meanwhile.
                let done = try database.firstValue("SELECT COUNT(*) FROM schema_migrations WHERE id = ?", [.text(migration.id)])
                guard done.int64 == 0 else { return }
                for statement in migration.statements(for: backend) { try database.execute(statement) }
                try database.execute("INSERT INTO schema_migrations (id, seq) VALUES (?, ?)", [.text(migration.id), .integer(Int64(seq))])
                ran.append(migration.id)
            }
        }
        return ran
    }
}
