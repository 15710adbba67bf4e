import Foundation
import Ledger
import Testing
import TestSupport

/// The conventions every tool shares (cli.md): --quiet, --verbose, JSON log lines, "did you
/// mean" before anything is created, exit codes through one runner.
@Suite struct ConventionsTests {
    static func inbox(_ directory: TemporaryDirectory) throws -> String {
        try directory.write("inbox/dealers.csv", "dealer_code,name,region\nDLR001,One,华东\n")
        // 30 good rows and one bad one: 3 % rejected, under the 5 % that rolls a file back.
        let good = (1...30).map { "DLR001,R\($0),2026-11-08 09:00:00\n" }.joined()
        try directory.write("inbox/repair_orders_x.csv", "dealer_code,ro_no,opened_at\n" + good + "DLR001,R99,not a date\n")
        return directory.file("inbox")
    }

    /// Every line parses as a JSON object with ts (with an offset), tool, run_id and level.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            let ts = try #require(object["ts"] as? String)
            #expect(ts.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$"#, options: .regularExpression) != nil, "\(ts)")
            #expect(object["tool"] is String && object["run_id"] is String && object["level"] is String)
            return object
        }
    }

    @Test func jsonLogsCoverEveryLineResultsIncluded() throws {
        let directory = try TemporaryDirectory("conventions")
        let inbox = try Self.inbox(directory)
        let result = try Tools.run("dms-import", ["load", inbox, "--warehouse", directory.file("w.sqlite"), "--log-format", "json"])
        #expect(result.status == 1, "one row rejected: \(result.stderr)")
        let out = try Self.jsonLines(result.stdout)
        let err = try Self.jsonLines(result.stderr)
        #expect(out.count == 3 && err.count >= 1)
        #expect(Set((out + err).compactMap { $0["run_id"] as? String }).count == 1, "one run id per run")
        #expect(out.allSatisfy { $0["tool"] as? String == "dms-import" && $0["level"] as? String == "info" })
        let file = try #require(out.first { $0["path"] as? String == inbox + "/repair_orders_x.csv" })
        #expect(file["inserted"] as? Int == 30 && file["rejected"] as? Int == 1 && file["feed"] as? String == "repair_orders")
        #expect(out.last?["event"] as? String == "total" && out.last?["files"] as? Int == 2)
        #expect(err.contains { $0["level"] as? String == "warning" || $0["level"] as? String == "error" })
        // A parse error is a JSON line too.
        let bad = try Tools.run("dms-import", ["load", inbox, "--max-reject-rate", "7", "--log-format", "json"], in: directory.path)
        #expect(bad.status == 64)
        #expect(try Self.jsonLines(bad.stderr).first?["level"] as? String == "error")
    }

    @Test func quietPrintsNothingButErrorsAndVerboseSaysWhereOutputsWent() throws {
        let directory = try TemporaryDirectory("conventions")
        let inbox = try Self.inbox(directory)
        try directory.write("inbox/sales_orders_ok.csv", "dealer_code,order_no,order_date\nDLR001,S1,2026-11-08\n")
        try FileManager.default.removeItem(atPath: inbox + "/repair_orders_x.csv")
        let quiet = try Tools.run("dms-import", ["load", inbox, "--warehouse", directory.file("w.sqlite"), "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let feedgen = try Tools.run("dms-feedgen", ["network", "--out", directory.file("gen"), "--dealers", "1", "--regions", "1", "--brands", "1", "--months", "1", "--quiet"])
        #expect(feedgen.status == 0 && feedgen.stdout.isEmpty && feedgen.stderr.isEmpty)
        let report = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-11", "--format", "csv", "--out", directory.file("out"), "--warehouse", directory.file("w.sqlite"), "--verbose"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("note: wrote \(directory.file("out"))/kpi.csv"))
        let silent = try Tools.run(
            "dms-report", ["kpi", "--period", "2026-11", "--format", "csv", "--out", directory.file("out"), "--warehouse", directory.file("w.sqlite")])
        #expect(silent.stdout.isEmpty && silent.stderr.isEmpty)
    }

    @Test func aMistypedCommandCreatesNothing() throws {
        let directory = try TemporaryDirectory("conventions")
        let typo = try Tools.run("dms-import", ["bach"], in: directory.path)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'bach'; did you mean 'batches'?"))
        let feed = try Tools.run("dms-import", ["load", ".", "--feed", "repair_order"], in: directory.path)
        #expect(feed.status == 64)
        #expect(feed.stderr.contains("unknown feed \"repair_order\"; did you mean repair_orders?"))
        let missing = try Tools.run("dms-import", ["load", "no-such-folder"], in: directory.path)
        #expect(missing.status == 66)
        let option = try Tools.run("dms-import", ["load", ".", "--dry-runn"], in: directory.path)
        #expect(option.status == 64 && option.stderr.contains("Did you mean '--dry-run'?"))
        let feeds = try Tools.run("dms-import", ["feeds", "dealer"], in: directory.path)
        #expect(feeds.status == 64 && feeds.stderr.contains("did you mean dealers?"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no warehouse, rejects or out folder")
    }

    @Test func feedgenMapsItsErrorsThroughTheRunner() throws {
        let directory = try TemporaryDirectory("conventions")
        try directory.write("blocker", "a file where a folder should be")
        let io = try Tools.run("dms-feedgen", ["rows", "--feed", "repair_orders", "--rows", "1", "--out", directory.file("blocker/x.csv")])
        #expect(io.status == 74)
        #expect(io.stderr.contains("error:"))
    }
}
