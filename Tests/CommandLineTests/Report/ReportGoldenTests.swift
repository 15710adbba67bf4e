import Foundation
import Ledger
import Testing
import TestSupport

/// Goldens on the shipped samples: `samples/feeds` loaded with dms-import, then October 2026
/// reported. Re-record only with `RECORD_GOLDENS=1`.
@Suite struct ReportGoldenTests {
    /// The tag skeleton of a page: one line per element (`tag#id.class`), headings with their
    /// text, SVG drawings collapsed to their root.
    static func structure(of html: String) -> String {
        var lines: [String] = []
        var rest = Substring(html)
        var inSVG = false
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                if tag == "/svg" { inSVG = false }
                continue
            }
            if tag.hasPrefix("!") || inSVG { continue }
            let name = String(tag.prefix { $0 != " " && $0 != "/" })
            if name == "svg" { inSVG = true }
            var line = name
            for attribute in ["id", "class", "data-kpi"] {
                if let range = tag.range(of: " \(attribute)=\"") {
                    let value = tag[range.upperBound...].prefix { $0 != "\"" }
                    line += attribute == "id" ? "#\(value)" : attribute == "class" ? ".\(value)" : "[\(value)]"
                }
            }
            if ["h1", "h2", "h3"].contains(name) { line += " " + String(rest.prefix { $0 != "<" }) }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func samplesOctober2026() throws {
        let samples = Tools.repositoryRoot + "/samples/feeds"
        try #require(FileManager.default.fileExists(atPath: samples), "samples/feeds is missing")
        let directory = try TemporaryDirectory("report-golden")
        let warehouse = directory.file("dms.sqlite")
        let load = try Tools.run("dms-import", ["load", samples, "--warehouse", warehouse, "--rejects", directory.file("rejects"), "--quiet"])
        #expect(load.status == 0 || load.status == 1, "\(load.stderr)")
        let out = directory.file("out")
        let report = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--by", "dealer", "--format", "csv,html", "--out", out, "--warehouse", warehouse])
        #expect(report.status == 0, "\(report.stderr)")
        try Golden.check(try String(contentsOfFile: out + "/kpi.csv", encoding: .utf8), against: "report/kpi-2026-10.csv")
        try Golden.check(Self.structure(of: try String(contentsOfFile: out + "/kpi.html", encoding: .utf8)), against: "report/kpi-2026-10.html.structure")
        let network = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-10", "--by", "network", "--format", "csv", "--out", out + "-n", "--warehouse", warehouse])
        #expect(network.status == 0)
        try Golden.check(try String(contentsOfFile: out + "-n/kpi.csv", encoding: .utf8), against: "report/kpi-2026-10-network.csv")

        // The same report computed in order on one connection and in parallel on three is
        // the same, file for file (the pieces are merged in a fixed order, not as they finish).
        var outputs: [[String: Data]] = []
        for jobs in ["1", "3"] {
            let folder = out + "-jobs" + jobs
            let run = try Tools.run(
                "dms-report", ["kpi", "--period", "2026-10", "--by", "region", "--out", folder, "--warehouse", warehouse, "--jobs", jobs, "--generated-at", "2026-11-01T06:00:00Z"])
            #expect(run.status == 0, "\(run.stderr)")
            let names = try FileManager.default.subpathsOfDirectory(atPath: folder)
            outputs.append(Dictionary(uniqueKeysWithValues: try names.compactMap { name in
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
                return (name, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            }))
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        #expect(outputs[0].keys.contains("kpi.html") && outputs[0].keys.contains("exceptions/comeback_log.csv"))
        for (name, data) in outputs[0] { #expect(outputs[1][name] == data, "\(name) differs between --jobs 1 and --jobs 3") }
    }
}
