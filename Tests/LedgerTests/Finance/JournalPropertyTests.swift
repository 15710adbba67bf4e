import Foundation
import Testing
import TestSupport
@testable import FeedGenerator
@testable import Ledger

/// A generated network loaded through the importer, shared by the property tests.
enum FinanceNetwork {
    /// The warehouse file, generated and imported once per test process.
    static let warehouse: Result<String, any Error> = Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("finance-network-\(getpid())").path
        let folder = base + "/feeds"
        try? FileManager.default.removeItem(atPath: base)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let spec = NetworkSpec(dealers: 3, regions: 2, brands: 2, endMonth: CivilMonth(year: 2026, month: 10), months: 14, scale: 0.4, seed: 11)
        _ = try NetworkGenerator(spec: spec).write(to: folder)
        let path = base + "/dms.sqlite"
        let database = try Database(path: path)
        try WarehouseSchema.migrator.migrate(database)
        let importer = try Importer(database: database, options: ImportOptions(), clock: FixedClock(seconds: 1_800_000_000)) { _ in }
        _ = try importer.load(paths: [folder])
        try? FileManager.default.removeItem(atPath: folder)
        return path
    }

    static func database() throws -> Database { try Database(path: try warehouse.get()) }
}

@Suite("Journal properties over a generated network")
struct JournalPropertyTests {
    static let periods = ["2026-10", "2026-09", "2026-Q3", "2026-08-10..2026-09-20", "2025-12", "2026"]

    /// Direct sums per dealer from the source tables, without the journal.
    struct DirectSums {
        var vehicleSales: [String: [String: Int64]] = [:]
        var vehicleCost: [String: [String: Int64]] = [:]
        var fiIncome: [String: Int64] = [:]
        var partsSales: [String: Int64] = [:]
        var partsCost: [String: Int64] = [:]
        var expenses: [String: Int64] = [:]
    }

    func direct(_ database: Database, _ period: ReportingPeriod) throws -> DirectSums {
        let bounds: [DatabaseValue] = [.text(period.start.description), .text(period.end.shifted(by: 1).description)]
        var sums = DirectSums()
        for row in try database.rows(
            "SELECT dealer_code, sale_type, sale_price, vehicle_cost, fi_income, delivered_on FROM sales_orders WHERE status = 'delivered'")
        {
            guard let day = row[5].string.flatMap({ LocalDate($0) }), day >= period.start, day <= period.end else { continue }
            let dealer = row[0].string ?? ""
            let department = row[1].string == "used" ? "used" : "new"
            sums.vehicleSales[dealer, default: [:]][department, default: 0] += row[2].int64 ?? 0
            sums.vehicleCost[dealer, default: [:]][department, default: 0] += row[3].int64 ?? 0
            sums.fiIncome[dealer, default: 0] += row[4].int64 ?? 0
        }
        func line(_ qty: Int64, _ unit: Int64) -> Int64 {
            // Half-even rounding of qty × unit ÷ 10 000, written out independently of the journal.
            let product = qty * unit
            var quotient = product / 10_000
            let remainder = product % 10_000
            if remainder.magnitude * 2 > 10_000 || (remainder.magnitude * 2 == 10_000 && quotient % 2 != 0) {
                quotient += product < 0 ? -1 : 1
            }
            return quotient
        }
        for row in try database.rows(
            """
            SELECT p.dealer_code, p.qty, p.unit_price, p.unit_cost FROM ro_parts p
            JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
            WHERE COALESCE(r.status, '') <> 'void' AND r.invoiced_at >= ? AND r.invoiced_at < ?
            """, bounds)
        {
            let dealer = row[0].string ?? ""
            sums.partsSales[dealer, default: 0] += line(row[1].int64 ?? 0, row[2].int64 ?? 0)
            sums.partsCost[dealer, default: 0] += line(row[1].int64 ?? 0, row[3].int64 ?? 0)
        }
        for row in try database.rows(
            """
            SELECT dealer_code, movement_type, qty, unit_price, unit_cost FROM part_movements
            WHERE movement_type IN ('counter_sale', 'counter_return') AND moved_at >= ? AND moved_at < ?
            """, bounds)
        {
            let dealer = row[0].string ?? ""
            let sign: Int64 = row[1].string == "counter_sale" ? 1 : -1
            sums.partsSales[dealer, default: 0] += sign * line(row[2].int64 ?? 0, row[3].int64 ?? 0)
            sums.partsCost[dealer, default: 0] += sign * line(row[2].int64 ?? 0, row[4].int64 ?? 0)
        }
        for row in try database.rows(
            "SELECT dealer_code, SUM(amount) FROM expenses WHERE posting_date >= ? AND posting_date < ? GROUP BY dealer_code", bounds)
        {
            sums.expenses[row[0].string ?? "", default: 0] += row[1].int64 ?? 0
        }
        return sums
    }

    @Test("the generated network has every kind of document")
    func coverage() throws {
        let database = try FinanceNetwork.database()
        let period = try #require(ReportingPeriod(parsing: "2026"))
        let types = Set(try Journal(database: database).postings(for: period).map(\.document.type))
        #expect(types == Set(DocumentType.allCases))
    }

