import Foundation
import Testing
@testable import Ledger
import TestSupport

/// Workbooks through the importer: the same feed detection, header matching, value
/// parsing, rejects, upserts and batches as CSV, with worksheet rows in messages.
@Suite struct XLSXImportTests {
    struct Loaded {
        var directory: TemporaryDirectory
        var summaries: [FileSummary]
        var messages: [String]
        var database: Database
        var rejects: String
    }

    static func load(_ paths: [String], configure: (inout ImportOptions) -> Void = { _ in }) throws -> Loaded {
        let directory = try TemporaryDirectory("xlsx-import")
        let database = try Warehouse.open(path: directory.file("w.sqlite"))
        try FileManager.default.createDirectory(atPath: directory.file("rejects"), withIntermediateDirectories: true)
        var options = ImportOptions()
        options.rejectsDirectory = directory.file("rejects")
        options.maxRejectRate = 1
        configure(&options)
        let collected = Collected()
        let importer = try Importer(database: database, options: options, clock: HostileClock()) { event in
            if case .diagnostic(let diagnostic) = event { collected.messages.append(diagnostic.description) }
        }
        let summaries = try importer.load(paths: paths)
        return Loaded(directory: directory, summaries: summaries, messages: collected.messages, database: database, rejects: directory.file("rejects"))
    }

    static var samples: String { Tools.repositoryRoot + "/samples/workbooks" }

    @Test func dealersFromOpenpyxlLoadWithTheirValues() throws {
        let loaded = try Self.load([Self.samples + "/dealers_openpyxl.xlsx"])
        let summary = try #require(loaded.summaries.first)
        #expect(summary.outcome == .loaded && summary.feed == "dealers")
        #expect(summary.rowsRead == 4 && summary.inserted == 4 && summary.rejected == 0)
        let rows = try loaded.database.rows("SELECT dealer_code, name, city, opened_on, status FROM dealers ORDER BY dealer_code").map(\.values)
        #expect(rows[0] == [.text("001001"), .text("星辰汽车 浦东店"), .text("上海"), .text("2015-03-18"), .text("active")])
        #expect(rows[1][2] == .null && rows[1][3] == .text("2016-07-01"))
        #expect(rows[2][4] == .null)
        // The error cell: null with a warning naming the sheet, row and cell; the unknown column: one warning.
        #expect(loaded.messages.contains { $0.contains("dealers_openpyxl.xlsx[Dealers]:3: warning: cell F3 holds the error #N/A; read as empty") })
        #expect(loaded.messages.contains { $0.contains("dealers_openpyxl.xlsx[Dealers]:1: warning: ignored unknown column(s) for feed dealers: \"备注\"") })
    }

    @Test func rejectsNameTheSheetAndWorksheetRow() throws {
        let loaded = try Self.load([Self.samples + "/repair_orders_1904.xlsx"]) { $0.feed = "ro_parts" }
        // As ro_parts the keys are missing: the file fails naming the sheet and header row.
        #expect(loaded.summaries.first?.outcome == .failed)
        #expect(loaded.messages.contains { $0.contains("repair_orders_1904.xlsx[ROs]:1: error: missing required column \"line_no\"") })

        let ok = try Self.load([Self.samples + "/repair_orders_1904.xlsx"])
        let summary = try #require(ok.summaries.first)
        #expect(summary.feed == "repair_orders" && summary.inserted == 2, "\(ok.messages)")
        let rows = try ok.database.rows("SELECT ro_no, opened_at, completed_at, mileage_km, comeback_flag FROM repair_orders ORDER BY ro_no").map(\.values)
        #expect(rows[0] == [.text("R1904-1"), .text("2026-10-01 08:30:00"), .text("2026-10-01 16:45:30"), .integer(10500), .integer(0)])
        #expect(rows[1][2] == .null && rows[1][4] == .integer(1))
    }

    @Test func libreOfficeFormulasLoadTheirCachedValues() throws {
        let loaded = try Self.load([Self.samples + "/ro_parts_libreoffice.xlsx"])
        let summary = try #require(loaded.summaries.first)
        #expect(summary.feed == "ro_parts" && summary.rowsRead == 3, "\(loaded.messages)")
        // unit_cost of line 2 of RO-LO-1 is 1.10; unit_price =10/3 (15 digits) rounds half-even to 3.33.
        let rows = try loaded.database.rows("SELECT ro_no, line_no, qty, unit_price, unit_cost, filled_from_stock FROM ro_parts ORDER BY ro_no, line_no").map(\.values)
        #expect(rows.count == 3)
        #expect(rows[0][4] == .integer(8435))
        #expect(rows[1][3] == .integer(333) && rows[1][2] == .integer(12_500))
        #expect(rows[2][2] == .integer(-10_000) && rows[2][5] == .integer(1))
    }

