import Foundation
import Testing
@testable import Ledger
import TestSupport

/// Released migrations never change (docs/schema.md, "Released migrations are frozen").
@Suite struct FrozenMigrationTests {
    static let folder = Golden.folder + "/migrations"

    /// A migration's statements as its golden file holds them.
    static func text(of migration: Migration, on backend: DatabaseBackend) -> String {
        migration.statements(for: backend).map { $0 + ";\n" }.joined(separator: "\n")
    }

    static let cases: [(String, DatabaseBackend)] = WarehouseSchema.migrations.flatMap { migration in
        DatabaseBackend.allCases.map { (migration.id, $0) }
    }

    /// Each released migration, on each backend, is exactly its golden. `RECORD_GOLDENS=1`
    /// writes a missing golden (a new migration) but never replaces one.
    @Test(arguments: cases)
    func releasedMigrationEqualsItsGolden(id: String, backend: DatabaseBackend) throws {
        let migration = try #require(WarehouseSchema.migrations.first { $0.id == id })
        let path = "\(Self.folder)/\(backend.rawValue)/\(id).sql"
        let actual = Self.text(of: migration, on: backend)
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                return
            }
            Issue.record("no golden for migration \(id) on \(backend.rawValue): \(path) (a new migration: record it with RECORD_GOLDENS=1)")
            return
        }
        #expect(
            actual == expected,
            "migration \(id) on \(backend.rawValue) differs from \(path): a released migration never changes — add a new migration instead")
    }

    /// Every golden belongs to a migration of the binary: a migration is never dropped or renamed.
    @Test func everyGoldenHasItsMigration() throws {
        let ids = Set(WarehouseSchema.migrations.map(\.id))
        for backend in DatabaseBackend.allCases {
            let files = try FileManager.default.contentsOfDirectory(atPath: "\(Self.folder)/\(backend.rawValue)")
            for file in files where file.hasSuffix(".sql") {
                #expect(ids.contains(String(file.dropLast(4))), "\(backend.rawValue)/\(file) has no migration")
            }
        }
    }

    @Test func migrationIDsAreUniqueAndAscending() {
        let ids = WarehouseSchema.migrations.map(\.id)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    /// The frozen statements are independent of the catalogue: the feed tables a fresh
    /// warehouse gets from them are exactly what the current catalogue describes. A catalogue
    /// change without a migration (a new column, type, key or feed) fails here.
    @Test func freshSchemaEqualsWhatTheCatalogueDescribes() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        let problems = try CatalogueSchemaCheck.differences(in: database, catalogue: FeedCatalogue.standard)
        #expect(problems.isEmpty, "the catalogue and the migrations disagree — add a migration:\n\(problems.joined(separator: "\n"))")
    }

    /// The check itself notices a catalogue column that no migration added.
    @Test func aCatalogueColumnWithoutAMigrationIsNoticed() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        var catalogue = FeedCatalogue.standard
        let index = try #require(catalogue.feeds.firstIndex { $0.name == "repair_orders" })
        catalogue.feeds[index].columns.append(Column("loyalty_tier", .text, addedBy: "0999-loyalty"))
        let problems = try CatalogueSchemaCheck.differences(in: database, catalogue: catalogue)
        #expect(problems.contains { $0.contains("repair_orders") && $0.contains("loyalty_tier") }, "\(problems)")
    }

    /// … and a changed type or a new feed.
    @Test func aChangedTypeOrANewFeedIsNoticed() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        var catalogue = FeedCatalogue.standard
        let index = try #require(catalogue.feeds.firstIndex { $0.name == "dealers" })
        var dealers = catalogue.feeds[index]
        let column = try #require(dealers.columns.firstIndex { $0.type.storage == "TEXT" && !dealers.isKey($0.name) })
        dealers.columns[column].type = .integer
        catalogue.feeds[index] = dealers
        var extra = dealers
        extra.name = "dealer_groups"
        catalogue.feeds.append(extra)
        let problems = try CatalogueSchemaCheck.differences(in: database, catalogue: catalogue)
        #expect(problems.contains { $0.hasPrefix("dealers") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("dealer_groups") }, "\(problems)")
    }
}

/// Compares the feed tables of a migrated warehouse with what a feed catalogue describes.
enum CatalogueSchemaCheck {
    /// One line per feed table that differs: `<feed>: table has […]; the catalogue describes […]`.
    static func differences(in database: Database, catalogue: FeedCatalogue) throws -> [String] {
        let tables = Set(try database.tableNames())
        var problems: [String] = []
        for feed in catalogue.feeds {
            guard tables.contains(feed.name) else {
                problems.append("\(feed.name): no table (a new feed needs a migration that creates it)")
                continue
            }
            let actual = try database.rows(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", [.text(feed.name)]
            ).map { row in
                describe(row[0].string ?? "", row[1].string ?? "", notNull: row[2].int64 == 1, keyPosition: Int(row[3].int64 ?? 0))
            }
            let expected = WarehouseSchema.tableColumns(of: feed).map { name in
                let column = feed.columns.first { $0.name == name }
                let keyPosition = (feed.key.firstIndex(of: name) ?? -1) + 1
                return describe(
                    name, column?.type.storage ?? "INTEGER", notNull: keyPosition > 0 || name == "batch_id", keyPosition: keyPosition)
            }
            if actual != expected {
                problems.append(
                    "\(feed.name): table has [\(actual.joined(separator: ", "))]; the catalogue describes [\(expected.joined(separator: ", "))]")
            }
        }
        return problems
    }

    private static func describe(_ name: String, _ type: String, notNull: Bool, keyPosition: Int) -> String {
        "\(name) \(type)" + (notNull ? " NOT NULL" : "") + (keyPosition > 0 ? " KEY\(keyPosition)" : "")
    }
}
