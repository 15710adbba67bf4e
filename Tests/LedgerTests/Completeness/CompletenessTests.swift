import Testing
@testable import Ledger

/// A warehouse with a small network, as of 2026-11-10 (window: 2026-08-12 … 2026-11-10).
final class CompletenessFixture {
    let database: Database

    init() throws {
        database = try Warehouse.open(path: ":memory:")
        try database.execute(
            "INSERT INTO batches (batch_id, path, size, sha256, started_at, finished_at, outcome) VALUES "
                + "(1, 'inbox/old.csv', 1, 'a', '2026-11-01T01:00:00Z', '2026-11-01T01:00:05Z', 'loaded'), "
                + "(2, 'inbox/new.csv', 1, 'b', '2026-11-09T01:00:00Z', '2026-11-09T01:00:05Z', 'loaded')")
        for (code, region, status, opened) in [
            ("D1", "East", "active", "2020-01-01"), ("D2", "South", "active", nil), ("D3", "East", "closed", "2020-01-01"),
            ("D4", "West", nil, "2020-01-01"), ("D5", "West", "active", "2027-01-01"),
        ] as [(String, String, String?, String?)] {
            try database.execute(
                "INSERT INTO dealers (dealer_code, region, status, opened_on, batch_id) VALUES (?, ?, ?, ?, 1)",
                [.text(code), .text(region), status.databaseValue, opened.databaseValue])
        }
    }

    func ro(_ dealer: String, _ no: String, opened: String?, invoiced: String? = nil, batch: Int64 = 1) throws {
        try database.execute(
            "INSERT INTO repair_orders (dealer_code, ro_no, opened_at, invoiced_at, batch_id) VALUES (?, ?, ?, ?, ?)",
            [.text(dealer), .text(no), opened.databaseValue, invoiced.databaseValue, .integer(batch)])
    }

    func sale(_ dealer: String, _ no: String, ordered: String, batch: Int64 = 1) throws {
        try database.execute(
            "INSERT INTO sales_orders (dealer_code, order_no, order_date, batch_id) VALUES (?, ?, ?, ?)",
            [.text(dealer), .text(no), .text(ordered), .integer(batch)])
    }
}

@Suite struct CompletenessTests {
    static let asOf = LocalDate(year: 2026, month: 11, day: 10)!

    @Test func dataThroughIsTheLatestOfTheBusinessDatesUpToTheAsOfDate() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-11-02 09:00:00", invoiced: "2026-11-09 17:30:00", batch: 2)
        try f.ro("D1", "R2", opened: "2026-11-05 09:00:00")
        try f.ro("D1", "R3", opened: "2026-11-12 09:00:00")  // after the as-of date: not counted
        let report = try Completeness(database: f.database).report(asOf: Self.asOf)
        let state = try #require(report.feeds.first { $0.dealer == "D1" && $0.feed == "repair_orders" })
        #expect(state.dataThrough == LocalDate(year: 2026, month: 11, day: 9))
        #expect(state.daysLate == 0 && !state.isLate)
        #expect(state.lastFile == "inbox/new.csv" && state.lastFileAt == "2026-11-09T01:00:05Z")
    }

    @Test func lateWhenAsOfMinusDataThroughExceedsTheTolerance() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-11-08 10:00:00")  // 2 days: on time
        try f.sale("D1", "S1", ordered: "2026-11-07")  // 3 days: 1 day late
        try f.ro("D2", "R9", opened: "2026-11-01 10:00:00")  // 9 days: 7 late
        let completeness = Completeness(database: f.database)
        let report = try completeness.report(asOf: Self.asOf)
        let late = report.feeds.filter(\.isLate).map { "\($0.dealer) \($0.feed) \($0.daysLate)" }
        #expect(late == ["D1 sales_orders 1", "D2 repair_orders 7"])
        #expect(report.hasLate)
        let lenient = try completeness.report(asOf: Self.asOf, lateAfterDays: 9)
        #expect(!lenient.hasLate)
    }

    @Test func expectedOnlyWithRowsInTheNinetyDaysBefore() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-11-09 10:00:00")
        try f.sale("D1", "S1", ordered: "2026-08-11")  // 91 days before: not expected
        try f.sale("D2", "S2", ordered: "2026-08-12")  // 90 days before: expected (and late)
        let report = try Completeness(database: f.database).report(asOf: Self.asOf)
        #expect(report.feeds.map { "\($0.dealer) \($0.feed)" } == ["D1 repair_orders", "D2 sales_orders"])
        #expect(report.feeds.last?.daysLate == 88)
    }

    @Test func silentActiveDealersAreListedAndClosedOnesLeftOut() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-11-09 10:00:00")
        try f.ro("D3", "R1", opened: "2026-11-01 10:00:00")  // closed: not listed even with data
        try f.ro("D8", "R1", opened: "2026-11-09 10:00:00")  // not in the master: listed, no region
        let report = try Completeness(database: f.database).report(asOf: Self.asOf)
        #expect(report.dealers.map(\.code) == ["D1", "D8"])
        #expect(report.region(of: "D1") == "East" && report.region(of: "D8") == "")
        // D2 (no status → active), D4 (status null): silent; D5 opens after the as-of date.
        #expect(report.silentDealers.map(\.code) == ["D2", "D4"])
        #expect(!report.hasLate, "a silent dealer has no expected feed, so nothing is late")
    }

    @Test func theDateTableNamesOnlyDateColumnsOfTheCatalogue() {
        let entries = ActivityDates.entries()
        #expect(entries.first { $0.feed == "repair_orders" }?.columns == ["opened_at", "invoiced_at"])
        for entry in entries {
            let feed = FeedCatalogue.standard.feed(named: entry.feed)
            for column in entry.columns {
                let type = feed?.column(named: column)?.type
                #expect(type == .date || type == .dateTime, "\(entry.feed).\(column)")
            }
        }
        // Every line of the table whose feed exists is used with all its columns.
        for line in ActivityDates.table where FeedCatalogue.standard.feed(named: line.feed) != nil {
            #expect(entries.first { $0.feed == line.feed }?.columns == line.columns, "\(line.feed)")
        }
        // A feed the catalogue does not have yet is ignored, not an error.
        let withoutComplaints = FeedCatalogue(feeds: FeedCatalogue.standard.feeds.filter { $0.name != "complaints" })
        #expect(!ActivityDates.entries(in: withoutComplaints).contains { $0.feed == "complaints" })
    }

    @Test func statusReadsIndexRangesNotTheWholeTable() throws {
        let f = try CompletenessFixture()
        for entry in ActivityDates.entries() {
            for column in entry.columns {
                let plan = try f.database.rows(
                    "EXPLAIN QUERY PLAN SELECT dealer_code, MAX(\"\(column)\"), MAX(batch_id) FROM \"\(entry.feed)\" "
                        + "WHERE \"\(column)\" >= ? AND \"\(column)\" < ? AND dealer_code IS NOT NULL GROUP BY dealer_code",
                    [.text("2026-01-01"), .text("2026-02-01")]
                ).compactMap { $0[3].string }.joined(separator: " | ")
                #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(entry.feed).\(column): \(plan)")
            }
        }
    }
}