    @Test func theYonyouExportLoadsThroughItsProfileFromTheNamedSheet() throws {
        let profiles = try ProfileSet.load(folder: Tools.repositoryRoot + "/profiles")
        let loaded = try Self.load([Tools.repositoryRoot + "/samples/profiles/工单导出_DLR001_20261027.xlsx"]) { $0.profiles = profiles }
        let summary = try #require(loaded.summaries.first)
        #expect(summary.outcome == .loaded && summary.feed == "repair_orders", "\(loaded.messages)")
        #expect(summary.rowsRead == 3 && summary.inserted == 3 && summary.rejected == 0, "\(loaded.messages)")
        let rows = try loaded.database.rows("SELECT ro_no, dealer_code, opened_at, ro_type, status, comeback_flag, waiting_parts FROM repair_orders ORDER BY ro_no").map(\.values)
        #expect(rows[0] == [.text("RO2610270001"), .text("DLR001"), .text("2026-10-27 08:31:00"), .text("repair"), .text("invoiced"), .integer(0), .integer(0)])
        #expect(rows[1][3] == .text("warranty") && rows[1][6] == .integer(1))
        #expect(rows[2][5] == .integer(1))
        // The merged header cell beside 备注 is empty and ignored without a warning about it.
        #expect(!loaded.messages.contains { $0.contains("\"\"") })
    }

    @Test func aFolderInboxLoadsWorkbooksInsteadOfSkippingThem() throws {
        let directory = try TemporaryDirectory("xlsx-inbox")
        try FileManager.default.createDirectory(atPath: directory.file("in"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/dealers_openpyxl.xlsx", toPath: directory.file("in/dealers_openpyxl.xlsx"))
        let loaded = try Self.load([directory.file("in")])
        #expect(loaded.summaries.map(\.outcome) == [.loaded])
        #expect(loaded.summaries.first?.inserted == 4)
    }

    @Test func headerRowAndSheetOptions() throws {
        let path = Tools.repositoryRoot + "/samples/profiles/工单导出_DLR001_20261027.xlsx"
        let wrongRow = try Self.load([path]) {
            $0.sheet = "工单列表"
            $0.headerRow = 2
            $0.feed = "repair_orders"
            $0.dealer = "DLR001"
        }
        #expect(wrongRow.summaries.first?.outcome == .failed)
        let noSheet = try Self.load([path]) { $0.sheet = "Missing" }
        #expect(noSheet.summaries.first?.outcome == .failed)
        #expect(noSheet.messages.contains { $0.contains("the workbook has no sheet \"Missing\" (sheets: \"说明\", \"工单列表\")") })
        let emptyRow = try Self.load([path]) {
            $0.sheet = "工单列表"
            $0.headerRow = 20
        }
        #expect(emptyRow.messages.contains { $0.contains("worksheet row 20 is empty or missing") })
    }

    @Test func aLargeSheetStreamsWithRowsAndRejectsCounted() throws {
        let directory = try TemporaryDirectory("xlsx-large")
        let path = directory.file("ro_parts_big.xlsx")
        let header = ["dealer_code", "ro_no", "line_no", "part_no", "qty", "unit_price", "unit_cost", "pay_type"]
        let rows = 50_000
        let bytes = try WorkbookWriter.write(streamingSheet: "parts", header: header) { index in
            guard index < rows else { return nil }
            let qty = index % 1000 == 999 ? "1.23456" : "\(index % 7 + 1)"  // 50 rows with 5 decimals: rejected
            return [.text("DLR001"), .text("RO\(index / 4)"), .number("\(index % 4 + 1)", .integer), .text("P-\(index % 300)"),
                    .number(qty, .general), .number("12.50", .money), .number("8.25", .money), .text(index % 5 == 0 ? "warranty" : "customer")]
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let loaded = try Self.load([path])
        let summary = try #require(loaded.summaries.first)
        #expect(summary.rowsRead == rows && summary.rejected == 50 && summary.inserted == rows - 50, "\(loaded.messages.prefix(3))")
        #expect(loaded.messages.contains { $0.contains("ro_parts_big.xlsx[parts]:1001: warning: rejected: column \"qty\"") })
        #expect(try loaded.database.scalar("SELECT SUM(qty) FROM ro_parts").int64 != nil)
    }
}
