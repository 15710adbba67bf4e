import Foundation
import Ledger
import Testing
import TestSupport

/// dms-report end to end: the built binary on a small warehouse in a temporary folder.
@Suite struct ReportCommandTests {
    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func kpiWritesEveryFormat() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--by", "region", "--format", "csv,html,json", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/kpi.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("period_start,period_end,group_by,group_key,group_name,kpi,value,numerator,denominator,unit,value_prev,value_yoy,coverage\r\n"))
        #expect(csv.contains("2026-10-01,2026-10-31,region,华东,华东,service.ro_closed,2,,,count,1,0,partial\r\n"))
        #expect(csv.contains("region,../West/东,../West/东,service.ro_closed,0,,,count,0,1,none\r\n"))
        #expect(try read(out + "/kpi.json").contains("\"group_by\": \"region\""))
        #expect(try read(out + "/kpi.html").contains("&lt;b&gt;Evil&lt;/b&gt; &amp; &quot;Sons&quot;"))
        #expect(try read(out + "/technicians.csv").contains("DLR001,上海浦东之星,T01,3.0000,2.4000,0.0000,1.2500,,,1\r\n"))
        #expect(try read(out + "/salespeople.csv").contains("period_start,period_end,dealer_code,dealer_name,salesperson_id,retail_units,"))
        #expect(try read(out + "/advisors.csv").contains("period_start,period_end,dealer_code,dealer_name,advisor_id,ro_closed,"))
        let html = try read(out + "/kpi.html")
        for section in ["logistics", "people", "complaints", "salespeople", "advisors"] { #expect(html.contains("id=\"\(section)\""), "\(section)") }
        let overdue = try read(out + "/exceptions/fleet_overdue_returns.csv")
        #expect(overdue.contains("138****5678") && !overdue.contains("13812345678") && !overdue.contains("张三"))
        #expect(try read(out + "/exceptions/ros_past_promise.csv").contains("DLR001,RO9,2026-10-25 09:00:00,2026-10-26 09:00:00,135.0,"))
    }

