import Foundation
import Testing
@testable import Ledger

/// `--lang`: the HTML and the workbook in Chinese (default) or English, with names instead of
/// ids and thousands separators; the CSVs stay canonical whatever the language.
@Suite struct ReportLanguageTests {
    static func report() throws -> KPIReport {
        let f = try ReportRenderingTests.hostileFixture()
        // Enough labor to need a thousands separator: 1,234.5678 sold hours on one RO.
        try f.ro("D3", "R9", opened: "2026-10-03 08:00:00", completed: "2026-10-03 10:00:00", invoiced: "2026-10-03 11:00:00")
        try f.labor("D3", "R9", "1", sold: 12_345_678, sale: 123_456_789)
        // An RO open since the 1st: a row of open_ros_over_3_days, so that list has a table.
        try f.ro("D3", "R10", opened: "2026-10-01 08:00:00", status: "open")
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        return try KPIReportBuilder(engine: f.engine(KPIOptions(comebackDays: 45, comebackMatch: .any)))
            .build(.init(period: period, groupBy: .dealer))
    }

    @Test func chineseIsTheDefaultAndNamesReplaceIds() throws {
        let report = try Self.report()
        let html = KPIHTMLRenderer().render(report)
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<h2>核心指标</h2>") && html.contains("<h2>定义与口径说明</h2>"))
        #expect(html.contains("<td title=\"service.comeback_rate\">返修率</td>"))
        #expect(html.contains("准时交车率") && html.contains("配件毛利率") && html.contains("维修周期"))
        #expect(!html.contains("<td>service.comeback_rate</td>"), "no id as a table label")
        // Footnotes state the report's own choices in Chinese.
        #expect(html.contains("不超过 45 天") && html.contains("任意前次工单均匹配"))
        // Exception lists by name, columns by name (the canonical name as the tooltip).
        #expect(html.contains(">库龄超 60 天车辆 (") && html.contains("title=\"dealer_code\">经销商代码</th>"))
        // Numerators with thousands separators: 1,234.5678 sold hours.
        #expect(html.contains(">1,234.5678</td>"))
        #expect(!html.contains("Headline KPIs") && !html.contains("Definitions and choices"))
    }

    @Test func englishPageHasEnglishLabels() throws {
        let html = KPIHTMLRenderer(language: .en).render(try Self.report())
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h2>Headline KPIs</h2>") && html.contains("<td title=\"service.comeback_rate\">Comeback rate</td>"))
        #expect(html.contains(">Vehicles in stock over 60 days (") && html.contains("title=\"dealer_code\">Dealer code</th>"))
        #expect(html.contains("at most 45 days") && html.contains(">1,234.5678</td>"))
        #expect(!html.contains("核心指标") && !html.contains("返修率"))
    }

    @Test func csvIsTheSameInEveryLanguage() throws {
        // The CSVs do not take a language: kpi.csv names KPIs by id, exception files by column name.
        let report = try Self.report()
        let csv = KPITables.kpiCSV(report)
        #expect(csv.contains(",service.comeback_rate,") && !csv.contains("返修率"))
        for list in report.exceptions {
            #expect(KPITables.exceptionCSV(list).hasPrefix("\u{FEFF}" + list.columns.map(\.name).joined(separator: ",") + "\r\n"))
        }
    }
}
