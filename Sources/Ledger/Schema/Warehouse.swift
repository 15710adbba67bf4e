/// Opening the warehouse: the connection, brought up to the current schema.
public enum Warehouse {
    /// Opens (creating) the warehouse at `path` and applies pending migrations.
    /// Throws `SchemaError.newerThanBinary` when a newer binary has migrated it.
    public static func open(path: String, options: Database.Options = Database.Options()) throws -> Database {
        let database = try Database(path: path, options: options)
        try WarehouseSchema.migrator.migrate(database)
        return database
    }
}
