import Foundation
import Testing
@testable import Ledger
import TestSupport

/// The trigger-kept summaries (`part_month_totals`, `vehicle_stays`) against independent
/// computations from the feed rows, after random inserts, updates and deletes, and after
/// the migration fills them from rows loaded before it.
@Suite struct DerivedTablesTests {
    static let movementTypes = [
        "opening_balance", "receipt", "receipt_reversal", "issue_to_ro", "return_from_ro", "counter_sale",
        "counter_return", "transfer_in", "transfer_out", "stocktake_gain", "stocktake_loss", "relocation", "lost_sale",
    ]
    static let sign: [String: Int64] = [
        "opening_balance": 1, "receipt": 1, "receipt_reversal": -1, "issue_to_ro": -1, "return_from_ro": 1, "counter_sale": -1,
        "counter_return": 1, "transfer_in": 1, "transfer_out": -1, "stocktake_gain": 1, "stocktake_loss": -1,
    ]

    static func migrated(upTo id: String? = nil) throws -> Database {
        let database = try Database(path: ":memory:")
        var migrations = WarehouseSchema.migrations
        if let id, let index = migrations.firstIndex(where: { $0.id == id }) { migrations = Array(migrations[..<index]) }
        try Migrator(migrations: migrations).migrate(database)
        return database
    }

    static func randomTime(_ random: inout SeededRandom) -> DatabaseValue {
        if random.next(20) == 0 { return .null }
        let month = 1 + random.next(14)
        let (year, m) = month > 12 ? (2026, month - 12) : (2025, month)
        let day = 1 + random.next(28)
        // Few distinct instants, so that same-instant ties occur.
        return .text(String(format: "%04d-%02d-%02d %02d:00:00", year, m, day, 8 + random.next(3)))
    }

    // MARK: part_month_totals

    static func writeMovement(_ database: Database, number: Int, _ random: inout SeededRandom) throws {
        let part: DatabaseValue = random.next(10) == 0 ? .null : .text("P\(random.next(3))")
        let qty: DatabaseValue = random.next(15) == 0 ? .null : .integer(Int64(1 + random.next(5)) * 10_000)
        let cost: DatabaseValue = random.next(15) == 0 ? .null : .integer(Int64(100 + random.next(900)))
        try database.execute(
            """
            INSERT INTO part_movements (dealer_code, movement_no, line_no, part_no, moved_at, movement_type, qty, unit_cost, batch_id)
            VALUES (?, ?, '1', ?, ?, ?, ?, ?, 1)
            ON CONFLICT (dealer_code, movement_no, line_no) DO UPDATE SET part_no = excluded.part_no, moved_at = excluded.moved_at,
              movement_type = excluded.movement_type, qty = excluded.qty, unit_cost = excluded.unit_cost
            """,
            [.text("D\(random.next(2))"), .text("M\(number)"), part, randomTime(&random), .text(random.pick(movementTypes)), qty, cost])
    }

    /// The month totals computed in Swift from the movements (the expected table).
    static func expectedMonthTotals(_ database: Database) throws -> [String] {
        struct Total { var value: Int64 = 0, quantity: Int64 = 0, first: String?, issue: String? }
        var totals: [String: Total] = [:]
        for row in try database.rows(
            "SELECT dealer_code, part_no, moved_at, movement_type, qty, unit_cost FROM part_movements WHERE moved_at IS NOT NULL")
        {
            let movedAt = row.text(2)
            let key = "\(row.text(0))|\(row[1].string ?? "")|\(movedAt.prefix(7))"
            let sign = sign[row.text(3)] ?? 0
            var total = totals[key] ?? Total()
            total.value += sign * ((row[4].isNull || row[5].isNull) ? 0 : row.int(4) * row.int(5))
            total.quantity += sign * row.int(4)
            total.first = min(total.first ?? movedAt, movedAt)
            if ["issue_to_ro", "counter_sale"].contains(row.text(3)) { total.issue = max(total.issue ?? movedAt, movedAt) }
            totals[key] = total
        }
        return totals.sorted { $0.key < $1.key }.map { "\($0.key)|\($0.value.value)|\($0.value.quantity)|\($0.value.first ?? "-")|\($0.value.issue ?? "-")" }
    }

