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
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        try Golden.check(try Self.schemaText(database), against: "schema.sql")
    }

    @Test func everyFeedHasItsTableWithCanonicalColumns() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        #expect(FeedCatalogue.standard.feeds.count == 18)
        for feed in FeedCatalogue.standard.feeds {
            let columns = try database.columnNames(of: feed.name)
            #expect(columns == feed.columns.map(\.name) + ["batch_id", "source_line"], "table \(feed.name)")
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
