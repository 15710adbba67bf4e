import Foundation
import Testing
import TestSupport

/// `--targets FILE` of `dms-report kpi` and `bundle` (docs/targets.md): the demo's shipped
/// targets light the pages, and a bad file is a bad command line (64) that writes nothing.
@Suite struct TargetsCommandTests {
    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func lights(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for light in ["green", "amber", "red"] { counts[light] = html.components(separatedBy: "class=\"light t-\(light)\"").count - 1 }
        return counts
    }

    /// `make demo`'s import and report steps as the Makefile runs them, then a bundle with the
    /// same targets: the shipped samples/targets.toml lights kpi.html, kpi.xlsx and the packs.
    @Test(.timeLimit(.minutes(5)))
    func demoReportAndBundlesUseTheShippedTargets() throws {
        let directory = try TemporaryDirectory("targets-demo")
        let out = directory.file("demo")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let environment = ["BIN": Tools.binFolder, "OUT": out, "DMS_WAREHOUSE": out + "/dms.sqlite"]
        for step in ["10-import.sh", "20-report.sh"] {
            let result = try Tools.run("/bin/bash", ["scripts/demo.d/" + step], in: Tools.repositoryRoot, environment: environment)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let html = try Self.read(out + "/reports/kpi.html")
        let counts = Self.lights(html)
        #expect(counts.values.reduce(0, +) > 0, "no lights in the demo's kpi.html")
        #expect(html.contains("<li id=\"targets\">目标取自 targets.toml"))
        // The region override (华东 comeback) and the brand override (星驰 CSI) are listed.
        #expect(html.contains("区域 华东") && html.contains("品牌 星驰"))
        #expect(!html.contains(Tools.repositoryRoot))
        let workbook = out + "/reports/kpi.xlsx"
        let names = String(decoding: try ZipParts.bytes(of: "xl/workbook.xml", in: workbook), as: UTF8.self)
        #expect(names.contains("<sheet name=\"targets\""))

        // The same targets for the packs; kpi.csv is the same with or without them.
        let warehouse = out + "/dms.sqlite"
        let bundles = directory.file("bundles")
        let bundle = try Tools.run(
            "dms-report", ["bundle", "--period", "2026-10", "--out", bundles, "--warehouse", warehouse, "--lang", "en", "--format", "csv,html,xlsx",
                           "--targets", Tools.repositoryRoot + "/samples/targets.toml", "--generated-at", "2026-11-01T06:00:00Z"])
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let pack = try Self.read(bundles + "/2026-10/华东/华东_2026-10_kpi.html")
        #expect(Self.lights(pack).values.reduce(0, +) > 0)
        #expect(pack.contains("Targets from targets.toml") && pack.contains("region 华东"))
        let plain = directory.file("plain")
        let again = try Tools.run("dms-report", ["kpi", "--period", "2026-10", "--format", "csv", "--out", plain, "--warehouse", warehouse])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.read(plain + "/kpi.csv") == Self.read(out + "/reports/kpi.csv"))
    }

    static let badFiles: [(String, String, String)] = [
        ("unknown KPI", "[kpi.\"service.comeback_rat\"]\ntarget = 0.03\n", "targets.toml:1: error: unknown KPI \"service.comeback_rat\": did you mean service.comeback_rate?"),
        ("negative band", "[kpi.\"service.comeback_rate\"]\ntarget = 0.03\namber = -0.01\n", "targets.toml:3: error: amber of service.comeback_rate is negative"),
        ("unknown region", "[kpi.\"service.comeback_rate\"]\ntarget = 0.03\nregion.\"华中\" = { target = 0.02 }\n", "did you mean 华东 or 华南?"),
        ("syntax", "[kpi.\"service.comeback_rate\"\ntarget = 0.03\n", "targets.toml:1:"),
        ("neutral KPI", "[kpi.\"stock.vehicle_value_end\"]\ntarget = 3\n", "targets.toml:1: error: stock.vehicle_value_end (Vehicle stock value at end) has no better direction"),
    ]

    @Test(arguments: badFiles)
    func aBadTargetsFileExits64AndWritesNothing(name: String, text: String, message: String) throws {
        let directory = try TemporaryDirectory("targets-bad")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        try text.write(toFile: directory.file("targets.toml"), atomically: true, encoding: .utf8)
        for command in [["kpi", "--format", "csv,html,json,xlsx"], ["bundle"]] {
            let out = directory.file("out-\(command[0])")
            let result = try Tools.run(
                "dms-report", command + ["--period", "2026-10", "--out", out, "--warehouse", warehouse, "--targets", "targets.toml"],
                in: directory.path)
            #expect(result.status == 64, "\(name) \(command[0]): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(name) \(command[0]): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(name) \(command[0]): wrote \(out)")
        }
    }

    @Test func aMissingTargetsFileExits64() throws {
        let directory = try TemporaryDirectory("targets-missing")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--out", directory.file("out"), "--warehouse", warehouse, "--targets", "nope.toml"],
            in: directory.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("nope.toml: error: cannot read the targets file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
    }

    @Test func kpiLightsTheFixturesValues() throws {
        let directory = try TemporaryDirectory("targets-kpi")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        // Effective labor rate: 800.00 yuan per sold hour for every dealer (1 200 ÷ 1.5).
        let text = "[kpi.\"service.effective_labor_rate\"]\ntarget = 800\namber = 50\n[kpi.\"service.effective_labor_rate\".region.\"华东\"]\ntarget = 900\n"
        try text.write(toFile: directory.file("targets.toml"), atomically: true, encoding: .utf8)
        let out = directory.file("out")
        let result = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--by", "dealer", "--format", "html", "--lang", "en", "--out", out, "--warehouse", warehouse,
                           "--targets", "targets.toml"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try Self.read(out + "/kpi.html")
        #expect(html.contains("title=\"on target · target ≥ 800, amber 750 – 800\"><span class=\"sym\" aria-hidden=\"true\">●</span>800.00</span>"))
        #expect(html.contains("title=\"off target · target ≥ 900, amber 850 – 900 (region 华东)\"><span class=\"sym\" aria-hidden=\"true\">■</span>800.00</span>"))
    }
}
