import Foundation
import Testing
import Ledger
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: honest counts (repeated keys, rolled-back files), whole-file encoding
/// detection, standard input and `batches --since --format` (issue #12 items 3, 4, 5).
@Suite struct ImportCountsTests {
    let directory: TemporaryDirectory
    let warehouse: String

    init() throws {
        directory = try TemporaryDirectory("counts")
        warehouse = directory.file("w.sqlite")
    }

    func load(_ arguments: [String], stdin: String? = nil) throws -> ToolResult {
        try Tools.run("dms-import", ["load", "--warehouse", warehouse] + arguments, in: directory.path, stdin: stdin)
    }

    @Test func aKeyRepeatedInsideOneFileIsADuplicateNamingBothLines() throws {
        try directory.write(
            "in/repair_orders_1.csv",
            """
            dealer_code,ro_no,opened_at,ro_type,status
            DLR001,RO1,2026-10-01 09:00:00,repair,open
            DLR001,RO2,2026-10-01 10:00:00,repair,open
            DLR001,RO3,2026-10-01 11:00:00,repair,open
            DLR001,RO1,2026-10-02 09:00:00,repair,completed

            """)
        let result = try load([directory.file("in")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("feed=repair_orders read=4 inserted=3 updated=0 unchanged=0 rejected=0 duplicates=1"))
        #expect(result.stderr.contains("repair_orders_1.csv:5: warning: key DLR001/RO1 repeats line 2; the later record wins"))
        // The later record won.
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        #expect(try database.scalar("SELECT status FROM repair_orders WHERE ro_no = 'RO1'").string == "completed")
        #expect(try database.scalar("SELECT duplicates FROM batches").int64 == 1)
        // Loading the same rows in a new file updates; nothing repeats within it.
        try directory.write("in2/repair_orders_2.csv", "dealer_code,ro_no,opened_at,ro_type,status\nDLR001,RO1,2026-10-02 09:00:00,repair,invoiced\n")
        let second = try load([directory.file("in2")])
        #expect(second.stdout.contains("read=1 inserted=0 updated=1 unchanged=0 rejected=0 duplicates=0"))
        #expect(!second.stderr.contains("repeats"))
    }

    @Test func aRepeatedChildLineIsADuplicateToo() throws {
        try directory.write(
            "in/ro_labor_1.csv",
            """
            dealer_code,ro_no,line_no,op_code,labor_sale
            DLR001,RO1,1,OIL01,100
            DLR001,RO1,1,OIL01,100
            DLR001,RO1,2,OIL02,50

            """)
        let result = try load([directory.file("in")])
        #expect(result.stdout.contains("read=3 inserted=2 updated=0 unchanged=0 rejected=0 duplicates=1"))
        #expect(result.stderr.contains("ro_labor_1.csv:3: warning: key DLR001/RO1/1 repeats line 2"))
    }

    @Test func aGBKFileWhoseChineseStartsAfter64KiBLoadsWithoutRejects() throws {
        var text = "dealer_code,name,region,sub_region,province,city,brand,opened_on,status\n"
        var row = 0
        while text.utf8.count < 100_000 {
            text += "D\(String(row).leftPadded(5)),Dealer \(row),East,E1,SH,SH,Star,2015-03-01,active\n"
            row += 1
        }
        let latin = text.utf8.count
        text += "DLR999,上海浦东之星,华东,沪东,上海,上海,星辰,2015-03-01,active\n"
        let bytes = gb18030Encoded(text)
        #expect(latin > 64 * 1024)
        try directory.write("in/dealers.csv", bytes: bytes)
        let result = try load(["--rejects", directory.file("rejects"), directory.file("in")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rejected=0"))
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        #expect(try database.scalar("SELECT name FROM dealers WHERE dealer_code = 'DLR999'").string == "上海浦东之星")
        #expect(try database.scalar("SELECT region FROM dealers WHERE dealer_code = 'DLR999'").string == "华东")
    }

    @Test func encodingRejectsNameTheOption() throws {
        var bytes = Array("dealer_code,name,region,sub_region,province,city,brand,opened_on,status\n".utf8)
        for index in 0..<40 { bytes += Array("DLR\(100 + index),上海,华东,沪东,上海,上海,星辰,2015-03-01,active\n".utf8) }
        bytes += Array("DLR999,".utf8) + [0xC4, 0xE3] + Array(",华东,沪东,上海,上海,星辰,2015-03-01,active\n".utf8)
        try directory.write("in/dealers.csv", bytes: bytes)
        let result = try load(["--max-reject-rate", "0.5", directory.file("in")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("dealers.csv:42: warning: rejected: column \"name\": bytes that are not valid UTF-8; if the file is GBK/GB18030 pass --encoding gb18030"))
    }

    @Test func standardInputNeedsAFeedAndLoadsOnce() throws {
        let missing = try load(["-"], stdin: ImportFixtures.dealers)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--feed"))
        #expect(!FileManager.default.fileExists(atPath: warehouse))

        let result = try load(["--feed", "dealers", "-"], stdin: ImportFixtures.dealers)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("-: feed=dealers read=2 inserted=2"))
        let again = try load(["--feed", "dealers", "-"], stdin: ImportFixtures.dealers)
        #expect(again.stdout.contains("outcome=skipped"))
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        let row = try database.rows("SELECT path, size, sha256 FROM batches WHERE outcome = 'loaded'")
        #expect(row.count == 1)
        #expect(row.first?[0].string == "-")
        #expect(row.first?[1].int64 == Int64(ImportFixtures.dealers.utf8.count))
        #expect(row.first?[2].string == SHA256.hex(SHA256.digest(Array(ImportFixtures.dealers.utf8))))
    }

    @Test func standardInputInGBKIsDetected() throws {
        let text = "dealer_code,name,region,sub_region,province,city,brand,opened_on,status\nDLR001,上海浦东之星,华东,沪东,上海,上海,星辰,2015-03-01,active\n"
        let path = try directory.write("gbk.csv", bytes: gb18030Encoded(text))
        // Feed the GBK bytes through a pipe.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tools.binFolder + "/dms-import")
        process.arguments = ["load", "--warehouse", warehouse, "--feed", "dealers", "-"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        #expect(try database.scalar("SELECT name FROM dealers").string == "上海浦东之星")
    }

    @Test func batchesFilterAndMachineReadableForms() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        _ = try load([inbox])
        func batches(_ extra: [String]) throws -> ToolResult {
            try Tools.run("dms-import", ["batches", "--warehouse", warehouse] + extra, in: directory.path)
        }
        let csv = try batches(["--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first == "batch,started_at,finished_at,outcome,feed,read,inserted,updated,unchanged,rejected,duplicates,removed_lines,size,sha256,path,archived_path,message")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("1,"))
        #expect(lines[1].contains(",loaded,dealers,2,2,0,0,0,0,0,"))

        let json = try batches(["--format", "json"])
        let objects = json.stdout.split(separator: "\n")
        #expect(objects.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(objects[0].utf8)) as? [String: Any])
        #expect(first["batch"] as? Int == 1)
        #expect(first["feed"] as? String == "dealers")
        #expect(first["inserted"] as? Int == 2)
        #expect(first["archived_path"] is NSNull)

        let future = try batches(["--since", "2999-01-01", "--format", "json"])
        #expect(future.status == 0)
        #expect(future.stdout == "")
        let past = try batches(["--since", "2000-01-01"])
        #expect(past.stdout.split(separator: "\n").count == 4)
        #expect(try batches(["--since", "yesterday"]).status == 64)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
