import Foundation
import Ledger
import Testing
import TestSupport

/// `dms-report ledger` end to end: the built binary on a small warehouse.
@Suite struct LedgerCommandTests {
    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Two dealers: a delivery and an expense at DLR001, an invoiced RO at DLR002.
    func warehouse(in directory: TemporaryDirectory, extra: ((Database) throws -> Void)? = nil) throws -> String {
        let path = directory.file("dms.sqlite")
        let database = try Database(path: path)
        try WarehouseSchema.migrator.migrate(database)
        func insert(_ table: String, _ values: KeyValuePairs<String, DatabaseValue>) throws {
            let columns = values.map(\.key) + ["batch_id"]
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try database.execute(
                "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(marks))", values.map(\.value) + [3])
        }
        try insert("dealers", ["dealer_code": "DLR001", "name": "上海浦东之星", "region": "华东", "brand": "星辰"])
        try insert("dealers", ["dealer_code": "DLR002", "name": "杭州之星", "region": "华东", "brand": "星辰"])
        try insert("sales_orders", ["dealer_code": "DLR001", "order_no": "SO1", "status": "delivered", "delivered_on": "2026-10-05",
                                    "sale_type": "new", "order_type": "retail", "sale_price": 20_000_000, "vehicle_cost": 18_000_000,
                                    "fi_income": 300_000])
        try insert("expenses", ["dealer_code": "DLR001", "entry_no": "PZ1", "posting_date": "2026-10-31", "account": "6601 工资",
                                "department": "service", "category": "personnel", "amount": 500_000])
        try insert("repair_orders", ["dealer_code": "DLR002", "ro_no": "RO1", "invoiced_at": "2026-10-02 17:00:00", "ro_type": "repair",
                                     "status": "invoiced"])
        try insert("ro_labor", ["dealer_code": "DLR002", "ro_no": "RO1", "line_no": "1", "pay_type": "warranty", "labor_sale": 120_000,
                                "labor_cost": 30_000])
        try insert("ro_parts", ["dealer_code": "DLR002", "ro_no": "RO1", "line_no": "1", "part_no": "P1", "qty": 15_000,
                                "unit_price": 333, "unit_cost": 201, "pay_type": "customer"])
        try extra?(database)
        return path
    }

    @Test func writesTrialBalancePnlAndJournal() throws {
        let directory = try TemporaryDirectory("ledger")
        let warehouse = try warehouse(in: directory)
        let out = directory.file("out")
        let journal = directory.file("journal.csv")
        let result = try Tools.run(
            "dms-report", ["ledger", "--period", "2026-10", "--out", out, "--warehouse", warehouse, "--export", journal])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2026-10: 16 postings, debit 389508.02 = credit 389508.02"))
        #expect(result.stdout.contains("DLR002: sales 1205.00, gross 901.98, expenses 0.00, operating profit 901.98"))
        let tb = try read(out + "/ledger/trial_balance.csv")
        #expect(tb.hasPrefix("period_start,period_end,group_by,group_key,group_name,account,account_name,account_type,debit,credit,balance\r\n"))
        #expect(tb.contains("2026-10-01,2026-10-31,dealer,DLR001,上海浦东之星,total,Total,,388000.00,388000.00,0.00\r\n"))
        #expect(tb.contains("2026-10-01,2026-10-31,dealer,DLR002,杭州之星,1150,Receivables: OEM (warranty),asset,1200.00,0.00,1200.00\r\n"))
        let pnl = try read(out + "/ledger/pnl.csv")
        #expect(pnl.contains("dealer,DLR001,上海浦东之星,gross_margin,new,,0.1000,rate\r\n"))
        #expect(pnl.contains("dealer,DLR001,上海浦东之星,operating_profit,,,18000.00,money\r\n"))
        #expect(pnl.contains("dealer,DLR002,杭州之星,sales,parts,,5.00,money\r\n"))
        #expect(pnl.contains("dealer,DLR001,上海浦东之星,absorption_rate,,,0.0000,rate\r\n"))
        let lines = try read(journal).split(separator: "\r\n")
        #expect(lines.count == 17)
        #expect(lines.contains("DLR002,2026-10-02,repair_order,RO1,parts 1,3,5400,Cost of parts sales,parts,,,3.02,0.00"))
        #expect(lines.contains("DLR001,2026-10-31,expense,PZ1,,3,6200,Personnel expenses,service,personnel,6601 工资,5000.00,0.00"))
    }

    @Test func groupsByNetwork() throws {
        let directory = try TemporaryDirectory("ledger")
        let warehouse = try warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["ledger", "--period", "2026-Q4", "--by", "network", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let tb = try read(out + "/ledger/trial_balance.csv")
        #expect(tb.contains("2026-10-01,2026-12-31,network,network,network,total,Total,,389508.02,389508.02,0.00\r\n"))
        let pnl = try read(out + "/ledger/pnl.csv")
        #expect(pnl.contains("network,network,network,absorption_rate,,,0.1804,rate\r\n"))
    }

    @Test func unbalancedJournalExits65NamingTheDocuments() throws {
        let directory = try TemporaryDirectory("ledger")
        let warehouse = try warehouse(in: directory) { database in
            try database.execute(
                "INSERT INTO expenses (dealer_code, entry_no, posting_date, account, department, category, amount, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ["DLR002", "PZ9", "2026-10-10", "x", "admin", "fixed", .integer(Journal.maximumAmount + 1), 4])
        }
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["ledger", "--period", "2026-10", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 65)
        #expect(result.stderr.contains("DLR002 expense PZ9"))
        #expect(!FileManager.default.fileExists(atPath: out + "/ledger/pnl.csv"))
    }

    @Test func kpiCSVHasTheFinanceRows() throws {
        let directory = try TemporaryDirectory("ledger")
        let warehouse = try warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--by", "region", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try read(out + "/kpi.csv")
        #expect(csv.contains("region,华东,华东,finance.gross,23901.98,,,money,0.00,0.00,partial\r\n"))
        #expect(csv.contains("region,华东,华东,finance.absorption_rate,0.1804,901.98,5000.00,rate,,,partial\r\n"))
        let html = try read(out + "/kpi.html")
        #expect(html.contains("<section id=\"finance\">"))
    }

    @Test func missingWarehouseExits66() throws {
        let directory = try TemporaryDirectory("ledger")
        let result = try Tools.run("dms-report", ["ledger", "--period", "2026-10", "--out", directory.file("out"), "--warehouse", directory.file("none.sqlite")])
        #expect(result.status == 66)
    }
}

extension LedgerCommandTests {
    @Test func dealerFilterKeepsOnlyThatDealersPostings() throws {
        let directory = try TemporaryDirectory("ledger")
        let warehouse = try warehouse(in: directory)
        let out = directory.file("out")
        let journal = directory.file("journal.csv")
        let result = try Tools.run(
            "dms-report", ["ledger", "--period", "2026-10", "--dealer", "DLR002", "--out", out, "--warehouse", warehouse, "--export", journal])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try read(journal).split(separator: "\r\n").dropFirst()
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { $0.hasPrefix("DLR002,") })
        #expect(!(try read(out + "/ledger/pnl.csv")).contains("DLR001"))
    }
}