    @Test func filtersAndComebackOptions() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10-01..2026-10-31", "--dealer", "DLR001", "--format", "csv", "--out", out,
                           "--comeback-days", "30", "--comeback-match", "any"],
            environment: ["DMS_WAREHOUSE": warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try read(out + "/kpi.csv")
        #expect(!csv.contains("DLR002"))
        #expect(csv.contains(",dealer,DLR001,上海浦东之星,service.comeback_rate,0.5000,1,2,rate,0.0000,,partial\r\n"))
        #expect(!FileManager.default.fileExists(atPath: out + "/kpi.html"))
    }

    @Test(arguments: [
        ["kpi", "--period", "2026-13"],
        ["kpi", "--period", "2026-10", "--by", "city"],
        ["kpi", "--period", "2026-10", "--format", "pdf"],
        ["kpi", "--period", "2026-10", "--comeback-match", "vin"],
        ["kpi", "--period", "2026-10", "--jobs", "0"],
        ["bundle", "--period", "2026-10", "--out", "x", "--jobs", "0"],
        ["bundle", "--period", "2026-10", "--by", "brand", "--out", "x"],
        ["bundle", "--period", "2026-10", "--format", "pdf", "--out", "x"],
        ["kpi"],
    ])
    func badCommandLinesExit64(arguments: [String]) throws {
        let status: Int32 = 64
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let result = try Tools.run("dms-report", arguments + ["--warehouse", warehouse], in: directory.path)
        #expect(result.status == status, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func missingWarehouseExits66() throws {
        let directory = try TemporaryDirectory("report")
        let result = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--warehouse", directory.file("none.sqlite")], in: directory.path)
        #expect(result.status == 66)
        #expect(result.stderr.contains("none.sqlite"))
    }

    @Test func newerWarehouseExits78() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        try Database(path: warehouse).execute("INSERT INTO schema_migrations (id, seq) VALUES ('9999-future', 9999)")
        let result = try Tools.run("dms-report", ["exceptions", "--period", "2026-10", "--warehouse", warehouse], in: directory.path)
        #expect(result.status == 78)
    }

    @Test func exceptionsCommandWritesEveryList() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let result = try Tools.run("dms-report", ["exceptions", "--period", "2026-10", "--warehouse", warehouse, "--out", directory.file("x")])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("x/exceptions")).sorted()
        #expect(files == [
            "aged_vehicle_stock.csv", "certificates_missing.csv", "comeback_log.csv", "complaints_open_over_7_days.csv",
            "fleet_due_for_scrapping.csv", "fleet_overdue_returns.csv", "obsolete_parts.csv", "open_ros_over_3_days.csv",
            "orders_past_promised_delivery.csv", "parts_below_min.csv", "pdi_failed_open.csv", "ros_past_promise.csv",
            "vehicles_in_transit_overdue.csv", "warranty_claims_pending_over_30_days.csv", "warranty_rejections.csv",
        ])
        // The 8.1 lists have their fixed headers even when empty.
        let empty = try read(directory.file("x/exceptions/complaints_open_over_7_days.csv"))
        #expect(empty.hasSuffix("dealer_code,complaint_no,opened_at,age_days,severity,category,channel,status,customer_id,vin,ro_no,order_no\r\n"))
        #expect(empty.components(separatedBy: "\r\n").count == 2)
        #expect(try read(directory.file("x/exceptions/comeback_log.csv")).contains("DLR002,RO4,LSVAA4182E2100003,2026-10-05 09:00:00,flag,"))
    }

    @Test func bundlesPerRegionWithManifests() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("bundles")
        let result = try Tools.run(
            "dms-report", ["bundle", "--period", "2026-10", "--by", "region", "--out", out, "--warehouse", warehouse,
                           "--generated-at", "2026-11-01T06:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let regions = try FileManager.default.contentsOfDirectory(atPath: out + "/2026-10").sorted()
        #expect(regions == ["_West_东", "华东", "华南"])
        let folder = out + "/2026-10/华东"
        let manifest = try read(folder + "/manifest.json")
        #expect(manifest.contains("\"generated_at\": \"2026-11-01T06:00:00Z\""))
        #expect(manifest.contains("\"tool_version\": \"\(LedgerVersion.current)\""))
        for name in ["kpi.csv", "kpi.json", "kpi.html", "pnl.csv", "technicians.csv", "salespeople.csv", "advisors.csv", "exceptions/comeback_log.csv"]
            .map({ $0.hasPrefix("exceptions/") ? "exceptions/华东_2026-10_" + $0.dropFirst(11) : "华东_2026-10_" + $0 }) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            let digest = SHA256.hex(SHA256.digest(Array(bytes)))
            #expect(manifest.contains("{\"name\": \"\(name)\", \"size\": \(bytes.count), \"sha256\": \"\(digest)\"}"), "\(name)")
        }
        let csv = try read(folder + "/华东_2026-10_kpi.csv")
        #expect(csv.contains(",dealer,DLR001,") && !csv.contains("DLR002") && !csv.contains("DLR003"))
        let everything = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".html") }
        for file in everything {
            let text = try read(out + "/" + file)
            #expect(!text.contains("张三") && !text.contains("13812345678"), "\(file)")
        }
        // Same inputs, same generation time: byte-identical bundles.
        let again = directory.file("again")
        _ = try Tools.run("dms-report", ["bundle", "--period", "2026-10", "--out", again, "--warehouse", warehouse, "--generated-at", "2026-11-01T06:00:00Z"])
        #expect(try read(again + "/2026-10/华东/manifest.json") == manifest)
    }

    @Test func catalogueListsEveryKPI() throws {
        let result = try Tools.run("dms-report", ["catalogue"])
        #expect(result.status == 0)
        for definition in KPICatalogue.standard.definitions { #expect(result.stdout.contains(definition.id + "  [")) }
    }
}
