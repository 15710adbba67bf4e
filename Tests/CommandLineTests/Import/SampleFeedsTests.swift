import Foundation
import Testing
import Ledger
import TestSupport

/// The shipped samples load as samples/README.md and samples/feeds-bad/expected.csv say.
@Suite struct SampleFeedsTests {
    @Test func theSampleNetworkLoadsCleanly() throws {
        let directory = try TemporaryDirectory("samples")
        let warehouse = directory.file("w.sqlite")
        let result = try Tools.run(
            "dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), Tools.repositoryRoot + "/samples/feeds"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("rejected=0 duplicates=0 seconds="))
        #expect(!result.stdout.contains("outcome=failed"))
        let check = try Tools.run("dms-import", ["check", "--warehouse", warehouse])
        #expect(check.status == 0, "\(check.stdout)")
        // Every feed has rows.
        for feed in FeedCatalogue.standard.feeds {
            #expect(try WarehouseDigest.count(feed.name, in: warehouse) > 0, "\(feed.name) is empty")
        }
    }

    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var outcome: String
        var exitCode: Int32
        var rowsRead: Int
        var rejected: Int
        var rejectedAt: [(line: Int, column: String)]
        var description: String { file }
    }

    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOfFile: Tools.repositoryRoot + "/samples/feeds-bad/expected.csv", encoding: .utf8)
        var byFile: [String: Expectation] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 7 else { continue }
            var entry = byFile[cells[0]] ?? Expectation(
                file: cells[0], outcome: cells[1], exitCode: Int32(cells[2]) ?? -1, rowsRead: Int(cells[3]) ?? -1,
                rejected: Int(cells[4]) ?? -1, rejectedAt: [])
            if let at = Int(cells[5]) { entry.rejectedAt.append((at, cells[6])) }
            if byFile[cells[0]] == nil { order.append(cells[0]) }
            byFile[cells[0]] = entry
        }
        return order.compactMap { byFile[$0] }
    }

    @Test(arguments: try expectations())
    func badFileLoadsAsExpected(_ expected: Expectation) throws {
        let directory = try TemporaryDirectory("bad")
        let warehouse = directory.file("w.sqlite")
        let rejects = directory.file("rejects")
        let result = try Tools.run(
            "dms-import", ["load", "--warehouse", warehouse, "--rejects", rejects, Tools.repositoryRoot + "/samples/feeds-bad/" + expected.file])
        #expect(result.status == expected.exitCode, "\(result.stdout)\n\(result.stderr)")
        if expected.outcome != "failed" {
            #expect(result.stdout.contains("read=\(expected.rowsRead) "), "\(result.stdout)")
            #expect(result.stdout.contains("rejected=\(expected.rejected) "), "\(result.stdout)")
        }
        #expect(result.stdout.contains("outcome=\(expected.outcome)"), "\(result.stdout)")
        if !expected.rejectedAt.isEmpty {
            let files = try FileManager.default.contentsOfDirectory(atPath: rejects)
            #expect(files.count == 1)
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: rejects + "/" + (files.first ?? ""))), as: UTF8.self)
            for (line, column) in expected.rejectedAt {
                #expect(text.contains(",\(line),\(column),"), "line \(line) column \(column) not in rejects:\n\(text)")
            }
        }
    }
}
