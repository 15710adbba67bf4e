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
        #expect(FeedCatalogue.standard.feeds.count == 19)
        for feed in FeedCatalogue.standard.feeds {
            let columns = try database.columnNames(of: feed.name)
            #expect(columns == WarehouseSchema.tableColumns(of: feed), "table \(feed.name)")
            #expect(Set(columns) == Set(feed.columns.map(\.name) + ["batch_id", "source_line"]), "table \(feed.name)")
        }
        // Columns added to an existing feed come after the bookkeeping of its first table.
        #expect(try database.columnNames(of: "vehicle_events").suffix(4) == ["batch_id", "eta", "freight_cost", "source_line"])
        #expect(try database.columnNames(of: "complaints").suffix(2) == ["batch_id", "source_line"])
    }

    /// A warehouse created before 0400 (0001 then the others of its time) and upgraded ends
    /// with the schema of a fresh one, keeps its rows and derives the logistics intervals of
    /// the events it already held.
    @Test func anExistingWarehouseUpgradesToTheFreshSchema() throws {
        let old = try Database(path: ":memory:")
        let before = WarehouseSchema.migrations.prefix { $0.id != StandardFeeds.complaintsLogistics }
        let after = WarehouseSchema.migrations.dropFirst(before.count).map(\.id)
        #expect(after.first == StandardFeeds.complaintsLogistics)
        try Migrator(migrations: Array(before)).migrate(old)
        #expect(!(try old.columnNames(of: "vehicle_events")).contains("eta"))
        try old.execute(
            "INSERT INTO vehicle_events (dealer_code, vin, event_type, event_time, carrier, batch_id) VALUES (?, ?, ?, ?, ?, 1)",
            [.text("D1"), .text("VIN1"), .text("dispatched"), .text("2026-10-01 08:00:00"), .text("C1")])
        let ran = try WarehouseSchema.migrator.migrate(old)
        #expect(ran == after)

        let fresh = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(fresh)
        #expect(try Self.schemaText(old) == (try Self.schemaText(fresh)))
        #expect(try old.scalar("SELECT carrier FROM vehicle_events").string == "C1")
        #expect(try old.scalar("SELECT eta FROM vehicle_events").isNull)
        let intervals = try old.rows("SELECT kind, started_at, ended_at FROM vehicle_logistics_intervals")
        #expect(intervals.map { $0.values.map(\.string) } == [["transit", "2026-10-01 08:00:00", nil]])
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
