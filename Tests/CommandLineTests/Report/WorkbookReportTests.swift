import Foundation
@testable import Ledger
import Testing
import TestSupport

/// `--format xlsx` end to end: the built dms-report writes kpi.xlsx, which a real
/// spreadsheet client (LibreOffice, headless) and the project's own reader read back with
/// the values of kpi.csv. LibreOffice comes from scripts/install-libreoffice.sh (`make test`
/// and `make ci` run it); without it the test fails — it is never skipped.
@Suite struct WorkbookReportTests {
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Rows of a CSV file (BOM dropped), read with the project's CSV reader.
    static func csvRows(_ path: String) throws -> [[String]] {
        let reader = CSVReader(source: try FileByteSource(path: path))
        var rows: [[String]] = []
        while try reader.next() {
            var cells = reader.lossyFields()
            if rows.isEmpty, let first = cells.first, first.hasPrefix("\u{FEFF}") { cells[0] = String(first.dropFirst()) }
            rows.append(cells)
        }
        return rows
    }

    /// Rows of a worksheet, read with the project's reader.
    static func sheetRows(_ path: String, sheet: String) throws -> [[String]] {
        let workbook = try XLSXWorkbook(path: path, file: path)
        let reader = try workbook.rows(of: try workbook.sheet(named: sheet))
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.lossyFields()) }
        return rows
    }

    /// Cells equal as kpi.csv means them: numbers by value (`1234.50` = `1234.5`), text exactly.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = Decimal(string: a, locale: Locale(identifier: "en_US_POSIX")),
              let y = Decimal(string: b, locale: Locale(identifier: "en_US_POSIX")),
              a.allSatisfy({ "-.0123456789".contains($0) }), b.allSatisfy({ "-.0123456789E".contains($0) })
        else { return false }
        return x == y
    }

    static func expectSameTable(_ actual: [[String]], _ expected: [[String]], _ what: String) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) rows, kpi.csv has \(expected.count)")
        for (index, (row, want)) in zip(actual, expected).enumerated() {
            var padded = row
            while padded.count < want.count { padded.append("") }
            let differs = zip(padded, want).contains { !same($0, $1) }
            #expect(!differs && padded.count == want.count, "\(what) row \(index + 1): \(padded) ≠ \(want)")
            if differs { return }
        }
    }

    func report(formats: String, in directory: TemporaryDirectory) throws -> String {
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--by", "dealer", "--format", formats, "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test func kpiWorkbookReadsBackAsKPICSVInOurReader() throws {
        let directory = try TemporaryDirectory("report-xlsx")
        let out = try report(formats: "csv,xlsx", in: directory)
        let csv = try Self.csvRows(out + "/kpi.csv")
        let path = out + "/kpi.xlsx"
        let workbook = try XLSXWorkbook(path: path, file: path)
        let names = workbook.sheets.map(\.name)
        #expect(Array(names.prefix(4)) == ["dealer", "region", "network", "kpi"] && names.last == "definitions", "\(names)")
        #expect(names.contains("fleet_overdue_returns"))
        Self.expectSameTable(try Self.sheetRows(path, sheet: "kpi"), csv, "own reader, sheet kpi")

        // The wide dealer sheet: a row per dealer, a column per KPI (its name in the default
        // language, Chinese), the value of kpi.csv.
        let wide = try Self.sheetRows(path, sheet: "dealer")
        let titles = Dictionary(KPICatalogue.standard.definitions.map { ($0.name.zh, $0.id) }, uniquingKeysWith: { a, _ in a })
        let columns = wide[0].enumerated().compactMap { index, title in titles[title].map { ($0, index) } }
        #expect(columns.count == KPICatalogue.standard.definitions.count)
        var checked = 0
        for row in csv.dropFirst() where row[2] == "dealer" {
            guard let line = wide.first(where: { $0.first == row[3] }), let column = columns.first(where: { $0.0 == row[5] })?.1 else {
                Issue.record("dealer \(row[3]) / \(row[5]) missing from the dealer sheet")
                continue
            }
            let cell = column < line.count ? line[column] : ""
            #expect(Self.same(cell, row[6]), "\(row[3]) \(row[5]): \(cell) ≠ \(row[6])")
            checked += 1
        }
        #expect(checked > 100)
        // Every cell of the worksheets is a value: no formula anywhere.
        for index in 1...workbook.sheets.count {
            let xml = String(decoding: try ZipParts.bytes(of: "xl/worksheets/sheet\(index).xml", in: path), as: UTF8.self)
            #expect(!xml.contains("<f>") && !xml.contains("<f "))
        }
        // The same report gives the same bytes.
        let againDirectory = try TemporaryDirectory("report-xlsx-again")
        let again = try report(formats: "xlsx", in: againDirectory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again + "/kpi.xlsx")) == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(.timeLimit(.minutes(5)))
    func libreOfficeReadsTheWorkbookWithTheValuesOfKPICSV() throws {
        guard let soffice = Self.soffice else {
            Issue.record("LibreOffice (soffice) is missing: run scripts/install-libreoffice.sh (make test and make ci call it)")
            return
        }
        let directory = try TemporaryDirectory("report-xlsx-lo")
        let out = try report(formats: "csv,xlsx", in: directory)
        let converted = directory.file("converted")
        // Raw values (not as shown), UTF-8, every sheet into kpi-<sheet>.csv.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["240", soffice, "-env:UserInstallation=file://" + directory.file("lo-profile"), "--headless",
                             "--convert-to", filter, "--outdir", converted, out + "/kpi.xlsx"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let csv = try Self.csvRows(out + "/kpi.csv")
        Self.expectSameTable(try Self.csvRows(converted + "/kpi-kpi.csv"), csv, "LibreOffice, sheet kpi")
        let dealer = try Self.csvRows(converted + "/kpi-dealer.csv")
        #expect(dealer.count == 1 + Set(csv.dropFirst().filter { $0[2] == "dealer" }.map { $0[3] }).count)
        let network = try Self.csvRows(converted + "/kpi-network.csv")
        #expect(network.count == 2)
        #expect(FileManager.default.fileExists(atPath: converted + "/kpi-definitions.csv"))
    }

    @Test func exceptionsAndBundlesWriteWorkbooks() throws {
        let directory = try TemporaryDirectory("report-xlsx-more")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let exceptions = try Tools.run(
            "dms-report", ["exceptions", "--period", "2026-10", "--format", "xlsx", "--out", out, "--warehouse", warehouse])
        #expect(exceptions.status == 0, "\(exceptions.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/exceptions"))
        let overdue = try Self.sheetRows(out + "/exceptions.xlsx", sheet: "fleet_overdue_returns")
        #expect(overdue.joined().contains("138****5678") && !overdue.joined().contains("13812345678"))

        let bundles = try Tools.run(
            "dms-report", ["bundle", "--period", "2026-10", "--format", "csv,html,xlsx", "--out", directory.file("bundles"),
                           "--generated-at", "2026-11-01T06:00:00Z", "--warehouse", warehouse])
        #expect(bundles.status == 0, "\(bundles.stderr)")
        let manifest = try String(contentsOfFile: directory.file("bundles/2026-10/华东/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"name\": \"华东_2026-10_kpi.xlsx\""))
        // The region's workbook holds the region's kpi.csv: its dealers, its region and the network.
        let regional = try Self.sheetRows(directory.file("bundles/2026-10/华东/华东_2026-10_kpi.xlsx"), sheet: "kpi")
        #expect(regional.count > 1)
        #expect(Set(regional.dropFirst().map { $0[2] }) == ["dealer", "region", "network"])
        Self.expectSameTable(regional, try Self.csvRows(directory.file("bundles/2026-10/华东/华东_2026-10_kpi.csv")), "bundle 华东, sheet kpi")
        // Beside the dealer sheet, a region sheet with the pack's region only, and the network.
        #expect(try Self.sheetRows(directory.file("bundles/2026-10/华东/华东_2026-10_kpi.xlsx"), sheet: "region").dropFirst().map { $0[0] } == ["华东"])

        let bad = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--format", "xls", "--out", out, "--warehouse", warehouse])
        #expect(bad.status == 64 && bad.stderr.contains("xlsx"))
    }

    @Test func dmsImportLoadsWorkbooksAndRefusesLegacyOnes() throws {
        let directory = try TemporaryDirectory("import-xlsx")
        let warehouse = directory.file("w.sqlite")
        let good = try Tools.run("dms-import", ["load", "--warehouse", warehouse, Tools.repositoryRoot + "/samples/workbooks/dealers_openpyxl.xlsx"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("dealers_openpyxl.xlsx: feed=dealers read=4 inserted=4"))
        let legacy = try Tools.run("dms-import", ["load", "--warehouse", warehouse, Tools.repositoryRoot + "/samples/hostile/xlsx/dealers_legacy.xls"])
        #expect(legacy.status == 65)
        #expect(legacy.stderr.contains("save it as .xlsx or CSV"))
        let sheet = try Tools.run(
            "dms-import", ["load", "--warehouse", warehouse, "--sheet", "工单列表", "--header-row", "3", "--feed", "repair_orders",
                           "--dealer", "DLR009", "--max-reject-rate", "1", Tools.repositoryRoot + "/samples/profiles/工单导出_DLR001_20261027.xlsx"])
        // Without the profile the dictionary codes are not canonical: every row is rejected, naming sheet and row.
        #expect(sheet.stderr.contains("工单导出_DLR001_20261027.xlsx[工单列表]:4: warning: rejected: column \"ro_type\""), "\(sheet.stderr)")
    }

    /// Web portals' "Excel" exports that are XML Spreadsheet 2003 or an HTML table, through
    /// the built dms-import: read by content, title row skipped with --header-row, rejects
    /// naming the sheet or table and the row.
    @Test func legacyXLSExportsLoadThroughTheTool() throws {
        let directory = try TemporaryDirectory("import-legacy-xls")
        let warehouse = directory.file("w.sqlite")
        let samples = Tools.repositoryRoot + "/samples/workbooks/"
        let xml = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--header-row", "2", samples + "dealers_portal_DLR001.xls"])
        #expect(xml.status == 0, "\(xml.stderr)")
        #expect(xml.stdout.contains("dealers_portal_DLR001.xls: feed=dealers read=4 inserted=4"), "\(xml.stdout)")
        #expect(xml.stderr.contains("dealers_portal_DLR001.xls[经销商清单]:4: warning: cell F4 holds the error #N/A"), "\(xml.stderr)")
        let html = try Tools.run(
            "dms-import", ["load", "--warehouse", warehouse, "--header-row", "2", "--max-reject-rate", "0.5", samples + "repair_orders_portal_DLR001.xls"])
        #expect(html.stdout.contains("repair_orders_portal_DLR001.xls: feed=repair_orders read=3 inserted=2"), "\(html.stdout)")
        #expect(html.stderr.contains("repair_orders_portal_DLR001.xls[Table2]:5: warning: rejected: column \"mileage_km\""), "\(html.stderr)")
    }
}
