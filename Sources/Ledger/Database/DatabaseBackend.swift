/// The database engines a warehouse can live in.
public enum DatabaseBackend: String, Sendable, CaseIterable, Hashable {
    /// One SQLite file (the default, embedded).
    case sqlite
    /// A PostgreSQL database reached through libpq (`postgresql://…`).
    case postgresql
}
