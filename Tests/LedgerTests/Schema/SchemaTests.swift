import Foundation
import Testing
@testable import Ledger
import TestSupport

@Suite struct SchemaTests {
    /// The schema as SQLite reports it, in a stable order.
    static func schemaText(_ database: Database) throws -> String {
        try database.rows(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name"
        ).compactMap { $0[0].string }.joined(separator: ";\n\n") + ";\n"
    }

    @Test func migratedSchemaMatchesTheGolden() throws {
        let database = try Warehouse.open(path: ":memory:")
        try Golden.check(try Self.schemaText(database), against: "schema.sql")
    }

    @Test func everyFeedHasItsTableWithCanonicalColumns() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        #expect(FeedCatalogue.standard.feeds.count == 18)
        for feed in FeedCatalogue.standard.feeds {
            let columns = try database.columnNames(of: feed.name)
            #expect(columns == feed.columns.map(\.name) + ["batch_id"], "table \(feed.name)")
        }
    }

    @Test func migratingTwiceIsANoOp() throws {
        let database = try Database(path: ":memory:")
        let first = try WarehouseSchema.migrator.migrate(database)
        let second = try WarehouseSchema.migrator.migrate(database)
        #expect(first == WarehouseSchema.migrations.map(\.id))
        #expect(second.isEmpty)
    }

    @Test func aWarehouseFromANewerBinaryIsRefused() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        try database.execute("INSERT INTO schema_migrations (id, seq) VALUES ('9999-from-the-future', 9999)")
        #expect(throws: SchemaError.self) { try WarehouseSchema.migrator.migrate(database) }
    }

    @Test func schemaDocumentIsUpToDate() throws {
        try Golden.check(SchemaDocument.markdown(), againstFile: Tools.repositoryRoot + "/docs/schema.md")
    }
}

@Suite struct ReadOnlyWarehouseTests {
    @Test func readersRefuseOlderAndNewerSchemasWithoutChangingThem() throws {
        let directory = try TemporaryDirectory("readonly")
        let path = directory.file("w.sqlite")
        #expect(throws: InputError.self) { try Warehouse.openForReading(path: path) }
        // An older warehouse: one migration short.
        do {
            let database = try Database(path: path)
            try Migrator(migrations: Array(WarehouseSchema.migrations.dropLast())).migrate(database)
        }
        #expect(throws: SchemaError.olderThanBinary(pendingMigrations: [WarehouseSchema.migrations.last!.id], path: path)) {
            try Warehouse.openForReading(path: path)
        }
        let applied = try Database(path: path, options: .init(readOnly: true)).rows("SELECT COUNT(*) FROM schema_migrations")
        #expect(applied.first?[0].int64 == Int64(WarehouseSchema.migrations.count - 1), "the reader migrated nothing")
        // The writer's door brings it up to date; then readers accept it and cannot write.
        _ = try Warehouse.open(path: path)
        let reader = try Warehouse.openForReading(path: path)
        #expect(throws: DatabaseError.self) { try reader.execute("CREATE TABLE x (a)") }
        // A newer one.
        try Database(path: path).execute("INSERT INTO schema_migrations (id, seq) VALUES ('9999-future', 9999)")
        #expect(throws: SchemaError.newerThanBinary(unknownMigrations: ["9999-future"], path: path)) {
            try Warehouse.openForReading(path: path)
        }
    }

    @Test func anEmptyFileIsAnOlderSchema() throws {
        let directory = try TemporaryDirectory("readonly")
        let path = try directory.write("empty.sqlite", "")
        #expect(throws: SchemaError.self) { try Warehouse.openForReading(path: path) }
    }
}
