import Foundation
import Testing
import TestSupport
@testable import Ledger

@Suite("Journal after re-imports")
struct JournalReimportTests {
    func load(_ database: Database, _ directory: TemporaryDirectory, _ name: String, _ text: String) throws {
        let path = try directory.write(name, text)
        let importer = try Importer(database: database, options: ImportOptions(), clock: FixedClock(seconds: 1_800_000_000)) { _ in }
        let summaries = try importer.load(paths: [path])
        #expect(summaries.map(\.outcome) == [.loaded], "\(summaries)")
    }

    @Test("re-importing a changed document replaces its postings; re-importing it as cancelled or void removes them")
    func reimport() throws {
        let directory = try TemporaryDirectory("finance-reimport")
        let database = try Database(path: directory.file("dms.sqlite"))
        try WarehouseSchema.migrator.migrate(database)
        let header = "dealer_code,order_no,status,delivered_on,sale_type,order_type,sale_price,vehicle_cost,fi_income\n"
        let roHeader = "dealer_code,ro_no,invoiced_at,ro_type,status\n"
        let laborHeader = "dealer_code,ro_no,line_no,pay_type,labor_sale,labor_cost\n"
        try load(database, directory, "a/sales_orders_DLR001.csv", header + "DLR001,SO1,delivered,2026-10-05,new,retail,1000.00,800.00,50.00\n")
        try load(database, directory, "a/repair_orders_DLR001.csv", roHeader + "DLR001,RO1,2026-10-02 17:00:00,repair,invoiced\n")
        try load(database, directory, "a/ro_labor_DLR001.csv", laborHeader + "DLR001,RO1,1,customer,300.00,100.00\n")
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let journal = Journal(database: database)
        let first = try journal.postings(for: period)
        #expect(first.count == 10)
        let firstBatches = Set(first.map(\.batchID))
        // RO postings carry the batch of their source line (ro_labor), not of the RO header.
        #expect(firstBatches.count == 2)

        try load(database, directory, "b/sales_orders_DLR001.csv", header + "DLR001,SO1,delivered,2026-10-06,used,retail,1100.00,800.00,0\n")
        let second = try journal.postings(for: period)
        let order = second.filter { $0.document.number == "SO1" }
        #expect(order.count == 4)
        #expect(order.allSatisfy { $0.department == .used && $0.date == LocalDate("2026-10-06") && !firstBatches.contains($0.batchID) })
        #expect(DepartmentPnL(postings: second).sales(.used) == 110_000)
        #expect(JournalCheck.unbalancedDocuments(second).isEmpty)

        try load(database, directory, "c/sales_orders_DLR001.csv", header + "DLR001,SO1,cancelled,2026-10-06,used,retail,1100.00,800.00,0\n")
        try load(database, directory, "c/repair_orders_DLR001.csv", roHeader + "DLR001,RO1,2026-10-02 17:00:00,repair,void\n")
        #expect(try journal.postings(for: period).isEmpty)
    }
}
