import Foundation
import Testing

@testable import Ledger

/// kpi.html as people read it (#15 deliverable 2): a title naming period, grouping and
/// filters; provenance in the header; a table of contents; the heat map of quartiles with
/// the rank in the region; trends at the period's own grain; only sections with data.
@Suite struct KPIPageTests {
    /// Eight dealers in two regions, each with one closed RO in October 2026.
    static func network() throws -> KPIFixture {
        let f = try KPIFixture()
        for index in 1...8 {
            try f.dealer("D\(index)", name: "经销商\(index)", region: index <= 5 ? "华东" : "华南", brand: index % 2 == 0 ? "Alpha" : "Beta")
            try f.ro("D\(index)", "R\(index)", opened: "2026-10-0\(index) 08:00:00", completed: "2026-10-0\(index) 10:00:00", invoiced: "2026-10-0\(index) 11:00:00")
            try f.labor("D\(index)", "R\(index)", "1", sale: 10_000 * Int64(index))
        }
        return f
    }

    static let october = ReportingPeriod(parsing: "2026-10")!

    func build(
        _ f: KPIFixture, period: ReportingPeriod = october, by: GroupBy = .dealer, dealers: Set<String> = [], regions: Set<String> = [],
        brands: Set<String> = [], kpis: Set<String> = [], trend: Bool = false
    ) throws -> KPIReport {
        try KPIReportBuilder(engine: f.engine()).build(.init(
            period: period, groupBy: by, dealerCodes: dealers, regions: regions, brands: brands, kpis: kpis, includesTrend: trend,
            includesDetails: kpis.isEmpty))
    }

    func title(_ html: String) -> String? {
        guard let open = html.range(of: "<h1>"), let close = html[open.upperBound...].range(of: "</h1>") else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }

