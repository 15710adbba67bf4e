import Foundation
import Testing
@testable import Ledger

/// kpi.csv format, HTML escaping, regional bundles and the generated catalogue document.
@Suite struct ReportRenderingTests {
    static func hostileFixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1", name: "=HYPERLINK(\"http://x\")", region: "../evil", brand: "B")
        try f.dealer("D2", name: "<script>alert('x')</script> & Co", region: "a/b", brand: "B")
        try f.dealer("D3", name: "华东一店", region: "East Region", brand: "B")
        try f.dealer("D4", name: "华东二店", region: "华东", brand: "B")
        try f.dealer("D5", name: "slash", region: "a_b", brand: "B")
        try f.ro("D1", "R1", opened: "2026-10-01 08:00:00", completed: "2026-10-01 10:00:00", invoiced: "2026-10-01 11:00:00")
        try f.labor("D1", "R1", "1", sale: 12_345)
        try f.order("D4", "O1", ordered: "2026-09-01", delivered: "2026-10-02", promised: "2026-10-01", price: 100, cost: 600)
        return f
    }

    @Test func kpiCSVFollowsTheContract() throws {
        let f = try Self.hostileFixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let report = try KPIReportBuilder(engine: f.engine()).build(.init(period: period, groupBy: .dealer, includesTrend: false))
        let csv = KPITables.kpiCSV(report)
        #expect(csv.hasPrefix("\u{FEFF}period_start,period_end,group_by,group_key,group_name,kpi,value,numerator,denominator,unit,value_prev,value_yoy,coverage\r\n"))
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count == 1 + 5 * KPICatalogue.standard.definitions.count)
        // Formula guard on text, never on numbers.
        #expect(lines.contains("2026-10-01,2026-10-31,dealer,D1,\"'=HYPERLINK(\"\"http://x\"\")\",service.ro_closed,1,,,count,0,0,partial"))
        #expect(lines.contains("2026-10-01,2026-10-31,dealer,D4,华东二店,sales.new_front_gross_per_unit,-5.00,-5.00,1,money,,,partial"))
        // A 0 ÷ 0 ratio: empty value, numerator and denominator 0.
        #expect(lines.contains("2026-10-01,2026-10-31,dealer,D1,\"'=HYPERLINK(\"\"http://x\"\")\",service.promised_time_met_rate,,0,0,rate,,,partial"))
        #expect(lines.contains("2026-10-01,2026-10-31,dealer,D1,\"'=HYPERLINK(\"\"http://x\"\")\",service.effective_labor_rate,123.45,123.45,1.0000,money,,,partial"))
    }

    @Test func htmlEscapesEveryValueAndStatesItsChoices() throws {
        let f = try Self.hostileFixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let options = KPIOptions(comebackDays: 45, comebackMatch: .any)
        let report = try KPIReportBuilder(engine: f.engine(options)).build(.init(period: period, groupBy: .region))
        let html = KPIHTMLRenderer(language: .en).render(report)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("../evil"))
        #expect(html.contains("华东二店"))
        #expect(html.contains("at most 45 days"))
        #expect(html.contains("any earlier RO matches"))
        #expect(html.contains("Microsoft YaHei") && html.contains("PingFang SC") && html.contains("Noto Sans CJK SC") && html.contains("WenQuanYi Micro Hei"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("src=") && !html.contains("<link"))
        #expect(html.components(separatedBy: "<svg").count - 1 == KPICatalogue.standard.headlines.count)
        #expect(HTMLEscape.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    }

    @Test func bundlesHaveSafeDistinctFoldersAndTrueManifests() throws {
        let f = try Self.hostileFixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let packs = try ReportPackBuilder(builder: KPIReportBuilder(engine: f.engine()), period: period, today: nil, requiresActivity: false)
        let bundles = RegionalBundles(digest: { "n\($0.count)" }, toolVersion: "9.9.9")
        let options = RegionalBundles.Options(generatedAt: "2026-11-01T06:00:00Z", zip: true)
        let keys = packs.keys(by: .region)
        let folderNames = RegionalBundles.folderNames(for: keys)
        #expect(folderNames == ["_evil", "East Region", "a_b", "a_b-2", "华东"])
        var files: [BundleFile] = []
        for (key, folder) in zip(keys, folderNames) {
            files += try bundles.files(for: try packs.pack(by: .region, key: key), folder: folder, period: period, options: options)
        }
        let folders = Set(files.filter { !$0.path.hasSuffix(".zip") }.map { $0.path.split(separator: "/").prefix(2).joined(separator: "/") })
        #expect(folders == ["2026-10/_evil", "2026-10/a_b", "2026-10/a_b-2", "2026-10/East Region", "2026-10/华东"])
        #expect(Set(files.filter { $0.path.hasSuffix(".zip") }.map(\.path))
            == ["2026-10/_evil_2026-10.zip", "2026-10/a_b_2026-10.zip", "2026-10/a_b-2_2026-10.zip", "2026-10/East Region_2026-10.zip", "2026-10/华东_2026-10.zip"])
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(!parts.contains("..") && !parts.contains("") && !parts.contains("."), "\(file.path)")
        }
        // The region "../evil" holds D1 only; its CSV never names another region's dealer,
        // and ends with its region's row and the network's.
        let evilCSV = try #require(files.first { $0.path == "2026-10/_evil/_evil_2026-10_kpi.csv" })
        #expect(evilCSV.contents.contains(",dealer,D1,") && !evilCSV.contents.contains(",D2,"))
        #expect(evilCSV.contents.contains(",region,../evil,../evil,service.ro_closed,1,") && !evilCSV.contents.contains(",region,a/b,"))
        #expect(evilCSV.contents.contains(",network,network,network,service.ro_closed,1,"))
        let manifest = try #require(files.first { $0.path == "2026-10/华东/manifest.json" })
        #expect(manifest.contents.contains("\"region\": \"华东\""))
        #expect(manifest.contents.contains("\"generated_at\": \"2026-11-01T06:00:00Z\""))
        #expect(manifest.contents.contains("\"tool_version\": \"9.9.9\""))
        let sums = try #require(files.first { $0.path == "2026-10/华东/SHA256SUMS" })
        var listed = 0
        for file in files where file.path.hasPrefix("2026-10/华东/") && !file.path.hasSuffix("SHA256SUMS") {
            let name = String(file.path.dropFirst("2026-10/华东/".count))
            if name != "manifest.json" {
                #expect(manifest.contents.contains("{\"name\": \"\(name)\", \"size\": \(file.bytes.count), \"sha256\": \"n\(file.bytes.count)\"}"))
            }
            #expect(sums.contents.contains("n\(file.bytes.count)  \(name)\n"), "\(name)")
            listed += 1
        }
        #expect(sums.contents.split(separator: "\n").count == listed)
    }

    @Test func dealerPacksKeepToTheirDealer() throws {
        let f = try Self.hostileFixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let packs = try ReportPackBuilder(builder: KPIReportBuilder(engine: f.engine()), period: period, today: nil, requiresActivity: false)
        #expect(packs.keys(by: .dealer) == ["D1", "D2", "D3", "D4", "D5"])
        let pack = try packs.pack(by: .dealer, key: "D4")
        #expect(pack.report.dealers.map(\.code) == ["D4"] && pack.region == "华东" && pack.name == "华东二店")
        #expect(pack.comparisons.map(\.groupBy) == [.region, .network])
        #expect(pack.comparisons[0].groups.map(\.key) == ["华东"] && Set(pack.comparisons[0].rows.map(\.group.key)) == ["华东"])
        #expect(pack.ledgers.map(\.groupBy) == [.dealer] && pack.ledgers[0].sections.map(\.group.key) == ["D4"])
        let files = try RegionalBundles(digest: { "n\($0.count)" }).files(
            for: pack, folder: "D4", period: period, options: .init(generatedAt: "2026-11-01T06:00:00Z"))
        let csv = try #require(files.first { $0.path == "2026-10/dealers/D4/D4_2026-10_kpi.csv" })
        #expect(csv.contents.contains(",dealer,D4,华东二店,") && !csv.contents.contains(",dealer,D3,"))
        #expect(!files.contains { $0.path.hasSuffix(".zip") })
        let region = try packs.pack(by: .region, key: "华东")
        #expect(region.ledgers.map(\.groupBy) == [.dealer, .region])
    }

    @Test func phonesAreMasked() {
        #expect(PersonalData.maskedPhone("13812345678") == "138****5678")
        #expect(PersonalData.maskedPhone("138 1234 5678") == "138****5678")
        #expect(PersonalData.maskedPhone("12345") == "****")
        #expect(PersonalData.maskedPhone("") == "")
    }

    @Test func docsMatchTheCatalogue() throws {
        let root = String(#filePath).components(separatedBy: "/Tests/LedgerTests/").first ?? "."
        let path = root + "/docs/kpis.md"
        let committed = try #require(Self.read(path), "missing \(path)")
        #expect(committed == KPICatalogueText.markdown(.standard), "docs/kpis.md is stale: run `dms-report catalogue --markdown > docs/kpis.md`")
    }

    @Test func catalogueCoversSectionTen() {
        let ids = KPICatalogue.standard.definitions.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 10 + 9 + 13 + 29 + 45 + 12 + 7 + 5 + 4)
        #expect(ids.count == 134)
        // The new ids of kpis.md 10 in their places.
        #expect(Array(ids.drop { $0 != "parts.obsolete_share" }.prefix(3)) == ["parts.obsolete_share", "parts.below_min_share", "parts.gross_margin"])
        #expect(Array(ids.drop { $0 != "service.warranty_days_to_decision_median" }.prefix(3))
            == ["service.warranty_days_to_decision_median", "service.warranty_recovery_rate", "service.csi_score"])
        #expect(Array(ids.drop { $0 != "fleet.vehicles" }) == [
            "fleet.vehicles", "fleet.utilization", "fleet.overdue_return_rate", "fleet.km_per_booking", "fleet.maintenance_cost",
            "fleet.due_for_scrapping", "fleet.disposals", "fleet.disposals.scrap", "fleet.disposals.sale", "fleet.disposals.auction",
            "fleet.disposals.return_to_oem", "fleet.disposal_proceeds",
            "logistics.in_transit_units_end", "logistics.transit_days_median", "logistics.late_arrival_rate",
            "logistics.transport_damage_rate", "logistics.pdi_first_pass_rate", "logistics.certificate_missing_units_end",
            "logistics.freight_cost_per_unit",
            "staff.headcount_end", "staff.headcount_end.technician", "staff.headcount_end.advisor", "staff.headcount_end.sales",
            "staff.turnover_rate",
            "crm.complaints_per_100_ros", "crm.complaint_resolution_hours_median", "crm.complaints_closed_within_48h_rate",
            "crm.complaint_satisfaction_rate",
        ])
        #expect(KPICatalogue.standard.definition("fleet.km_per_booking")?.unit.rawValue == "km")
        #expect(KPICatalogue.standard.definition("crm.complaints_per_100_ros")?.unit.rawValue == "per_100")
        for id in ["finance.absorption_rate", "finance.expenses.semi_fixed", "parts.gross_margin.counter", "service.labor_gross_margin.insurance", "service.hours_per_ro.internal", "fleet.due_for_scrapping"] {
            #expect(ids.contains(id))
        }
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}
