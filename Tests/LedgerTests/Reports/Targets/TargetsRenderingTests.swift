import Foundation
import TestSupport
import Testing

@testable import Ledger

/// Traffic lights in kpi.html (class, symbol, footnote) and kpi.xlsx (fill and symbol of the
/// value cells, the `targets` sheet).
@Suite struct TargetsRenderingTests {
    /// Effective labor rate 300.00 (= target: green), 270.00 (= target − band: amber) and
    /// 269.99 (red) for three dealers, with 1 sold hour each.
    static func report(_ groupBy: GroupBy = .dealer) throws -> KPIReport {
        let f = try KPIFixture()
        try f.dealer("D1", region: "East", brand: "A")
        try f.dealer("D2", region: "West", brand: "A")
        try f.dealer("D3", region: "West", brand: "B")
        for (dealer, sale) in [("D1", Int64(30_000)), ("D2", 27_000), ("D3", 26_999)] {
            try f.ro(dealer, "R1", opened: "2026-10-01 08:00:00", completed: "2026-10-01 10:00:00", invoiced: "2026-10-01 11:00:00")
            try f.labor(dealer, "R1", "1", sale: sale)
        }
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        return try KPIReportBuilder(engine: f.engine()).build(.init(period: period, groupBy: groupBy, includesTrend: false))
    }

    static func targets(_ extra: String = "") throws -> KPITargets {
        let text = "[kpi.\"service.effective_labor_rate\"]\ntarget = 300\namber = 30\n" + extra
        return try KPITargets(toml: Array(text.utf8), file: "/home/analyst/conf/targets.toml")
    }

    @Test func htmlLightsValueCellsWithClassSymbolAndFootnote() throws {
        let report = try Self.report()
        let html = KPIHTMLRenderer(language: .en, targets: try Self.targets()).render(report)
        #expect(html.contains("<span class=\"light t-green\" title=\"on target · target ≥ 300, amber 270 – 300\"><span class=\"sym\" aria-hidden=\"true\">●</span>300.00</span>"))
        #expect(html.contains("<span class=\"light t-amber\" title=\"near target · target ≥ 300, amber 270 – 300\"><span class=\"sym\" aria-hidden=\"true\">▲</span>270.00</span>"))
        #expect(html.contains("<span class=\"light t-red\" title=\"off target · target ≥ 300, amber 270 – 300\"><span class=\"sym\" aria-hidden=\"true\">■</span>269.99</span>"))
        // The footnote: the rule, the file by name only (no local folders), the thresholds.
        #expect(html.contains("<li id=\"targets\">Targets from targets.toml: ● green = meets the target"))
        #expect(!html.contains("/home/analyst"))
        #expect(html.contains("● ≥ 300 · ▲ 270 – 300 · ■ &lt; 270"))
        #expect(html.contains(".t-green {") && html.contains(".t-amber {") && html.contains(".t-red {"))
        // Only KPIs with a target are lit: its value for each dealer in the per-group tables (3),
        // in the side-by-side table the print keeps (3), in the dealer comparison (3), and the
        // headline card (1).
        #expect(html.components(separatedBy: "class=\"light t-").count - 1 == 3 + 3 + 3 + 1)
        let sideBySide = try #require(html.components(separatedBy: "<table class=\"side-by-side\">").dropFirst().first)
        #expect(sideBySide.components(separatedBy: "</table>")[0].components(separatedBy: "class=\"light t-").count - 1 == 3)
        let chinese = KPIHTMLRenderer(language: .zh, targets: try Self.targets()).render(report)
        #expect(chinese.contains("目标取自 targets.toml") && chinese.contains("title=\"达标 · 目标 ≥ 300，黄区 270 – 300\""))
    }

