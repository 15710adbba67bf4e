import Foundation
import Testing
@testable import Ledger
import TestSupport

/// The throwaway cluster `make test` / `make ci` start (scripts/pg-cluster.sh), as
/// `LEDGER_PG_URL`. Without it the PostgreSQL tests are skipped locally and fail under CI.
enum PostgreSQLServer {
    static let url: String? = ProcessInfo.processInfo.environment["LEDGER_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// A connection whose tables live in a new schema of their own (dropped by `drop`), so
    /// that every test starts from an empty warehouse.
    static func freshConnection(_ label: String) throws -> (database: PostgreSQLDatabase, schema: String) {
        let url = try #require(url)
        let database = try PostgreSQLDatabase(url: url)
        let schema = "t_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        try database.execute("CREATE SCHEMA \"\(schema)\"")
        try database.execute("SET search_path TO \"\(schema)\"")
        return (database, schema)
    }

    static func drop(_ schema: String, on database: PostgreSQLDatabase) {
        try? database.execute("DROP SCHEMA \"\(schema)\" CASCADE")
    }
}

@Suite struct PostgreSQLDialectTests {
    @Test(arguments: [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"),
        ("UPDATE t SET x = ?2 WHERE k = ?1 AND y IS NOT ?2", "UPDATE t SET x = $2 WHERE k = $1 AND y IS NOT $2"),
        ("SELECT '?', \"a?\" FROM t WHERE x = ? -- why?\n AND y = ?", "SELECT '?', \"a?\" FROM t WHERE x = $1 -- why?\n AND y = $2"),
        ("SELECT 'it''s ?' WHERE x = ?", "SELECT 'it''s ?' WHERE x = $1"),
        ("DO $body$ BEGIN PERFORM '?'; END $body$", "DO $body$ BEGIN PERFORM '?'; END $body$"),
        ("SELECT $1", "SELECT $1"),
    ])
    func placeholdersAreNumbered(sql: String, expected: String) {
        #expect(PostgreSQLDialect.numberingPlaceholders(sql) == expected)
    }

    @Test func upsertUsesNumberedParameters() {
        let sql = PostgreSQLDialect().upsert(table: "t", columns: ["a", "b"], key: ["a"], updating: ["b"])
        #expect(sql == "INSERT INTO \"t\" (\"a\", \"b\") VALUES ($1, $2) ON CONFLICT (\"a\") DO UPDATE SET \"b\" = excluded.\"b\"")
    }
}

@Suite struct PostgreSQLURLTests {
    @Test(arguments: [
        ("postgresql://ledger:s3cret@db.example:5432/dms", "postgresql://ledger:***@db.example:5432/dms"),
        ("postgres://ledger@db/dms?password=s3cret&sslmode=require", "postgres://ledger@db/dms?password=***&sslmode=require"),
        ("postgresql:///ledger?host=/tmp/x&port=5432&user=postgres", "postgresql:///ledger?host=/tmp/x&port=5432&user=postgres"),
        ("postgresql://a:b:c@h/d", "postgresql://a:***@h/d"),
    ])
    func passwordsAreNeverShown(url: String, shown: String) {
        #expect(PostgreSQLURL.redacted(url) == shown)
        #expect(PostgreSQLURL.isPostgreSQL(url))
    }

    @Test func plainPathsAreSQLite() {
        #expect(!PostgreSQLURL.isPostgreSQL("dms.sqlite"))
        #expect(!PostgreSQLURL.isPostgreSQL("./postgresql/dms.sqlite"))
    }

    /// A failed connection names the place without the password (no server needed: the
    /// socket folder does not exist).
    @Test func aFailedConnectionHidesThePassword() throws {
        let url = "postgresql://ledger:TopSecret42@/dms?host=/nonexistent-ledger-socket&port=5999&password=TopSecret42"
        do {
            _ = try PostgreSQLDatabase(url: url)
            Issue.record("connected to a server that does not exist")
        } catch let error as DatabaseError {
            #expect(error.kind == .io)
            #expect(!error.description.contains("TopSecret42"), "\(error)")
            #expect(error.description.contains("/nonexistent-ledger-socket"), "\(error)")
        }
    }
}

