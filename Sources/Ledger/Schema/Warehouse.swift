/// The one door to the warehouse: every tool opens it here.
///
/// Writers (`dms-import`, `dms-dms score --warehouse`) open it read-write, which applies
/// pending migrations and keeps the readable views in step with the feed catalogue.
/// Readers (`dms-report`) open it read-only: they never create, migrate or change it, and
/// they refuse a warehouse whose schema is not exactly this binary's.
public enum Warehouse {
    /// Opens (creating) the warehouse at `path`, applies pending migrations and re-creates
    /// readable views whose definition changed. Throws `SchemaError.newerThanBinary` when a
    /// newer binary has migrated it.
    public static func open(path: String, options: Database.Options = Database.Options()) throws -> Database {
        var options = options
        options.readOnly = false
        let database = try Database(path: path, options: options)
        try WarehouseSchema.migrator.migrate(database)
        try ReadableViews.synchronise(database)
        return database
    }

    /// Opens an existing warehouse read-only (reports). The file must exist (else
    /// `InputError.missing`), and its schema must be this binary's: a newer one throws
    /// `SchemaError.newerThanBinary`, an older one `SchemaError.olderThanBinary` (run
    /// `dms-import` first, which migrates it).
    public static func openForReading(path: String, options: Database.Options = Database.Options()) throws -> Database {
        guard FileSystem.isRegularFile(path) else {
            throw InputError(kind: .missing, path: path, reason: "no warehouse here; load data with dms-import or pass --warehouse")
        }
        var options = options
        options.readOnly = true
        let database = try Database(path: path, options: options)
        try database.execute("PRAGMA query_only=ON")
        try WarehouseSchema.migrator.requireCurrent(database)
        return database
    }
}
