import Foundation
import Ledger
import Testing
import TestSupport

/// Coverage, periods without data, filters that match nothing, and the read-only door.
@Suite struct ReportScopeTests {
    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func coverageIsTheLastColumnAndAGroupIsItsWorstDealer() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--format", "csv,json,html", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try read(out + "/kpi.csv")
        #expect(csv.hasPrefix("period_start,period_end,group_by,group_key,group_name,kpi,value,numerator,denominator,unit,value_prev,value_yoy,coverage\r\n"))
        func coverage(_ key: String) -> Set<String> {
            Set(csv.components(separatedBy: "\r\n").filter { $0.contains(",dealer,\(key),") }.compactMap { $0.split(separator: ",").last.map(String.init) })
        }
        // DLR001's repair orders stop on 2026-10-25 (6 days before the end): partial.
        #expect(coverage("DLR001") == ["partial"])
        // DLR002 has an RO opened 2026-10-05: nothing expected is late? Its data stops 2026-10-06 → partial.
        #expect(coverage("DLR002") == ["partial"])
        // DLR003 has nothing dated in October 2026: none.
        #expect(coverage("DLR003") == ["none"])
        let network = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--by", "network", "--format", "csv", "--out", out + "/n", "--warehouse", warehouse])
        #expect(network.status == 0)
        #expect(try read(out + "/n/kpi.csv").components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.allSatisfy { $0.hasSuffix(",none") })
        let json = try read(out + "/kpi.json")
        #expect(json.contains("{\"dealer_code\": \"DLR001\", \"coverage\": \"partial\", \"data_through\": \"2026-10-25\""))
        let html = try read(out + "/kpi.html")
        // In the page's default language, Chinese.
        #expect(html.contains("<span class=\"coverage partial\">不完整</span><span class=\"sub\">数据截至 2026-10-25</span>"))
        #expect(html.contains("<span class=\"coverage none\">无数据</span>"))
    }

    @Test func aPeriodWithoutActivityWritesNothingAndExits66() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["kpi", "--period", "2019-10", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no activity data for the 3 selected dealers in 2019-10"))
        #expect(result.stderr.contains("their data begins 2025-10-05 and ends"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // The same for a dealer whose data lies elsewhere.
        let dealer = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--dealer", "DLR003", "--out", out, "--warehouse", warehouse])
        #expect(dealer.status == 66, "\(dealer.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        for command in [["exceptions"], ["ledger"], ["bundle"]] {
            let other = try Tools.run("dms-report", command + ["--period", "2019-10", "--out", out, "--warehouse", warehouse])
            #expect(other.status == 66, "\(command): \(other.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: [
        (["--dealer", "dlr001"], "--dealer dlr001 matches no dealer; did you mean DLR001?"),
        (["--dealer", "DLR999"], "--dealer DLR999 matches no dealer; did you mean"),
        (["--region", "华中"], "--region 华中 matches no dealer; did you mean 华东 or 华南?"),
        (["--brand", "星晨"], "--brand 星晨 matches no dealer; did you mean 星辰?"),
        (["--dealer", "DLR002", "--region", "华东"], "no dealer matches all of --dealer DLR002 --region 华东 together"),
    ])
    func aFilterThatMatchesNothingExits64BeforeWriting(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--out", out, "--warehouse", warehouse] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unknownKPIAndSubcommandGetADidYouMean() throws {
        let directory = try TemporaryDirectory("report")
        let kpi = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--kpi", "service.ro_closd", "--out", directory.file("out")], in: directory.path)
        #expect(kpi.status == 64)
        #expect(kpi.stderr.contains("unknown KPI \"service.ro_closd\"; did you mean service.ro_closed?"))
        let typo = try Tools.run("dms-report", ["kpis", "--period", "2026-10"], in: directory.path)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown subcommand 'kpis'; did you mean 'kpi'?"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "nothing created")
    }

    @Test func kpiListKeepsOnlyThoseRows() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--kpi", "service.ro_closed", "--by", "network", "--format", "csv", "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try read(out + "/kpi.csv").components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == 1 && rows[0].contains(",service.ro_closed,"))
    }

    @Test func kpiFamiliesAndGlobsKeepTheirRowsAndNothingElse() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--kpi", "sales.*,*comeback*", "--by", "network", "--format", "csv,html", "--lang", "en",
                           "--out", out, "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try read(out + "/kpi.csv").components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let ids = rows.map { $0.components(separatedBy: ",")[5] }
        #expect(ids == KPICatalogue.standard.definitions.map(\.id).filter { $0.hasPrefix("sales.") || $0 == "service.comeback_rate" })
        // Only the KPI files: the drill-downs and lists need the whole catalogue's history.
        #expect(!FileManager.default.fileExists(atPath: out + "/technicians.csv") && !FileManager.default.fileExists(atPath: out + "/exceptions"))
        let html = try read(out + "/kpi.html")
        #expect(html.contains("<html lang=\"en\">") && html.contains(">Comeback rate<") && !html.contains(">Parts gross margin<"))

        let unknown = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--kpi", "servce.*", "--out", out + "-x", "--warehouse", warehouse])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown KPI \"servce.*\"; did you mean service.*?"), "\(unknown.stderr)")
        let bundle = try Tools.run("dms-report", ["bundle", "--period", "2026-10", "--kpi", "*marg", "--out", out + "-b", "--warehouse", warehouse])
        #expect(bundle.status == 64 && bundle.stderr.contains("unknown KPI \"*marg\""))
    }

    @Test func catalogueInBothLanguagesAsTextAndCSV() throws {
        let directory = try TemporaryDirectory("report")
        let csv = try Tools.run("dms-report", ["catalogue", "--format", "csv"], in: directory.path)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("\u{FEFF}id,family,unit,name_zh,name_en,definition_zh,definition_en\r\n"))
        #expect(csv.stdout.contains("\r\nparts.gross_margin,parts,rate,配件毛利率,Parts gross margin,"))
        let text = try Tools.run("dms-report", ["catalogue"], in: directory.path)
        #expect(text.status == 0 && text.stdout.contains("  准时交车率：") && text.stdout.contains("  On-time delivery rate: "))
    }

    @Test func reportsNeverMigrateAnOlderWarehouse() throws {
        let directory = try TemporaryDirectory("report")
        let warehouse = directory.file("older.sqlite")
        do {
            // A warehouse of the previous binary: every migration but the last.
            let database = try Database(path: warehouse)
            try Migrator(migrations: Array(WarehouseSchema.migrations.dropLast())).migrate(database)
            try database.execute("INSERT INTO dealers (dealer_code, region, batch_id) VALUES ('DLR001', '华东', 1)")
            try database.execute("INSERT INTO repair_orders (dealer_code, ro_no, opened_at, batch_id) VALUES ('DLR001', 'R1', '2026-10-30 09:00:00', 1)")
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: warehouse))
        let result = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--out", directory.file("out"), "--warehouse", warehouse])
        #expect(result.status == 78)
        #expect(result.stderr.contains("older than this binary") && result.stderr.contains("run dms-import first"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: warehouse)) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
        // Any dms-import command brings it up to date (check then reports these hand-written
        // rows without a batch: 65); then the report runs.
        let check = try Tools.run("dms-import", ["check", "--warehouse", warehouse])
        #expect(check.status == 65 && !check.stderr.contains("schema"), "\(check.stderr)")
        let again = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--out", directory.file("out"), "--warehouse", warehouse])
        #expect(again.status == 0, "\(again.stderr)")
    }
}
