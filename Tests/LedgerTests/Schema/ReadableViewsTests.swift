import Testing
@testable import Ledger

@Suite struct ReadableViewsTests {
    static func warehouse() throws -> Database { try Warehouse.open(path: ":memory:") }

    @Test func everyFeedHasItsViewWithTheTableColumns() throws {
        let database = try Self.warehouse()
        for feed in FeedCatalogue.standard.feeds {
            #expect(try database.columnNames(of: feed.name + "_v") == feed.columns.map(\.name) + ["batch_id"], "\(feed.name)_v")
        }
    }

    /// Hand-computed: 152 300.00 + 99 999.99 + 0.01 + 0.10 + 0.20 yuan = 252 300.30 yuan.
    @Test func sumOfMoneyThroughTheViewIsInYuan() throws {
        let database = try Self.warehouse()
        for (index, fen) in [15_230_000, 9_999_999, 1, 10, 20].enumerated() {
            try database.execute(
                "INSERT INTO sales_orders (dealer_code, order_no, sale_price, batch_id) VALUES ('D1', ?, ?, 1)",
                [.text("O\(index)"), .integer(Int64(fen))])
        }
        #expect(try database.scalar("SELECT SUM(sale_price) FROM sales_orders").int64 == 25_230_030)
        let yuan = try database.scalar("SELECT printf('%.2f', SUM(sale_price)) FROM sales_orders_v").string
        #expect(yuan == "252300.30")
        let sum = try database.scalar("SELECT SUM(sale_price) FROM sales_orders_v").double ?? 0
        #expect(abs(sum - 252_300.30) < 0.000_001)
    }

    /// Hours and quantities: 1.25 h + 0.5 h = 1.75 h; 2.5 + 0.0001 parts = 2.5001.
    @Test func decimalsThroughTheViewAreReadable() throws {
        let database = try Self.warehouse()
        try database.execute(
            "INSERT INTO ro_labor (dealer_code, ro_no, line_no, sold_hours, labor_sale, batch_id) VALUES ('D1', 'R1', '1', 12500, 10050, 1), ('D1', 'R1', '2', 5000, 1, 1)")
        try database.execute("INSERT INTO ro_parts (dealer_code, ro_no, line_no, qty, batch_id) VALUES ('D1', 'R1', '1', 25000, 1), ('D1', 'R1', '2', 1, 1)")
        #expect(try database.scalar("SELECT SUM(sold_hours) FROM ro_labor_v").double == 1.75)
        #expect(try database.scalar("SELECT printf('%.2f', SUM(labor_sale)) FROM ro_labor_v").string == "100.51")
        #expect(try database.scalar("SELECT printf('%.4f', SUM(qty)) FROM ro_parts_v").string == "2.5001")
        // Text, dates and whole numbers pass through unchanged.
        #expect(try database.scalar("SELECT line_no FROM ro_parts_v WHERE qty = 2.5").string == "1")
    }

    @Test func aViewFollowsAColumnAddedToTheCatalogueLater() throws {
        let database = try Self.warehouse()
        #expect(try ReadableViews.synchronise(database).isEmpty, "nothing to do when current")
        // A later migration adds a money column and the catalogue gains it.
        try database.execute("ALTER TABLE expenses ADD COLUMN tax INTEGER")
        var feeds = FeedCatalogue.standard.feeds
        let index = try #require(feeds.firstIndex { $0.name == "expenses" })
        feeds[index].columns.append(Column("tax", .money))
        let grown = FeedCatalogue(feeds: feeds + [Feed("complaints_test", "a new feed", key: ["dealer_code"], columns: [Column("dealer_code", .text), Column("refund", .money)])])
        try database.execute("CREATE TABLE complaints_test (dealer_code TEXT NOT NULL, refund INTEGER, batch_id INTEGER NOT NULL)")
        let recreated = try ReadableViews.synchronise(database, catalogue: grown)
        #expect(recreated.sorted() == ["complaints_test_v", "expenses_v"])
        try database.execute("INSERT INTO expenses (dealer_code, entry_no, tax, batch_id) VALUES ('D1', 'E1', 1234, 1)")
        #expect(try database.scalar("SELECT tax FROM expenses_v").double == 12.34)
        #expect(try ReadableViews.synchronise(database, catalogue: grown).isEmpty)
    }

    /// DuckDB re-creates an attached SQLite view from its SQL: keep to syntax both read.
    @Test func viewSQLUsesOnlyPortableSyntax() {
        for (_, sql) in ReadableViews.definitions() {
            #expect(!sql.contains("CAST") && !sql.contains("[") && !sql.contains("`") && !sql.contains("IF NOT EXISTS"))
        }
        #expect(ReadableViews.definition(for: FeedCatalogue.standard.feed(named: "sales_orders")!).contains("\"sale_price\" * 0.01 AS \"sale_price\""))
    }
}