    @Test func onlyTheThresholdsOfTheKPIsShownAreStated() throws {
        let targets = try Self.targets("[kpi.\"service.comeback_rate\"]\ntarget = 0.05\namber = 0.01\n")
        let all = KPIHTMLRenderer(language: .en, targets: targets).render(try Self.report())
        #expect(all.contains("<span class=\"sub-id\">service.comeback_rate</span>"))
        // Under `--kpi` the page shows one KPI: the footnote and the workbook's `targets` sheet
        // state that KPI's threshold only.
        let f = try KPIFixture()
        try f.dealer("D1", region: "East", brand: "A")
        try f.ro("D1", "R1", opened: "2026-10-01 08:00:00", completed: "2026-10-01 10:00:00", invoiced: "2026-10-01 11:00:00")
        try f.labor("D1", "R1", "1", sale: 30_000)
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let one = try KPIReportBuilder(engine: f.engine()).build(.init(
            period: period, kpis: ["service.effective_labor_rate"], includesTrend: false, includesDetails: false))
        let html = KPIHTMLRenderer(language: .en, targets: targets).render(one)
        #expect(html.contains("<span class=\"sub-id\">service.effective_labor_rate</span>"))
        #expect(!html.contains("<span class=\"sub-id\">service.comeback_rate</span>"))
        let directory = try TemporaryDirectory()
        let path = directory.path + "/kpi.xlsx"
        try Data(try KPIWorkbook.render(one, language: .en, targets: targets)).write(to: URL(fileURLWithPath: path))
        // The `targets` sheet is the workbook's last.
        let last = try #require(try ZipParts.names(in: path).filter { $0.hasPrefix("xl/worksheets/sheet") }
            .max { Int($0.dropFirst(19).dropLast(4)) ?? 0 < Int($1.dropFirst(19).dropLast(4)) ?? 0 })
        let targetsSheet = String(decoding: try ZipParts.bytes(of: last, in: path), as: UTF8.self)
        #expect(targetsSheet.contains("service.effective_labor_rate"))
        #expect(!targetsSheet.contains("service.comeback_rate"))
    }

    @Test func withoutTargetsNothingIsLit() throws {
        let html = KPIHTMLRenderer(language: .en).render(try Self.report())
        #expect(!html.contains("class=\"light") && !html.contains("id=\"targets\""))
    }

    @Test func aRegionOverrideLightsItsDealersAndItsRegionRow() throws {
        // West's target is 260: D2 (270) and D3 (269.99) are green there; D1 stays on 300.
        let targets = try Self.targets("[kpi.\"service.effective_labor_rate\".region.West]\ntarget = 260\n")
        let html = KPIHTMLRenderer(language: .en, targets: targets).render(try Self.report(.region))
        // Region rows: West (539.99 ÷ 2 = 269.995 → 270.00 printed) against 260, East (300.00) against 300.
        #expect(html.contains("title=\"on target · target ≥ 260, amber 230 – 260 (region West)\"><span class=\"sym\" aria-hidden=\"true\">●</span>270.00</span>"))
        #expect(html.contains("title=\"on target · target ≥ 300, amber 270 – 300\"><span class=\"sym\" aria-hidden=\"true\">●</span>300.00</span>"))
        #expect(html.contains("; region West: ● ≥ 260 · ▲ 230 – 260 · ■ &lt; 230"))
    }

    /// The `<c>` element of `reference` (`C2`) in a worksheet part.
    static func cell(_ reference: String, in sheet: String) -> String? {
        guard let start = sheet.range(of: "<c r=\"\(reference)\"") else { return nil }
        guard let end = sheet.range(of: "</c>", range: start.upperBound..<sheet.endIndex) else { return nil }
        return String(sheet[start.lowerBound..<end.upperBound])
    }

    /// The fill colour and number format code of a cell style, read from styles.xml as a
    /// client would: `cellXfs[s]` → its fillId and numFmtId.
    static func style(_ index: Int, in styles: String) throws -> (fill: String?, format: String?) {
        let xfs = try #require(styles.components(separatedBy: "<cellXfs").last).components(separatedBy: "<xf ").dropFirst()
        let xf = Array(xfs)[index]
        func attribute(_ name: String, _ text: String) -> String? {
            guard let range = text.range(of: " \(name)=\"") ?? text.range(of: "\(name)=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        let fillID = try #require(Int(attribute("fillId", xf) ?? ""))
        let fills = try #require(styles.components(separatedBy: "<fills").last?.components(separatedBy: "</fills>").first)
            .components(separatedBy: "<fill>").dropFirst()
        let fill = attribute("rgb", Array(fills)[fillID])
        let formatID = attribute("numFmtId", xf) ?? ""
        let format = styles.components(separatedBy: "<numFmt ").dropFirst().first { attribute("numFmtId", $0) == formatID }
            .flatMap { attribute("formatCode", $0) }
        return (fill, format)
    }

    @Test func workbookFillsValueCellsAndStatesTheRule() throws {
        let report = try Self.report()
        let bytes = try KPIWorkbook.render(report, language: .en, targets: try Self.targets())
        let directory = try TemporaryDirectory()
        let path = directory.path + "/kpi.xlsx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let sheet = String(decoding: try ZipParts.bytes(of: "xl/worksheets/sheet1.xml", in: path), as: UTF8.self)
        let styles = String(decoding: try ZipParts.bytes(of: "xl/styles.xml", in: path), as: UTF8.self)
        let header = report.rows.filter { $0.group.key == "D1" }.map(\.definition.id)
        let column = WorkbookWriter.columnName(2 + (try #require(header.firstIndex(of: "service.effective_labor_rate"))))
        var seen: [String] = []
        for (row, colour, symbol) in [(2, "FFCCEBE0", "●"), (3, "FFFBE3B3", "▲"), (4, "FFF6CBB3", "■")] {
            let c = try #require(Self.cell("\(column)\(row)", in: sheet))
            let s = try #require(Int(c.components(separatedBy: "s=\"").last?.prefix { $0 != "\"" } ?? ""))
            let style = try Self.style(s, in: styles)
            #expect(style.fill == colour, "\(c)")
            #expect(style.format == "&quot;\(symbol) &quot;#,##0.00", "\(c)")
            seen.append(c)
        }
        #expect(seen[0].contains("<v>300.00</v>") && seen[2].contains("<v>269.99</v>"))
        // A KPI without a target keeps its plain style (no fill).
        let plainColumn = WorkbookWriter.columnName(2 + (try #require(header.firstIndex(of: "service.labor_gross_margin"))))
        if let plain = Self.cell("\(plainColumn)2", in: sheet) {
            let s = try #require(Int(plain.components(separatedBy: "s=\"").last?.prefix { $0 != "\"" } ?? ""))
            #expect(try Self.style(s, in: styles).fill == nil)
        }
        // The targets sheet is the last one, with the rule.
        let names = try ZipParts.names(in: path).filter { $0.hasPrefix("xl/worksheets/") }
        let last = String(decoding: try ZipParts.bytes(of: try #require(names.last), in: path), as: UTF8.self)
        #expect(last.contains("service.effective_labor_rate") && last.contains("≥ 300") && last.contains("270 – 300") && last.contains("Targets from targets.toml"))
        let workbook = String(decoding: try ZipParts.bytes(of: "xl/workbook.xml", in: path), as: UTF8.self)
        #expect(workbook.contains("<sheet name=\"targets\""))
    }
}
