import Foundation
import Testing
@testable import Ledger
import TestSupport

/// `.xls` files that are really XML Spreadsheet 2003 or an HTML table (web DMS portals'
/// "Excel" exports): read by content like a workbook — sheet, header row, value rules,
/// rejects naming `file[sheet]:row` — and refused with a clear message when hostile.
@Suite struct LegacyWorkbookTests {
    static var samples: String { Tools.repositoryRoot + "/samples/workbooks" }
    static var spreadsheetML: String { samples + "/dealers_portal_DLR001.xls" }
    static var html: String { samples + "/repair_orders_portal_DLR001.xls" }

    static func rows(_ path: String, sheet: String? = nil) throws -> (rows: [(Int, [String])], warnings: [String]) {
        let reader = try LegacyWorkbookRowReader(path: path, sheet: sheet)
        var rows: [(Int, [String])] = []
        while let row = try reader.next() { rows.append(row) }
        return (rows, reader.warnings.map { "\($0.row): \($0.message)" })
    }

    static func write(_ text: String, _ name: String = "t.xls", encoding: String.Encoding = .utf8) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory("legacy-xls")
        let path = try directory.write(name, bytes: Array(text.utf8))
        return (directory, path)
    }

    static func failure(_ text: String, sheet: String? = nil) throws -> String {
        let (directory, path) = try write(text)
        defer { withExtendedLifetime(directory) {} }
        do {
            _ = try rows(path, sheet: sheet)
        } catch let error as FeedFileError {
            return error.description
        }
        return "no error"
    }

    // MARK: XML Spreadsheet 2003

    @Test func spreadsheetMLCellsReadAsTheXLSXReaderGivesThem() throws {
        #expect(WorkbookSniffer.kind(path: Self.spreadsheetML) == .spreadsheetML)
        let (rows, warnings) = try Self.rows(Self.spreadsheetML)
        #expect(rows.map(\.0) == [1, 2, 3, 4, 6, 7])
        #expect(rows[0].1 == ["经销商清单 导出时间：2026-10-27 09:15"])
        #expect(rows[1].1 == ["经销商代码", "经销商名称", "大区", "小区", "省份", "城市", "品牌", "开业日期", "status"])
        // Rich text joined; the comment is not cell text; DateTime at midnight is a date.
        #expect(rows[2].1 == ["001001", "星辰汽车 浦东店", "华东", "上海", "上海", "上海", "Aurora", "2015-03-18", "营业"])
        #expect(rows[3].1[5] == "" && rows[3].1[1] == "南方之星 广州店 & 服务站")
        #expect(warnings == ["4: cell F4 holds the error #N/A; read as empty"])
        // ss:Index skips cells (missing cells are empty) and rows (row 5 does not exist).
        #expect(rows[4].1 == ["001003", "北辰 北京店", "华北", "", "", "", "Aurora", "2018-01-09"])
        #expect(rows[5].1[1] == "Closed & Co. <test>")
    }

    @Test func spreadsheetMLSheetsAreChosenByNameAndNumbersBooleansRead() throws {
        let (rows, _) = try Self.rows(Self.spreadsheetML, sheet: "说明")
        #expect(rows.map(\.1) == [["字段", "说明"], ["开业日期", "1", "TRUE", "0.3"]])
        #expect(throws: FeedFileError.self) { _ = try Self.rows(Self.spreadsheetML, sheet: "Sheet9") }
        let message = try Self.failure(String(decoding: try Data(contentsOf: URL(fileURLWithPath: Self.spreadsheetML)), as: UTF8.self), sheet: "nope")
        #expect(message.contains("no sheet \"nope\" (sheets: \"经销商清单\", \"说明\")"), "\(message)")
    }

    @Test func spreadsheetMLDateTimesKeepTheirTime() throws {
        let text = """
            <?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="DateTime">2026-10-01T08:30:00.000</Data></Cell>
            <Cell><Data ss:Type="DateTime">2026-10-01T16:45:30.500</Data></Cell><Cell><Data ss:Type="Number">1.5E-3</Data></Cell>
            <Cell><Data ss:Type="Boolean">0</Data></Cell></Row></Table></Worksheet></Workbook>
            """
        let (directory, path) = try Self.write(text)
        defer { withExtendedLifetime(directory) {} }
        let (rows, _) = try Self.rows(path)
        #expect(rows.first?.1 == ["2026-10-01 08:30:00", "2026-10-01 16:45:30.500", "0.0015", "FALSE"])
    }

    @Test(arguments: [
        ("<!DOCTYPE Workbook [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Workbook><Worksheet><Table><Row><Cell><Data>&x;</Data></Cell></Row></Table></Worksheet></Workbook>", "DOCTYPE"),
        ("<Workbook><Worksheet><Table><Row ss:Index=\"1048577\" xmlns:ss=\"s\"><Cell><Data>a</Data></Cell></Row></Table></Worksheet></Workbook>", "beyond Excel's last row"),
        ("<Workbook xmlns:ss=\"s\"><Worksheet><Table><Row><Cell ss:Index=\"16385\"><Data>a</Data></Cell></Row></Table></Worksheet></Workbook>", "beyond column XFD"),
        ("<Workbook xmlns:ss=\"s\"><Worksheet><Table><Row><Cell ss:Index=\"3\"><Data>a</Data></Cell><Cell ss:Index=\"2\"><Data>b</Data></Cell></Row></Table></Worksheet></Workbook>", "out of order"),
        ("<Workbook xmlns:ss=\"s\"><Worksheet><Table><Row ss:Index=\"5\"><Cell><Data>a</Data></Cell></Row><Row ss:Index=\"2\"/></Table></Worksheet></Workbook>", "out of order"),
        ("<Workbook><Styles/></Workbook>", "no worksheets"),
        ("<Workbook><Worksheet><Table><Row><Cell><Data>a</Data></Cell></Row>", "malformed XML"),
    ])
    func hostileSpreadsheetMLFailsTheFile(text: String, message: String) throws {
        let failure = try Self.failure("<?xml version=\"1.0\"?>" + text)
        #expect(failure.lowercased().contains(message.lowercased()), "\(failure)")
    }

    // MARK: HTML tables

    @Test func htmlTablesReadInGBKWithEntitiesLayoutTablesAndImpliedEndTags() throws {
        #expect(WorkbookSniffer.kind(path: Self.html) == .html)
        let (rows, _) = try Self.rows(Self.html)
        #expect(rows.map(\.0) == [1, 2, 3, 4, 5])
        #expect(rows[0].1 == ["维修工单导出 DLR001 2026-10"])
        #expect(rows[1].1 == ["经销商代码", "工单号", "车架号", "开单时间", "竣工时间", "进厂里程", "工单类型", "工单状态", "返工", "故障描述"])
        #expect(rows[2].1[9] == "定期保养，更换机油")
        #expect(rows[3].1 == ["DLR001", "RO-H-0002", "LSVAM4183RN100001", "2026-10-02 09:00", "", "20,000", "维修", "在修", "是", "异响 & 抖动\n客户要求\n加急"])
        #expect(rows[4].1[0] == "DLR001" && rows[4].1[9] == "<script>alert(1)</script>")
    }

    @Test func htmlTablesAreChosenAsTableN() throws {
        let text = "<html><body><table><tr><td>a</td></tr></table><p>x</p><table><tr><td>b</td><td>c</td></tr></table></body></html>"
        let (directory, path) = try Self.write(text)
        defer { withExtendedLifetime(directory) {} }
        #expect(try Self.rows(path).rows.map(\.1) == [["a"]])
        #expect(try Self.rows(path, sheet: "Table2").rows.map(\.1) == [["b", "c"]])
        #expect(try Self.failure(text, sheet: "Table3").contains("no table \"Table3\" (tables: Table1, Table2)"))
        #expect(try Self.failure(text, sheet: "Dealers").contains("Table1, Table2, …"))
    }

    @Test func htmlTextRulesEntitiesColspanAndScripts() throws {
        let text = """
            <html><table><tr><td>a<script>x="</td><td>"</script>b</td><td colspan="2">c</td><td>&#x4E2D;&#25991; &unknown; & &#99999999; &lt;</td>
            <td><!-- </td> -->d</td><td>  two   words\n</td></tr></table></html>
            """
        let (directory, path) = try Self.write(text)
        defer { withExtendedLifetime(directory) {} }
        #expect(try Self.rows(path).rows.first?.1 == ["ab", "c", "", "中文 &unknown; & \u{FFFD} <", "d", "two words"])
    }

    @Test(arguments: [
        ("<html><table><tr><td>a</td><td>b", "ends inside a <table>"),
        ("<html><body><p>no table</p></body></html>", "holds no <table>"),
        ("<html><table><tr><td>" + String(repeating: "x", count: (1 << 20) + 1) + "</td></tr></table></html>", "more than 1048576 bytes"),
        ("<html>" + String(repeating: "<table><tr><td>", count: 40) + "x", "nested more than 32 deep"),
        ("<html><table><tr><td " + String(repeating: "a", count: 70_000) + ">x</td></tr></table></html>", "longer than 65536 bytes"),
        ("<html><table><tr><td colspan=99999>a</td><td colspan=9999>b</td></tr></table></html>", "more than 16384 cells"),
    ])
    func hostileHTMLFailsTheFile(text: String, message: String) throws {
        let failure = try Self.failure(text)
        #expect(failure.contains(message), "\(failure.prefix(300))")
    }

    // MARK: Through the importer

    @Test func aSpreadsheetMLExportLoadsThroughTheImporter() throws {
        let loaded = try XLSXImportTests.load([Self.spreadsheetML]) { $0.headerRow = 2 }
        let summary = try #require(loaded.summaries.first)
        #expect(summary.outcome == .loaded && summary.feed == "dealers", "\(loaded.messages)")
        #expect(summary.rowsRead == 4 && summary.inserted == 4 && summary.rejected == 0)
        let rows = try loaded.database.rows("SELECT dealer_code, name, city, opened_on, status FROM dealers ORDER BY dealer_code").map(\.values)
        #expect(rows[0] == [.text("001001"), .text("星辰汽车 浦东店"), .text("上海"), .text("2015-03-18"), .text("active")])
        #expect(rows[1][2] == .null && rows[3][4] == .text("closed"))
        #expect(loaded.messages.contains { $0.contains("dealers_portal_DLR001.xls[经销商清单]:4: warning: cell F4 holds the error #N/A; read as empty") }, "\(loaded.messages)")
    }

    @Test func anHTMLExportLoadsWithRejectsNamingTableAndRow() throws {
        let loaded = try XLSXImportTests.load([Self.html]) { $0.headerRow = 2 }
        let summary = try #require(loaded.summaries.first)
        #expect(summary.feed == "repair_orders" && summary.rowsRead == 3 && summary.inserted == 2 && summary.rejected == 1, "\(loaded.messages)")
        #expect(loaded.messages.contains { $0.contains("repair_orders_portal_DLR001.xls[Table2]:5: warning: rejected: column \"mileage_km\"") }, "\(loaded.messages)")
        let rows = try loaded.database.rows("SELECT ro_no, opened_at, completed_at, mileage_km, ro_type, status, comeback_flag FROM repair_orders ORDER BY ro_no").map(\.values)
        #expect(rows[0] == [.text("RO-H-0001"), .text("2026-10-01 08:30:00"), .text("2026-10-01 16:45:30"), .integer(10500), .text("maintenance"), .text("completed"), .integer(0)])
        #expect(rows[1][2] == .null && rows[1][3] == .integer(20000) && rows[1][6] == .integer(1))
    }
}