/// Against the throwaway cluster.
@Suite(.serialized) struct PostgreSQLWarehouseTests {
    @Test func theClusterIsThereUnderCI() {
        if PostgreSQLServer.isCI && PostgreSQLServer.url == nil {
            Issue.record("LEDGER_PG_URL is not set: the PostgreSQL tests cannot run (make test / make ci start scripts/pg-cluster.sh)")
        }
    }

    @Test(.enabled(if: PostgreSQLServer.url != nil, "no LEDGER_PG_URL: run through make test"))
    func theFrozenMigrationsRunOnceOnPostgreSQL() throws {
        let (database, schema) = try PostgreSQLServer.freshConnection("migrate")
        defer { PostgreSQLServer.drop(schema, on: database) }
        let first = try WarehouseSchema.migrator.migrate(database)
        #expect(first == WarehouseSchema.migrations.map(\.id))
        #expect(try WarehouseSchema.migrator.migrate(database).isEmpty)
        try WarehouseSchema.migrator.requireCurrent(database)
        try database.execute("INSERT INTO schema_migrations (id, seq) VALUES ('9999-from-the-future', 9999)")
        #expect(throws: SchemaError.self) { try WarehouseSchema.migrator.migrate(database) }
    }

    /// The feed tables on PostgreSQL are what the catalogue describes: same columns in the same
    /// order as on SQLite, integers as bigint (money sums exceed 32 bits), the natural key.
    @Test(.enabled(if: PostgreSQLServer.url != nil, "no LEDGER_PG_URL: run through make test"))
    func theFeedTablesAreWhatTheCatalogueDescribes() throws {
        let (database, schema) = try PostgreSQLServer.freshConnection("catalogue")
        defer { PostgreSQLServer.drop(schema, on: database) }
        try WarehouseSchema.migrator.migrate(database)
        let sqlite = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(sqlite)
        #expect(try database.tableNames() == (try sqlite.tableNames().filter { $0 != "sqlite_sequence" }))
        for feed in FeedCatalogue.standard.feeds {
            let columns = try database.rows(
                """
                SELECT column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, [.text(feed.name)])
            #expect(columns.map { $0[0].string ?? "" } == WarehouseSchema.tableColumns(of: feed), "\(feed.name)")
            for row in columns {
                let name = row[0].string ?? ""
                let storage = feed.columns.first { $0.name == name }?.type.storage ?? "INTEGER"
                #expect(row[1].string == (storage == "INTEGER" ? "bigint" : "text"), "\(feed.name).\(name)")
                let notNull = feed.key.contains(name) || name == "batch_id"
                #expect(row[2].string == (notNull ? "NO" : "YES"), "\(feed.name).\(name)")
            }
            let key = try database.rows(
                """
                SELECT k.column_name FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'
                ORDER BY k.ordinal_position
                """, [.text(feed.name)])
            #expect(key.map { $0[0].string ?? "" } == feed.key, "\(feed.name)")
        }
    }

    /// The derived tables kept by PL/pgSQL triggers hold exactly what SQLite's triggers keep,
    /// through inserts out of order, an update and deletes.
    @Test(.enabled(if: PostgreSQLServer.url != nil, "no LEDGER_PG_URL: run through make test"))
    func derivedTablesMatchSQLite() throws {
        let (postgres, schema) = try PostgreSQLServer.freshConnection("derived")
        defer { PostgreSQLServer.drop(schema, on: postgres) }
        try WarehouseSchema.migrator.migrate(postgres)
        let sqlite = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(sqlite)
        let connections: [any DatabaseConnection] = [sqlite, postgres]

        var random = SplitMix64(seed: 17)
        let types = [
            "ordered", "dispatched", "in_transit", "arrived", "pdi_failed", "pdi_passed", "stocked_in", "reserved", "stocked_out",
            "delivered", "returned",
        ]
        var events: [[DatabaseValue]] = []
        for vin in 1...16 {
            for step in 0..<9 {
                let type = types[Int(random.next() % UInt64(types.count))]
                let day = 1 + (step * 3 + Int(random.next() % 3)) % 28
                let time = "2026-10-\(day < 10 ? "0" : "")\(day) \(random.next() % 2 == 0 ? "08" : "14"):00:00"
                events.append([.text("D1"), .text("V\(vin)"), .text(type), .text(time), .integer(Int64(100_000 * vin + step)), .integer(Int64(random.next() % 2))])
            }
        }
        let movementTypes = ["opening_balance", "receipt", "issue_to_ro", "counter_sale", "return_from_ro", "stocktake_loss"]
        var movements: [[DatabaseValue]] = []
        for index in 0..<60 {
            let part = "P\(index % 4)"
            let month = 9 + index % 3
            let time = "2026-\(month < 10 ? "0" : "")\(month)-\(10 + index % 15) 09:\(10 + index % 40):00"
            movements.append([
                .text("D1"), .text("M\(index)"), .text("1"), index % 13 == 0 ? .null : .text(part), .text(movementTypes[index % movementTypes.count]),
                .text(time), .integer(Int64(10_000 * (1 + index % 5))), .integer(Int64(1_000 + 37 * index)),
            ])
        }
        // One order for both: with a repeated key the first insert wins.
        let order = events.shuffled(using: &random)
        for database in connections {
            for event in order {
                try database.execute(
                    "INSERT INTO vehicle_events (dealer_code, vin, event_type, event_time, cost, damaged, batch_id) VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING",
                    event)
            }
            for movement in movements {
                try database.execute(
                    "INSERT INTO part_movements (dealer_code, movement_no, line_no, part_no, movement_type, moved_at, qty, unit_cost, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    movement)
            }
            try database.execute("UPDATE vehicle_events SET event_time = '2026-10-02 08:00:00' WHERE vin = 'V2' AND event_type = 'stocked_in'", [])
            try database.execute("DELETE FROM vehicle_events WHERE vin = 'V3' AND event_type IN ('in_transit', 'pdi_passed')", [])
            try database.execute("UPDATE part_movements SET moved_at = '2026-11-01 00:00:00' WHERE movement_no = 'M7'", [])
            try database.execute("DELETE FROM part_movements WHERE movement_no IN ('M3', 'M20')", [])
        }
        for query in [
            "SELECT dealer_code, vin, kind, started_at, ended_at, flag FROM vehicle_logistics_intervals ORDER BY 1, 2, 3, 4",
            "SELECT dealer_code, vin, stocked_in_at, cost, ended_at, ending_event FROM vehicle_stays ORDER BY 1, 2, 3",
            "SELECT dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at FROM part_month_totals ORDER BY 1, 2, 3",
        ] {
            let expected = try sqlite.rows(query)
            #expect(expected.count > 3, "\(query)")
            #expect(try postgres.rows(query) == expected, "\(query)")
        }
    }

    /// Errors carry a backend-neutral kind and the SQL, never the bound values.
    @Test(.enabled(if: PostgreSQLServer.url != nil, "no LEDGER_PG_URL: run through make test"))
    func errorsCarryAKindAndNoValues() throws {
        let (database, schema) = try PostgreSQLServer.freshConnection("errors")
        defer { PostgreSQLServer.drop(schema, on: database) }
        try database.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
        try database.execute("INSERT INTO t (k) VALUES (?)", [.text("private-value")])
        do {
            try database.execute("INSERT INTO t (k) VALUES (?)", [.text("private-value")])
            Issue.record("a duplicate key was accepted")
        } catch let error as DatabaseError {
            #expect(error.kind == .constraint)
            #expect(error.sql == "INSERT INTO t (k) VALUES (?)")
            #expect(!error.description.contains("private-value"), "\(error)")
        }
        // A failed statement inside a write transaction rolls the whole transaction back.
        #expect(throws: DatabaseError.self) {
            try database.writeTransaction {
                try database.execute("INSERT INTO t (k) VALUES (?)", [.text("second")])
                try database.execute("INSERT INTO t (k) VALUES (?)", [.text("second")])
            }
        }
        #expect(try database.scalar("SELECT COUNT(*) FROM t") == .integer(1))
        #expect(!database.isInTransaction)
    }
}
