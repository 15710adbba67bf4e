import Foundation
import Testing
import TestSupport
@testable import Ledger

@Suite("Finance journal")
struct JournalTests {
    static let october = ReportingPeriod(parsing: "2026-10")

    func postings(_ fixture: KPIFixture, _ period: String = "2026-10") throws -> [Posting] {
        try Journal(database: fixture.database).postings(for: try #require(ReportingPeriod(parsing: period)))
    }

    /// (account code, department, debit, credit) of each posting.
    func lines(_ postings: [Posting]) -> [String] {
        postings.map { "\($0.account.code) \($0.department.rawValue) \($0.debit) \($0.credit)" }
    }

    @Test("parts lines are rounded half-even to minor units, line by line", arguments: [
        (Int64(15_000), Int64(333), Int64(500)), (5_000, 5, 2), (5_000, 7, 4), (-5_000, 5, -2), (10_000, 1_234, 1_234), (0, 999, 0),
        (3_333, 3, 1), (Int64.max, 2, nil), (10_000, Journal.maximumAmount + 1, nil),
    ] as [(Int64, Int64, Int64?)])
    func lineAmount(quantity: Int64, price: Int64, expected: Int64?) {
        #expect(Journal.lineAmount(quantity: quantity, unitAmount: price) == expected)
    }

    @Test("a delivered order posts sale, cost and F&I income; other orders post nothing")
    func vehicleDelivery() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.order("D1", "SO1", delivered: "2026-10-05", sale: "used", price: 10_000_000, cost: 9_000_000, fi: 150_000)
        try f.order("D1", "SO2", delivered: "2026-10-06", status: "cancelled", price: 5_000_000, cost: 4_000_000)
        try f.order("D1", "SO3", delivered: "2026-09-30", price: 5_000_000, cost: 4_000_000)
        try f.order("D1", "SO4", status: "open", price: 5_000_000)
        let journal = try postings(f)
        #expect(lines(journal) == [
            "1100 used 10000000 0", "4100 used 0 10000000", "5100 used 9000000 0", "1200 used 0 9000000",
            "1100 f_and_i 150000 0", "4200 f_and_i 0 150000",
        ])
        #expect(Set(journal.map(\.document)) == [DocumentKey(dealerCode: "D1", type: .vehicleDelivery, number: "SO1")])
        #expect(journal.allSatisfy { $0.batchID == 1 && $0.date == LocalDate("2026-10-05") })
        let pnl = DepartmentPnL(postings: journal)
        #expect(pnl.sales(.used) == 10_000_000)
        #expect(pnl.gross(.used) == 1_000_000)
        #expect(pnl.gross(.fAndI) == 150_000)
        #expect(pnl.sales(.new) == 0)
    }

    @Test("an invoiced RO posts labor by pay type (bodyshop to its department) and parts; a void RO posts nothing")
    func repairOrder() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.ro("D1", "RO1", invoiced: "2026-10-02 17:00:00", type: "bodyshop")
        try f.labor("D1", "RO1", "1", pay: "warranty", sale: 20_000, cost: 8_000)
        try f.part("D1", "RO1", "1", qty: 15_000, price: 333, cost: 201, pay: "insurance")
        try f.ro("D1", "RO2", invoiced: "2026-10-03 10:00:00", type: "repair", status: "void")
        try f.labor("D1", "RO2", "1", sale: 50_000)
        try f.ro("D1", "RO3", invoiced: nil, status: "open")
        try f.labor("D1", "RO3", "1", sale: 70_000)
        let journal = try postings(f)
        #expect(lines(journal) == [
            "1150 bodyshop 20000 0", "4300 bodyshop 0 20000", "5300 bodyshop 8000 0", "2200 bodyshop 0 8000",
            "1160 parts 500 0", "4400 parts 0 500", "5400 parts 302 0", "1300 parts 0 302",
        ])
        #expect(journal.map(\.line) == Array(repeating: "labor 1", count: 4) + Array(repeating: "parts 1", count: 4))
        #expect(journal.allSatisfy { $0.date == LocalDate("2026-10-02") && $0.document.number == "RO1" })
    }

    @Test("parts movements: receipts, stocktake and counter sales post; issues, relocations and lost sales do not")
    func partMovements() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.movement("D1", "M1", at: "2026-10-01 09:00:00", type: "receipt", qty: 20_000, cost: 1_000)
        try f.movement("D1", "M2", at: "2026-10-02 09:00:00", type: "stocktake_gain", qty: 10_000, cost: 1_000)
        try f.movement("D1", "M3", at: "2026-10-03 09:00:00", type: "stocktake_loss", qty: 5_000, cost: 1_000)
        try f.movement("D1", "M4", at: "2026-10-04 09:00:00", type: "counter_sale", qty: 10_000, cost: 1_000, price: 1_500)
        try f.movement("D1", "M5", at: "2026-10-05 09:00:00", type: "counter_return", qty: 5_000, cost: 1_000, price: 1_500)
        try f.movement("D1", "M6", at: "2026-10-06 09:00:00", type: "issue_to_ro", qty: 10_000, cost: 1_000)
        try f.movement("D1", "M7", at: "2026-10-06 09:00:00", type: "relocation", qty: 10_000, cost: 1_000)
        try f.movement("D1", "M8", at: "2026-10-06 09:00:00", type: "lost_sale", qty: 10_000, cost: 1_000)
        try f.movement("D1", "M9", at: "2026-10-07 09:00:00", type: "receipt_reversal", qty: 10_000, cost: 1_000)
        let journal = try postings(f)
        #expect(lines(journal) == [
            "1300 parts 2000 0", "2100 parts 0 2000",
            "1300 parts 1000 0", "3900 parts 0 1000",
            "3900 parts 500 0", "1300 parts 0 500",
            "1100 parts 1500 0", "4400 parts 0 1500", "5400 parts 1000 0", "1300 parts 0 1000",
            "4400 parts 750 0", "1100 parts 0 750", "1300 parts 500 0", "5400 parts 0 500",
            "2100 parts 1000 0", "1300 parts 0 1000",
        ])
        let pnl = DepartmentPnL(postings: journal)
        #expect(pnl.sales(.parts) == 750)
        #expect(pnl.gross(.parts) == 250)
    }

    @Test("expenses post by category and department; a negative amount swaps the sides")
    func expenses() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E1", "posting_date": "2026-10-31", "account": "6601.01 工资",
                                  "department": "service", "category": "personnel", "amount": 300_000])
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E2", "posting_date": "2026-10-10", "account": "6601.10 广告（冲销）",
                                  "department": "new", "category": "variable", "amount": -20_000])
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E3", "posting_date": "2026-11-01", "account": "x",
                                  "department": "admin", "category": "fixed", "amount": 1])
        let journal = try postings(f)
        #expect(lines(journal) == ["6200 service 300000 0", "2100 service 0 300000", "2100 new 20000 0", "6100 new 0 20000"])
        #expect(journal.first?.sourceAccount == "6601.01 工资")
        let pnl = DepartmentPnL(postings: journal)
        #expect(pnl.expenses(nil) == 280_000)
        #expect(pnl.expenses(.variable) == -20_000)
        #expect(pnl.expenses(.new) == -20_000)
        #expect(pnl.absorptionDenominator == 300_000)
        #expect(pnl.operatingProfit == -280_000)
    }

    @Test("the journal is derived: a changed document replaces its postings, a void one posts nothing, and it is deterministic")
    func idempotency() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 1_000, cost: 800)
        try f.ro("D1", "RO1", invoiced: "2026-10-02 17:00:00")
        try f.labor("D1", "RO1", "1", sale: 500, cost: 200)
        let first = try postings(f)
        #expect(try postings(f) == first)
        try f.database.execute("UPDATE sales_orders SET sale_price = ? WHERE order_no = ?", [.integer(1_200), "SO1"])
        let changed = try postings(f)
        #expect(changed.count == first.count)
        #expect(DepartmentPnL(postings: changed).sales(.new) == 1_200)
        try f.database.execute("UPDATE repair_orders SET status = 'void' WHERE ro_no = ?", ["RO1"])
        try f.database.execute("UPDATE sales_orders SET status = 'cancelled' WHERE order_no = ?", ["SO1"])
        #expect(try postings(f).isEmpty)
    }

    @Test("each document and the trial balance balance; an unbalanced journal names its documents")
    func balance() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.dealer("D2", region: "West")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 1_000, cost: 800, fi: 30)
        try f.ro("D2", "RO1", invoiced: "2026-10-02 17:00:00")
        try f.labor("D2", "RO1", "1", sale: 500, cost: 200)
        try f.part("D2", "RO1", "1", qty: 12_345, price: 777, cost: 555)
        let period = try #require(Self.october)
        let report = try LedgerReport.build(database: f.database, period: period, groupBy: .dealer)
        #expect(report.isBalanced)
        #expect(report.unbalanced.isEmpty)
        #expect(report.sections.map(\.group.key) == ["D1", "D2"])
        #expect(report.sections.allSatisfy { $0.trialBalance.isBalanced })

        var broken = report.postings
        broken[0].debit += 1
        let dealers = try f.engine().dealers()
        let bad = LedgerReport.assemble(period: period, groupBy: .network, dealers: dealers, postings: broken)
        #expect(!bad.isBalanced)
        #expect(bad.unbalanced.map(\.document.description) == ["D1 vehicle_delivery SO1"])
        #expect(bad.unbalanced.map(\.difference) == [1])
        #expect(!(bad.sections.first?.trialBalance.isBalanced ?? true))
    }

    @Test("a document with an amount beyond the journal's range is not posted but named")
    func unpostable() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 1_000, cost: 800)
        try f.ro("D1", "RO1", invoiced: "2026-10-02 17:00:00")
        try f.labor("D1", "RO1", "1", sale: 500, cost: 200)
        try f.part("D1", "RO1", "1", qty: 10_000_000, price: Journal.maximumAmount, cost: 1)
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E1", "posting_date": "2026-10-31", "account": "a",
                                  "department": "admin", "category": "fixed", "amount": .integer(-Journal.maximumAmount - 1)])
        let build = try Journal(database: f.database).build(for: try #require(Self.october))
        #expect(build.unpostable.map(\.description) == ["D1 expense E1", "D1 repair_order RO1"])
        #expect(Set(build.postings.map(\.document.number)) == ["SO1"])
        let report = try LedgerReport.build(database: f.database, period: try #require(Self.october), groupBy: .dealer)
        #expect(!report.isBalanced)
        #expect(report.unbalanced.isEmpty)
        #expect(report.unpostable.count == 2)
        // The finance KPIs' sums leave the unpostable documents out too: only SO1 is in them.
        let statements = try Journal(database: f.database).statements(for: try #require(Self.october))
        #expect(statements == ["D1": DepartmentPnL(postings: build.postings)])
        #expect(statements["D1"]?.sales(nil) == 1_000 && statements["D1"]?.expenses(nil) == 0)
    }

    @Test("trial balance and P&L CSV")
    func tables() throws {
        let f = try KPIFixture()
        try f.dealer("D1", name: "One")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 100_000, cost: 80_000, fi: 3_000)
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E1", "posting_date": "2026-10-31", "account": "a",
                                  "department": "service", "category": "fixed", "amount": 10_000])
        let report = try LedgerReport.build(database: f.database, period: try #require(Self.october), groupBy: .dealer)
        let tb = LedgerTables.trialBalanceCSV(report).split(separator: "\r\n").map(String.init)
        #expect(tb.first == KPITables.byteOrderMark + LedgerTables.trialBalanceHeader.joined(separator: ","))
        #expect(tb.contains("2026-10-01,2026-10-31,dealer,D1,One,1100,Receivables: customers,asset,1030.00,0.00,1030.00"))
        #expect(tb.last == "2026-10-01,2026-10-31,dealer,D1,One,total,Total,,1930.00,1930.00,0.00")
        let pnl = LedgerTables.pnlCSV(report).split(separator: "\r\n").map(String.init)
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,gross,new,,200.00,money"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,gross_margin,new,,0.2000,rate"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,gross_margin,used,,,rate"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,gross,,,230.00,money"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,expenses,,fixed,100.00,money"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,operating_profit,,,130.00,money"))
        #expect(pnl.contains("2026-10-01,2026-10-31,dealer,D1,One,absorption_rate,,,0.0000,rate"))
        let journal = LedgerTables.journalCSV(report.postings).split(separator: "\r\n").map(String.init)
        #expect(journal.count == 1 + report.postings.count)
        #expect(journal.contains("D1,2026-10-31,expense,E1,,1,6400,Fixed expenses,service,fixed,a,100.00,0.00"))
    }

    @Test("docs/chart-of-accounts.md lists exactly the accounts of the chart")
    func chartDocument() throws {
        let text = try String(contentsOfFile: Tools.repositoryRoot + "/docs/chart-of-accounts.md", encoding: .utf8)
        var documented: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if let code = cells.first, code.count == 6 { documented.append(String(code.dropFirst().dropLast())) }
        }
        #expect(documented == ChartOfAccounts.all.map(\.code))
    }
}