    @Test("each document balances and the trial balance balances", arguments: periods)
    func balances(_ text: String) throws {
        let database = try FinanceNetwork.database()
        let period = try #require(ReportingPeriod(parsing: text))
        let report = try LedgerReport.build(database: database, period: period, groupBy: .dealer)
        #expect(!report.postings.isEmpty)
        #expect(report.unbalanced.isEmpty)
        #expect(report.isBalanced)
        #expect(report.postings.allSatisfy { ($0.debit > 0) != ($0.credit > 0) && $0.debit >= 0 && $0.credit >= 0 })
        #expect(report.postings.allSatisfy { $0.date >= period.start && $0.date <= period.end })
        for by in GroupBy.allCases {
            let grouped = try LedgerReport.build(database: database, period: period, groupBy: by)
            #expect(grouped.sections.allSatisfy { $0.trialBalance.isBalanced })
        }
    }

    @Test("the P&L summed without keeping postings equals the P&L of the full journal", arguments: periods)
    func statementsEqualTheJournalsSums(_ text: String) throws {
        let database = try FinanceNetwork.database()
        let period = try #require(ReportingPeriod(parsing: text))
        var expected: [String: DepartmentPnL] = [:]
        for posting in try Journal(database: database).postings(for: period) {
            expected[posting.document.dealerCode, default: DepartmentPnL()].add(posting)
        }
        #expect(!expected.isEmpty)
        #expect(try Journal(database: database).statements(for: period) == expected)
    }

    @Test("the P&L from the journal equals the direct sums behind the sales, service and parts KPIs", arguments: periods)
    func pnlEqualsDirectSums(_ text: String) throws {
        let database = try FinanceNetwork.database()
        let period = try #require(ReportingPeriod(parsing: text))
        let postings = try Journal(database: database).postings(for: period)
        var pnl: [String: DepartmentPnL] = [:]
        for posting in postings { pnl[posting.document.dealerCode, default: DepartmentPnL()].add(posting) }
        let sums = try direct(database, period)
        let engine = KPIEngine(database: database)
        let partials = try engine.partials(for: period)
        let dealers = try engine.dealers().map(\.code)
        #expect(!dealers.isEmpty)
        for dealer in dealers {
            let statement = pnl[dealer] ?? DepartmentPnL()
            let kpi = partials[dealer] ?? [:]
            func ratio(_ id: String) -> (Int64, Int64) {
                if case .ratio(let n, let d)? = kpi[id] { return (n, d) }
                return (0, 0)
            }
            // Vehicles (every order_type) and F&I.
            #expect(statement.sales(.new) == sums.vehicleSales[dealer]?["new"] ?? 0)
            #expect(statement.sales(.used) == sums.vehicleSales[dealer]?["used"] ?? 0)
            #expect(statement.costOfSales(.new) == sums.vehicleCost[dealer]?["new"] ?? 0)
            #expect(statement.costOfSales(.used) == sums.vehicleCost[dealer]?["used"] ?? 0)
            #expect(statement.sales(.fAndI) == sums.fiIncome[dealer] ?? 0)
            #expect(statement.costOfSales(.fAndI) == 0)
            // Labor: exactly the bases of service.labor_gross_margin.
            let labor = ratio("service.labor_gross_margin")
            #expect(statement.sales(.service) + statement.sales(.bodyshop) == labor.1)
            #expect(statement.gross(.service) + statement.gross(.bodyshop) == labor.0)
            // Parts: line amounts rounded per line; the KPI engine keeps them exact (10⁻⁶).
            #expect(statement.sales(.parts) == sums.partsSales[dealer] ?? 0)
            #expect(statement.costOfSales(.parts) == sums.partsCost[dealer] ?? 0)
            let parts = ratio("parts.gross_margin")
            let lines = try database.scalar(
                """
                SELECT (SELECT COUNT(*) FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
                        WHERE p.dealer_code = ? AND COALESCE(r.status, '') <> 'void' AND r.invoiced_at >= ? AND r.invoiced_at < ?)
                     + (SELECT COUNT(*) FROM part_movements WHERE dealer_code = ? AND movement_type IN ('counter_sale', 'counter_return')
                        AND moved_at >= ? AND moved_at < ?)
                """,
                [.text(dealer), .text(period.start.description), .text(period.end.shifted(by: 1).description),
                 .text(dealer), .text(period.start.description), .text(period.end.shifted(by: 1).description)]).int64 ?? 0
            #expect((statement.sales(.parts) * 10_000 - parts.1).magnitude <= UInt64(lines) * 5_000)
            #expect((statement.gross(.parts) * 10_000 - parts.0).magnitude <= UInt64(lines) * 10_000)
            // Sales share: journal parts sales ÷ total sales agrees with the KPI's bases.
            let share = ratio("parts.sales_share")
            #expect((statement.sales(nil) * 10_000 - share.1).magnitude <= UInt64(lines) * 5_000)
            // Expenses and the finance KPIs themselves.
            #expect(statement.expenses(nil) == sums.expenses[dealer] ?? 0)
            #expect(kpi["finance.sales"] == .total(statement.sales(nil)))
            #expect(kpi["finance.operating_profit"] == .total(statement.operatingProfit))
            #expect(kpi["finance.gross_margin.parts"] == .ratio(statement.gross(.parts), statement.sales(.parts)))
        }
    }
}