    @Test func theTitleNamesPeriodGroupingAndEveryFilter() throws {
        let f = try Self.network()
        let zh = KPIHTMLRenderer(language: .zh), en = KPIHTMLRenderer(language: .en)
        let all = try build(f)
        #expect(title(zh.render(all)) == "经营指标报告 · 2026-10 · 按经销商")
        #expect(title(en.render(all)) == "KPI report · 2026-10 · by dealer")
        let region = try build(f, by: .dealer, regions: ["华东"])
        #expect(title(zh.render(region)) == "经营指标报告 · 华东 · 2026-10 · 按经销商")
        #expect(title(en.render(region)) == "KPI report · 华东 · 2026-10 · by dealer")
        #expect(en.render(region).contains("<title>KPI report · 华东 · 2026-10 · by dealer</title>"))
        let brand = try build(f, by: .region, brands: ["Alpha"])
        #expect(title(en.render(brand)) == "KPI report · Alpha · 2026-10 · by region")
        // Dealers by name, not by code.
        let dealers = try build(f, by: .network, dealers: ["D2", "D1"])
        #expect(title(zh.render(dealers)) == "经营指标报告 · 经销商1、经销商2 · 2026-10 · 全网汇总")
        #expect(title(en.render(dealers)) == "KPI report · 经销商1, 经销商2 · 2026-10 · network")
        let many = try build(f, dealers: ["D1", "D2", "D3", "D4"])
        #expect(title(en.render(many)) == "KPI report · 4 dealers · 2026-10 · by dealer")
        let quarter = try build(f, period: try #require(ReportingPeriod(parsing: "2026-Q4")), by: .brand)
        #expect(title(zh.render(quarter)) == "经营指标报告 · 2026-Q4 · 按品牌")
        // A bundle's own title still wins.
        #expect(title(en.render(all, title: "Pack <x>")) == "Pack &lt;x&gt;")
    }

    @Test func theHeaderStatesGenerationVersionAndDataThrough() throws {
        let f = try Self.network()
        let report = try build(f)
        let html = KPIHTMLRenderer(language: .en, generatedAt: "2026-11-01T06:00:00Z", toolVersion: "9.8.7").render(report)
        let header = try #require(html.components(separatedBy: "</header>").first)
        #expect(header.contains("Generated 2026-11-01T06:00:00Z"))
        #expect(header.contains("Ledger 9.8.7"))
        // Each dealer's data through its last RO (the 1st to the 8th of October).
        for index in 1...8 { #expect(header.contains("2026-10-0\(index)：经销商\(index)") || header.contains("2026-10-0\(index): 经销商\(index)")) }
        let zh = KPIHTMLRenderer(language: .zh, generatedAt: "2026-11-01T06:00:00Z").render(report)
        #expect(zh.contains("生成时间 2026-11-01T06:00:00Z") && zh.contains("Ledger 版本 \(LedgerVersion.current)") && zh.contains("数据截至 "))
    }

    /// Every link of the table of contents points at an element of the page, and every
    /// section is in it.
    @Test(arguments: [ReportLanguage.zh, .en])
    func theTableOfContentsLinksEverySection(language: ReportLanguage) throws {
        let f = try Self.network()
        for report in [try build(f), try build(f, kpis: ["service.ro_closed", "service.effective_labor_rate"])] {
            let html = KPIHTMLRenderer(language: language).render(report)
            let nav = try #require(html.components(separatedBy: "<nav id=\"contents\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            let targets = nav.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            let sections = html.components(separatedBy: "<section id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!targets.isEmpty)
            #expect(targets == sections)
            for target in targets { #expect(html.contains("id=\"\(target)\""), "no element for #\(target)") }
        }
    }

    /// With `--kpi`, only the sections of the KPIs asked for: no empty technicians, people,
    /// logistics, complaints, finance or exception sections.
    @Test func onlySectionsWithDataAskedForAreShown() throws {
        let f = try Self.network()
        let plain = try #require(KPICatalogue.standard.definitions.first { $0.family == .service && !$0.isHeadline }).id
        let html = KPIHTMLRenderer(language: .en).render(try build(f, kpis: [plain]))
        for absent in ["technicians", "people", "logistics", "complaints", "finance", "exceptions", "headlines", "heatmap", "dealers"] {
            #expect(!html.contains("<section id=\"\(absent)\""), "section \(absent) shown for --kpi \(plain)")
        }
        #expect(html.contains("<section id=\"kpis\"") && html.contains("<section id=\"footnotes\""))
        // A headline KPI asked for brings its card, heat map and comparison, still without the details.
        let headline = KPIHTMLRenderer(language: .en).render(try build(f, kpis: ["service.ro_closed"]))
        for present in ["headlines", "heatmap", "dealers", "kpis"] { #expect(headline.contains("<section id=\"\(present)\"")) }
        for absent in ["technicians", "people", "exceptions", "logistics"] { #expect(!headline.contains("<section id=\"\(absent)\"")) }
        let staff = KPIHTMLRenderer(language: .en).render(try build(f, kpis: ["staff.headcount_end"]))
        #expect(staff.contains("<section id=\"people\"") && !staff.contains("id=\"salespeople\""))
        let full = KPIHTMLRenderer(language: .en).render(try build(f))
        for present in ["technicians", "people", "logistics", "complaints", "finance", "exceptions", "headlines", "heatmap", "dealers"] {
            #expect(full.contains("<section id=\"\(present)\""), "section \(present) missing from the full page")
        }
    }

    /// The quartile class and rank of one dealer's heat-map cell for `kpi`.
    func cell(_ html: String, dealer: String, column: Int) -> String? {
        guard let row = html.components(separatedBy: "<tr data-dealer=\"\(dealer)\">").dropFirst().first?.components(separatedBy: "</tr>").first
        else { return nil }
        let cells = row.components(separatedBy: "<td class=\"num heat ").dropFirst()
        guard column < cells.count else { return nil }
        return String(cells[cells.index(cells.startIndex, offsetBy: column)].prefix { $0 != "<" })
    }

    @Test func heatMapColoursByNetworkQuartileAndRanksWithinTheRegion() throws {
        let f = try Self.network()
        var report = try build(f, regions: ["华东"])
        let higher = try #require(KPICatalogue.standard.headlines.first { $0.direction == .higherIsBetter })
        let lower = try #require(KPICatalogue.standard.headlines.first { $0.direction == .lowerIsBetter })
        report.headlines = report.headlines.filter { [higher.id, lower.id].contains($0.definition.id) }
        // Network of 8: D1…D8 = 10, 20, 30, 30, 50, 60, 70, 80 (D3 and D4 tie); D8 has no value for `lower`.
        let numbers = ["10", "20", "30", "30", "50", "60", "70", "80"]
        report.networkValues[higher.id] = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ("D\($0.offset + 1)", $0.element) })
        report.networkValues[lower.id] = Dictionary(uniqueKeysWithValues: numbers.prefix(7).enumerated().map { ("D\($0.offset + 1)", $0.element) })
        let html = KPIHTMLRenderer(language: .en).render(report)
        let columns = report.headlines.map(\.definition.id)
        let h = try #require(columns.firstIndex(of: higher.id)), l = try #require(columns.firstIndex(of: lower.id))
        // Higher is better: 80, 70 are Q1; 60, 50 Q2; 30, 30 Q3 (ties equal); 20, 10 Q4.
        // In 华东 (D1–D5: 10, 20, 30, 30, 50): D5 1/5, D3 and D4 both 2/5, D2 4/5, D1 5/5.
        let expectedHigher = ["D1": ("q4", "5/5"), "D2": ("q4", "4/5"), "D3": ("q3", "2/5"), "D4": ("q3", "2/5"), "D5": ("q2", "1/5")]
        for (dealer, (quartile, rank)) in expectedHigher {
            let text = try #require(cell(html, dealer: dealer, column: h), "no cell for \(dealer)")
            #expect(text.hasPrefix(quartile + "\""), "\(dealer): \(text)")
            #expect(html.components(separatedBy: "<tr data-dealer=\"\(dealer)\">")[1].components(separatedBy: "</tr>")[0]
                .components(separatedBy: "<td class=\"num heat ")[h + 1].contains("data-rank=\"\(rank)\""), "\(dealer) rank")
        }
        // Lower is better, the same colour for the best: of 7 values, 10 and 20 are Q1 (0 and 1 better ×4/7 < 1).
        let expectedLower = ["D1": ("q1", "1/5"), "D2": ("q1", "2/5"), "D3": ("q2", "3/5"), "D4": ("q2", "3/5"), "D5": ("q3", "5/5")]
        for (dealer, (quartile, rank)) in expectedLower {
            let row = html.components(separatedBy: "<tr data-dealer=\"\(dealer)\">")[1].components(separatedBy: "</tr>")[0]
            let text = row.components(separatedBy: "<td class=\"num heat ")[l + 1]
            #expect(text.hasPrefix(quartile + "\""), "\(dealer): \(text)")
            #expect(text.contains("data-rank=\"\(rank)\""), "\(dealer): \(text)")
        }
        // The legend names every colour and the grey of no value.
        for label in ["best quarter (Q1)", "worst quarter (Q4)", "n/a: no value, not ranked"] { #expect(html.contains(label)) }
        for colour in ReportStyle.quartileColours + [ReportStyle.noValueColour] { #expect(html.contains("background:\(colour)")) }
    }

    @Test func aDealerWithoutAValueIsGreyAndNotRanked() throws {
        let f = try Self.network()
        var report = try build(f)
        let kpi = try #require(report.headlines.first { $0.definition.direction != .neutral }).definition
        report.headlines = report.headlines.filter { $0.definition.id == kpi.id }
        report.networkValues[kpi.id] = ["D1": "1"]
        let html = KPIHTMLRenderer(language: .zh).render(report)
        let row = html.components(separatedBy: "<tr data-dealer=\"D2\">")[1].components(separatedBy: "</tr>")[0]
        #expect(row.contains("<td class=\"num heat qna\"><span class=\"na\">无</span><span class=\"sub\">未排名</span></td>"))
        let first = html.components(separatedBy: "<tr data-dealer=\"D1\">")[1].components(separatedBy: "</tr>")[0]
        #expect(first.contains("class=\"num heat q1\" data-quartile=\"1\"") && first.contains("区域内第 1/1"))
    }

    @Test func standingsCountTiesAsEqual() {
        let values = [5.0, 3, 3, 1]
        #expect(NetworkStanding.rank(of: 3, among: values, direction: .higherIsBetter) == (2, 4))
        #expect(NetworkStanding.rank(of: 1, among: values, direction: .higherIsBetter) == (4, 4))
        #expect(NetworkStanding.rank(of: 3, among: values, direction: .lowerIsBetter) == (2, 4))
        #expect(NetworkStanding.rank(of: 5, among: values, direction: .lowerIsBetter) == (4, 4))
        #expect(NetworkStanding.quartile(of: 5, among: values, direction: .higherIsBetter) == 1)
        #expect(NetworkStanding.quartile(of: 3, among: values, direction: .higherIsBetter) == 2)
        #expect(NetworkStanding.quartile(of: 1, among: values, direction: .higherIsBetter) == 4)
        #expect(NetworkStanding.quartile(of: 1, among: values, direction: .lowerIsBetter) == 1)
        #expect(NetworkStanding.quartile(of: 7, among: [7], direction: .lowerIsBetter) == 1)
        #expect(NetworkStanding.quartile(of: 7, among: [], direction: .lowerIsBetter) == nil)
    }

    @Test func trailingPeriodsFollowTheGrain() throws {
        let month = try #require(ReportingPeriod(parsing: "2026-10")).trailingPeriods
        #expect(month.count == 13 && month.first?.description == "2025-10" && month.last?.description == "2026-10")
        #expect(month == (try #require(ReportingPeriod(parsing: "2026-10"))).trailingMonths)
        let quarter = try #require(ReportingPeriod(parsing: "2026-Q3")).trailingPeriods
        #expect(quarter.map(\.description) == ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"])
        #expect(quarter.last == ReportingPeriod(parsing: "2026-Q3"))
        #expect(quarter.first?.start.description == "2024-10-01" && quarter.first?.end.description == "2024-12-31")
        let year = try #require(ReportingPeriod(parsing: "2026")).trailingPeriods
        #expect(year.map(\.description) == ["2022", "2023", "2024", "2025", "2026"])
        #expect(year.first?.end.description == "2022-12-31")
        let range = try #require(ReportingPeriod(parsing: "2026-10-01..2026-10-15")).trailingPeriods
        #expect(range.count == 13 && range.last?.description == "2026-10")
    }

    @Test(arguments: [("2026-10", 13, "2025-10", "2026-10", "13 months"), ("2026-Q4", 8, "2025-Q1", "2026-Q4", "8 quarters"), ("2026", 5, "2022", "2026", "5 years")])
    func theReportsTrendIsAtThePeriodsGrain(period: String, count: Int, first: String, last: String, span: String) throws {
        let f = try Self.network()
        let report = try build(f, period: try #require(ReportingPeriod(parsing: period)), trend: true)
        #expect(!report.trends.isEmpty)
        for (_, points) in report.trends {
            #expect(points.count == count)
            #expect(points.first?.period.description == first && points.last?.period.description == last)
        }
        // The current point is the headline value.
        let ro = try #require(report.trends["service.ro_closed"])
        #expect(ro.last?.figure.value == "8")
        let html = KPIHTMLRenderer(language: .en).render(report)
        #expect(html.contains("trend over the last \(span)"))
        #expect(html.contains("class=\"x-label\">\(first)</text>") && html.contains("class=\"x-label\">\(last)</text>"))
        #expect(html.contains("class=\"y-unit\">"))
    }

    /// Up to 8 groups: one side-by-side table (without the families that have their own
    /// section), the per-group tables for the screen only; up to 30: the per-group tables;
    /// beyond: a note pointing to kpi.csv and kpi.xlsx, so a 500-dealer page stays small.
    @Test func allKPIsAreSideBySideForFewGroupsAndLeftToTheCSVForMany() throws {
        let f = try Self.network()
        let few = KPIHTMLRenderer(language: .en).render(try build(f))
        let section = try #require(few.components(separatedBy: "<section id=\"kpis\">").dropFirst().first?.components(separatedBy: "</section>").first)
        let table = try #require(section.components(separatedBy: "<table class=\"side-by-side\">").dropFirst().first?.components(separatedBy: "</table>").first)
        #expect(table.contains("经销商8<span class=\"sub\">D8</span>"))
        #expect(table.contains("title=\"service.ro_closed\"") && !table.contains("title=\"finance.") && !table.contains("title=\"staff."))
        #expect(section.contains("<div class=\"screen-only\">") && section.contains("title=\"finance."))
        #expect(few.contains(".screen-only { display: none; }"))

        for index in 9...31 { try f.dealer("E\(index)", name: "加盟店\(index)", region: "华北") }
        let many = try build(f)
        #expect(many.groups.count == 31)
        let big = KPIHTMLRenderer(language: .en).render(many)
        let bigSection = try #require(big.components(separatedBy: "<section id=\"kpis\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(!bigSection.contains("<table"))
        #expect(bigSection.contains("31 groups: their \(DisplayValue.grouped(String(many.rows.count))) values are in kpi.csv and kpi.xlsx"))
        let some = KPIHTMLRenderer(language: .zh).render(try build(f, regions: ["华北"]))
        let someSection = try #require(some.components(separatedBy: "<section id=\"kpis\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(!someSection.contains("side-by-side") && someSection.components(separatedBy: "<table>").count - 1 == 23)
    }
}
