import Foundation
import Ledger
import Testing
import TestSupport

/// Opens kpi.html in a real headless browser (Debian's chromium) and checks what it renders.
/// Chromium comes from `scripts/install-chromium.sh`; without it the check fails under CI
/// (env `CI` set) and is skipped otherwise.
@Suite struct BrowserRenderTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// Where the screenshot goes: `$TEST_OUTPUT_DIR/report`, else `.build/test-output/report`.
    static var outputFolder: String {
        let base = ProcessInfo.processInfo.environment["TEST_OUTPUT_DIR"] ?? (Tools.repositoryRoot + "/.build/test-output")
        return base + "/report"
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func chromiumIsInstalledUnderCI() {
        if Self.isCI && Self.chromium == nil {
            Issue.record("chromium is missing: run scripts/install-chromium.sh (make ci / make test call it)")
        }
    }

    @Test(.enabled(if: chromium != nil, "chromium not installed: skipped (run scripts/install-chromium.sh to enable the browser check)"))
    func kpiHTMLRendersInHeadlessChromium() throws {
        let browser = try #require(Self.chromium)
        let directory = try TemporaryDirectory("report-browser")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        // Both languages: Chinese (the default) and English, each rendered and photographed.
        let languages: [(lang: String, figures: [String], png: String)] = [
            ("zh", ["<h1>经营指标报告 · 2026-10 · 按经销商</h1>", "核心指标", "定义与口径说明", "各经销商与所在区域及全网对比", "返修率", "<html lang=\"zh-CN\"",
                    "经销商一览：全网四分位与区域内排名", "最好的四分之一（Q1）", "区域内第 ", "<nav id=\"contents\"", "数据截至 "], "kpi.png"),
            ("en", ["<h1>KPI report · 2026-10 · by dealer</h1>", "Headline KPIs", "Definitions and choices", "Each dealer beside its region and the network",
                    "Comeback rate", "<html lang=\"en\"", "Dealers at a glance: quartile in the network, rank in the region", "best quarter (Q1)",
                    " in region</span>", "<nav id=\"contents\"", "Data through "], "kpi-en.png"),
        ]
        for language in languages {
            let out = directory.file("out-\(language.lang)")
            let report = try Tools.run(
                "dms-report", ["kpi", "--period", "2026-10", "--by", "dealer", "--format", "html", "--lang", language.lang, "--out", out,
                               "--warehouse", warehouse])
            #expect(report.status == 0, "\(report.stderr)")
            let url = URL(fileURLWithPath: out + "/kpi.html").absoluteString

            let dom = try Self.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url])
            #expect(dom.status == 0)
            #expect(dom.stdout.contains("</html>"))
            for figure in language.figures + ["上海浦东之星", "广州天河之星", "138****5678", "&lt;b&gt;Evil&lt;/b&gt;", "service.comeback_rate", "50.0%", "800.00"] {
                #expect(dom.stdout.contains(figure), "rendered DOM (\(language.lang)) lacks \(figure)")
            }
            #expect(!dom.stdout.contains("<b>Evil</b>"))
            // A heat-map cell: coloured by its quartile, with the dealer's rank in its region.
            #expect(dom.stdout.range(of: #"<td class="num heat q[1-4]" data-quartile="[1-4]">[^<]+<span class="sub"><span class="rank" data-rank="[0-9]+/[0-9]+">"#,
                                     options: .regularExpression) != nil, "no heat-map cell with a rank (\(language.lang))")
            #expect(dom.stdout.components(separatedBy: "<svg").count - 1 == KPICatalogue.standard.headlines.count)

            try FileManager.default.createDirectory(atPath: Self.outputFolder, withIntermediateDirectories: true)
            let png = Self.outputFolder + "/" + language.png
            try? FileManager.default.removeItem(atPath: png)
            let shot = try Self.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                     "--screenshot=\(png)", "--window-size=1200,1600", url])
            #expect(shot.status == 0)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(bytes.count > 10_000)
        }
    }

    /// The number of pages of a PDF that Chromium printed: its `/Type /Page` objects (and the
    /// page tree's `/Count` agrees).
    static func pageCount(ofPDF data: Data) -> (pages: Int, count: Int?) {
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
        let count = text.components(separatedBy: "/Type /Pages").dropFirst().compactMap { object -> Int? in
            guard let range = object.range(of: "/Count ") else { return nil }
            return Int(object[range.upperBound...].prefix { $0.isNumber })
        }.first
        return (pages, count)
    }

    /// `make demo`'s page (the shipped samples, October 2026, six dealers) prints on at most
    /// six A4 pages in both languages (Chromium's print to PDF, the print stylesheet applied).
    @Test(.enabled(if: chromium != nil, "chromium not installed: skipped (run scripts/install-chromium.sh to enable the browser check)"))
    func theDemoMonthPrintsOnAtMostSixA4Pages() throws {
        let browser = try #require(Self.chromium)
        let directory = try TemporaryDirectory("report-print")
        let warehouse = directory.file("dms.sqlite")
        let root = Tools.repositoryRoot
        for arguments in [["load", root + "/samples/feeds"], ["load", root + "/samples/xml"], ["load", "--profile", root + "/profiles", root + "/samples/profiles"]] {
            let load = try Tools.run("dms-import", arguments + ["--warehouse", warehouse, "--rejects", directory.file("rejects"), "--quiet"])
            #expect(load.status == 0 || load.status == 1, "\(load.stderr)")
        }
        for language in ["zh", "en"] {
            let out = directory.file("out-\(language)")
            let report = try Tools.run(
                "dms-report", ["kpi", "--period", "2026-10", "--by", "dealer", "--format", "html", "--lang", language, "--out", out, "--warehouse", warehouse])
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: out + "/kpi.html", encoding: .utf8)
            #expect(html.components(separatedBy: "<tr data-dealer=").count - 1 == 6, "the demo month has six dealers")
            try FileManager.default.createDirectory(atPath: Self.outputFolder, withIntermediateDirectories: true)
            let pdf = Self.outputFolder + "/kpi-demo-\(language).pdf"
            try? FileManager.default.removeItem(atPath: pdf)
            let print = try Self.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                      "--print-to-pdf=\(pdf)", URL(fileURLWithPath: out + "/kpi.html").absoluteString])
            #expect(print.status == 0)
            let (pages, count) = Self.pageCount(ofPDF: try Data(contentsOf: URL(fileURLWithPath: pdf)))
            #expect(pages >= 1 && pages <= 6, "\(language): the demo month prints on \(pages) A4 pages (at most 6)")
            #expect(count == nil || count == pages)
        }
    }

    /// Renders `file` in Chromium: the DOM, and a screenshot saved as `png` under the test output.
    static func render(_ browser: String, _ file: String, screenshot png: String, height: Int = 1600) throws -> String {
        let url = URL(fileURLWithPath: file).absoluteString
        let dom = try run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url])
        #expect(dom.status == 0)
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let target = outputFolder + "/" + png
        try? FileManager.default.removeItem(atPath: target)
        let shot = try run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--screenshot=\(target)", "--window-size=1200,\(height)", url])
        #expect(shot.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(bytes.count > 10_000)
        return dom.stdout
    }

    @Test(.enabled(if: chromium != nil, "chromium not installed: skipped (run scripts/install-chromium.sh to enable the browser check)"))
    func drivingMonitoringPagesRenderInHeadlessChromium() throws {
        let browser = try #require(Self.chromium)
        let directory = try TemporaryDirectory("dms-browser")
        let samples = Tools.repositoryRoot + "/samples/dms"
        let score = try Tools.run("dms-dms", ["score", samples + "/sessions", "--out", directory.file("score"), "--jobs", "2"])
        #expect(score.status == 0, "\(score.stderr)")
        let evaluate = try Tools.run(
            "dms-dms", ["evaluate", samples + "/sessions", "--truth", samples + "/truth.csv", "--out", directory.file("evaluation"), "--jobs", "2"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")

        let report = try Self.render(browser, directory.file("score/report.html"), screenshot: "dms-report.png")
        for figure in ["Driver monitoring report", "Fleet summary", "Sessions, worst first", "fleet-drowsy-02", "gaze off road", "eyes closed"] {
            #expect(report.contains(figure), "rendered DMS report lacks \(figure)")
        }
        #expect(!report.contains(Tools.repositoryRoot), "the page shows an absolute path")

        let page = try Self.render(browser, directory.file("evaluation/report.html"), screenshot: "dms-evaluation.png", height: 2400)
        #expect(page.contains("Driver monitoring: evaluation against ground truth"))
        #expect(page.contains("· truth") && page.contains("· detected"))
        let csv = try String(contentsOfFile: directory.file("evaluation/evaluation.csv"), encoding: .utf8)
        let all = try #require(csv.components(separatedBy: "\r\n").first { $0.hasPrefix("all,") }?.split(separator: ","))
        func marks(_ outcome: String) -> Int { page.components(separatedBy: "data-outcome=\"\(outcome)\"").count - 1 }
        #expect(String(marks("tp")) == all[1])
        #expect(String(marks("fp")) == all[2])
        #expect(String(marks("miss")) == all[3])
    }

    @Test(.enabled(if: chromium != nil, "chromium not installed: skipped (run scripts/install-chromium.sh to enable the browser check)"))
    func bundlePagesRenderInHeadlessChromium() throws {
        let browser = try #require(Self.chromium)
        let directory = try TemporaryDirectory("bundle-browser")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("packs")
        for by in ["region", "dealer"] {
            let run = try Tools.run(
                "dms-report", ["bundle", "--period", "2026-10", "--by", by, "--out", out, "--generated-at", "2026-11-01T06:00:00Z",
                               "--warehouse", warehouse])
            #expect(run.status == 0, "\(run.stderr)")
        }
        // A region pack's page (its dealers, then the region and the network) and a dealer pack's.
        let region = try Self.render(browser, out + "/2026-10/华东/华东_2026-10_kpi.html", screenshot: "bundle-region.png")
        for figure in ["经销商经营指标报告 — 区域 华东 — 2026-10", "上海浦东之星", "<h3>区域 华东 ", "<h3>全网 "] {
            #expect(region.contains(figure), "rendered region pack lacks \(figure)")
        }
        #expect(!region.contains("广州天河之星"), "another region's dealer in 华东's pack")
        let dealer = try Self.render(browser, out + "/2026-10/dealers/DLR001/DLR001_2026-10_kpi.html", screenshot: "bundle-dealer.png")
        #expect(dealer.contains("经销商经营指标报告 — DLR001 上海浦东之星 — 2026-10"))
        #expect(!dealer.contains("广州天河之星"), "another dealer in DLR001's pack")
    }
}