    static func storedMonthTotals(_ database: Database) throws -> [String] {
        try database.rows(
            "SELECT dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at FROM part_month_totals"
        ).map { "\($0.text(0))|\($0.text(1))|\($0.text(2))|\($0.int(3))|\($0.int(4))|\($0.text(5))|\($0[6].string ?? "-")" }.sorted()
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func monthTotalsFollowInsertsUpdatesAndDeletes(seed: UInt64) throws {
        let database = try Self.migrated()
        var random = SeededRandom(state: seed)
        try database.writeTransaction {
            for number in 0..<300 { try Self.writeMovement(database, number: number, &random) }
            // Upserts that move rows between months, parts and types, and deletes.
            for _ in 0..<150 { try Self.writeMovement(database, number: random.next(300), &random) }
            for _ in 0..<60 {
                try database.execute("DELETE FROM part_movements WHERE movement_no = ?", [.text("M\(random.next(300))")])
            }
            try database.execute("UPDATE part_movements SET moved_at = NULL WHERE movement_no IN ('M1', 'M2')")
        }
        let expected = try Self.expectedMonthTotals(database)
        #expect(expected.count > 20)
        #expect(try Self.storedMonthTotals(database) == expected)
    }

    // MARK: vehicle_stays

    /// The stays computed in Swift from the events (the algorithm the report used before
    /// the table existed): each stocked_in ends at the VIN's next stay event, an out-event
    /// first at the same instant.
    static func expectedStays(_ database: Database) throws -> [String] {
        var byVIN: [String: [(type: String, time: String, cost: Int64?)]] = [:]
        for row in try database.rows(
            """
            SELECT dealer_code, vin, event_type, event_time, cost FROM vehicle_events
            WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL
            """)
        {
            byVIN["\(row.text(0))|\(row.text(1))", default: []].append((row.text(2), row.text(3), row[4].isNull ? nil : row.int(4)))
        }
        var stays: [String] = []
        for (vin, unsorted) in byVIN {
            let events = unsorted.sorted { a, b in
                if a.time != b.time { return a.time < b.time }
                return (a.type == "stocked_in" ? 1 : 0, a.type) < (b.type == "stocked_in" ? 1 : 0, b.type)
            }
            for (index, event) in events.enumerated() where event.type == "stocked_in" {
                let next = index + 1 < events.count ? events[index + 1] : nil
                stays.append("\(vin)|\(event.time)|\(event.cost.map(String.init) ?? "-")|\(next?.time ?? "-")|\(next?.type ?? "-")")
            }
        }
        return stays.sorted()
    }

    static func storedStays(_ database: Database) throws -> [String] {
        try database.rows("SELECT dealer_code, vin, stocked_in_at, cost, ended_at, ending_event FROM vehicle_stays").map {
            "\($0.text(0))|\($0.text(1))|\($0.text(2))|\($0[3].isNull ? "-" : String($0.int(3)))|\($0[4].string ?? "-")|\($0[5].string ?? "-")"
        }.sorted()
    }

    static func writeEvent(_ database: Database, _ random: inout SeededRandom) throws {
        let types = ["stocked_in", "stocked_in", "stocked_out", "delivered", "returned", "arrived", "reserved"]
        let time = randomTime(&random)
        guard !time.isNull else { return }  // event_time is part of the key
        try database.execute(
            """
            INSERT INTO vehicle_events (dealer_code, vin, event_type, event_time, cost, batch_id) VALUES (?, ?, ?, ?, ?, 1)
            ON CONFLICT (dealer_code, vin, event_type, event_time) DO UPDATE SET cost = excluded.cost
            """,
            [.text("D\(random.next(2))"), .text("VIN\(random.next(25))"), .text(random.pick(types)), time,
             random.next(8) == 0 ? .null : .integer(Int64(10_000 + random.next(1000)))])
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func staysFollowInsertsUpdatesAndDeletes(seed: UInt64) throws {
        let database = try Self.migrated()
        var random = SeededRandom(state: seed)
        try database.writeTransaction {
            for _ in 0..<400 { try Self.writeEvent(database, &random) }
            for _ in 0..<40 {
                try database.execute(
                    "DELETE FROM vehicle_events WHERE rowid = (SELECT rowid FROM vehicle_events ORDER BY vin, event_time LIMIT 1 OFFSET ?)",
                    [.integer(Int64(random.next(300)))])
            }
            // An update that changes an event's type and one that moves it in time.
            try database.execute(
                "UPDATE vehicle_events SET event_type = 'delivered' WHERE rowid = (SELECT MIN(rowid) FROM vehicle_events WHERE event_type = 'stocked_in')")
            try database.execute(
                "UPDATE vehicle_events SET event_time = '2024-12-31 23:00:00' WHERE rowid = (SELECT MAX(rowid) FROM vehicle_events WHERE event_type = 'stocked_out')")
        }
        let expected = try Self.expectedStays(database)
        #expect(expected.count > 30)
        #expect(try Self.storedStays(database) == expected)
    }

    /// A chronological load (each stay event later than the VIN's others) takes the triggers'
    /// append path; the result must be the same as a recomputation.
    @Test func staysFollowAChronologicalLoad() throws {
        let database = try Self.migrated()
        var random = SeededRandom(state: 11)
        var events: [(dealer: String, vin: String, type: String, time: String)] = []
        for index in 0..<600 {
            let day = 1 + index / 20
            events.append((
                "D\(random.next(2))", "VIN\(random.next(30))",
                random.pick(["stocked_in", "stocked_in", "stocked_out", "delivered", "returned", "arrived"]),
                String(format: "2025-%02d-%02d %02d:00:00", 1 + day / 28, 1 + day % 28, 8 + random.next(2))))
        }
        try database.writeTransaction {
            for event in events.sorted(by: { $0.time < $1.time }) {
                try database.execute(
                    """
                    INSERT INTO vehicle_events (dealer_code, vin, event_type, event_time, cost, batch_id) VALUES (?, ?, ?, ?, 100, 1)
                    ON CONFLICT (dealer_code, vin, event_type, event_time) DO NOTHING
                    """, [.text(event.dealer), .text(event.vin), .text(event.type), .text(event.time)])
            }
        }
        let expected = try Self.expectedStays(database)
        #expect(expected.count > 100)
        #expect(try Self.storedStays(database) == expected)
    }

    // MARK: Migration of loaded rows

    @Test func theMigrationFillsTheTablesFromRowsLoadedBeforeIt() throws {
        let database = try Self.migrated(upTo: "0300-report-history")
        var random = SeededRandom(state: 42)
        try database.writeTransaction {
            for number in 0..<200 { try Self.writeMovement(database, number: number, &random) }
            for _ in 0..<200 { try Self.writeEvent(database, &random) }
        }
        // 0300 and every migration after it.
        #expect(try WarehouseSchema.migrator.migrate(database) == Array(WarehouseSchema.migrations.map(\.id).drop { $0 != "0300-report-history" }))
        #expect(try Self.storedMonthTotals(database) == Self.expectedMonthTotals(database))
        #expect(try Self.storedStays(database) == Self.expectedStays(database))
    }

    // MARK: Positions read through the tables

    /// Part positions at period ends (month ends and mid-month days) equal a direct sum over
    /// every movement up to the end.
    @Test(arguments: ["2025-03-31", "2025-06-15", "2025-12-31", "2026-01-01", "2026-02-10", "2024-12-31"])
    func partPositionsEqualTheFullLedger(end: String) throws {
        let database = try Self.migrated()
        var random = SeededRandom(state: 7)
        try database.writeTransaction {
            for number in 0..<400 { try Self.writeMovement(database, number: number, &random) }
        }
        let day = try #require(LocalDate(end))
        let engine = KPIEngine(database: database)
        let positions = try engine.partPositions(atEndOf: day).map {
            "\($0.dealer)|\($0.partNo)|\($0.value)|\($0.quantity)|\($0.firstMovement?.description ?? "-")|\($0.lastIssue?.description ?? "-")"
        }
        let bound = day.shifted(by: 1).description
        var expected: [String: (value: Int64, quantity: Int64, first: String, issue: String?)] = [:]
        for row in try database.rows(
            "SELECT dealer_code, part_no, moved_at, movement_type, qty, unit_cost FROM part_movements WHERE moved_at < ?", [.text(bound)])
        {
            let key = "\(row.text(0))|\(row[1].string ?? "")"
            let sign = Self.sign[row.text(3)] ?? 0
            let date = String(row.text(2).prefix(10))
            var entry = expected[key] ?? (0, 0, date, nil)
            entry.value += sign * ((row[4].isNull || row[5].isNull) ? 0 : row.int(4) * row.int(5))
            entry.quantity += sign * row.int(4)
            entry.first = min(entry.first, date)
            if ["issue_to_ro", "counter_sale"].contains(row.text(3)) { entry.issue = max(entry.issue ?? date, date) }
            expected[key] = entry
        }
        #expect(positions == expected.sorted { $0.key < $1.key }.map { "\($0.key)|\($0.value.value)|\($0.value.quantity)|\($0.value.first)|\($0.value.issue ?? "-")" })
    }
}
