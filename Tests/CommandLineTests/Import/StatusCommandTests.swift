import Foundation
import Ledger
import Testing
import TestSupport

/// `dms-import status` end to end: which dealer is late, formats, exit codes.
@Suite struct StatusCommandTests {
    /// Two dealers loaded through the tool; DLR002's repair orders stop on 2026-11-03.
    static func warehouse(in directory: TemporaryDirectory) throws -> String {
        try directory.write("inbox/dealers.csv", "dealer_code,name,region,brand,status\nDLR001,One,华东,Aurora,active\nDLR002,Two,华南,Aurora,active\nDLR003,Three,华南,Aurora,active\nDLR004,Four,华南,Aurora,closed\n")
        try directory.write("inbox/repair_orders_1.csv", "dealer_code,ro_no,opened_at,invoiced_at\nDLR001,R1,2026-11-08 09:00:00,2026-11-09 10:00:00\nDLR002,R2,2026-11-03 09:00:00,\nDLR004,R3,2026-11-01 09:00:00,\n")
        let warehouse = directory.file("dms.sqlite")
        let load = try Tools.run("dms-import", ["load", directory.file("inbox"), "--warehouse", warehouse, "--quiet"])
        #expect(load.status == 0, "\(load.stderr)")
        return warehouse
    }

    @Test func namesTheLateDealerAndExitsOne() throws {
        let directory = try TemporaryDirectory("status")
        let warehouse = try Self.warehouse(in: directory)
        let result = try Tools.run("dms-import", ["status", "--as-of", "2026-11-10", "--warehouse", warehouse])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("DLR001") && $0.contains("repair_orders") && $0.contains("2026-11-09") && $0.hasSuffix(" 0") })
        #expect(lines.contains { $0.hasPrefix("DLR002") && $0.contains("华南") && $0.contains("2026-11-03") && $0.hasSuffix(" 5") })
        #expect(lines.contains { $0 == "DLR003  华南" })  // active, sent nothing
        #expect(!result.stdout.contains("DLR004"), "a closed dealer is not expected")
        #expect(result.stdout.contains("late: 1 of 2 expected feeds (DLR002)"))
        #expect(result.stdout.contains("sent nothing in the 90 days: DLR003"))
    }

    @Test func nothingLateExitsZero() throws {
        let directory = try TemporaryDirectory("status")
        let warehouse = try Self.warehouse(in: directory)
        let result = try Tools.run("dms-import", ["status", "--as-of", "2026-11-10", "--late-after", "7", "--warehouse", warehouse])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nothing late (2 expected feeds of 2 dealers)"))
    }

    @Test func csvAndJSONFormats() throws {
        let directory = try TemporaryDirectory("status")
        let warehouse = try Self.warehouse(in: directory)
        let csv = try Tools.run("dms-import", ["status", "--as-of", "2026-11-10", "--format", "csv", "--warehouse", warehouse])
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "dealer,region,feed,data_through,last_file,last_file_loaded_at,days_late")
        #expect(rows.contains { $0.hasPrefix("DLR002,华南,repair_orders,2026-11-03,") && $0.contains("repair_orders_1.csv,") && $0.hasSuffix(",5") })
        #expect(rows.last == "DLR003,华南,,,,,")
        let json = try Tools.run("dms-import", ["status", "--as-of", "2026-11-10", "--format", "json", "--warehouse", warehouse])
        #expect(json.status == 1)
        let objects = try json.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects.count == 3)
        let late = objects.first { $0["dealer"] as? String == "DLR002" }
        #expect(late?["days_late"] as? Int == 5 && late?["late"] as? Bool == true && late?["data_through"] as? String == "2026-11-03")
        #expect(objects.last?["silent"] as? Bool == true && objects.last?["feed"] is NSNull)
    }

    @Test func quietPrintsOnlyTheLateFeedsAsErrors() throws {
        let directory = try TemporaryDirectory("status")
        let warehouse = try Self.warehouse(in: directory)
        let late = try Tools.run("dms-import", ["status", "--as-of", "2026-11-10", "--quiet", "--warehouse", warehouse])
        #expect(late.status == 1 && late.stdout.isEmpty)
        #expect(late.stderr == "error: DLR002 (华南) repair_orders: data through 2026-11-03, 5 days late as of 2026-11-10\n")
        let fine = try Tools.run("dms-import", ["status", "--as-of", "2026-11-04", "--quiet", "--warehouse", warehouse])
        #expect(fine.status == 0 && fine.stdout.isEmpty && fine.stderr.isEmpty)
    }

    @Test func missingWarehouseIsInputMissingAndCreatesNothing() throws {
        let directory = try TemporaryDirectory("status")
        let result = try Tools.run("dms-import", ["status", "--warehouse", directory.file("none.sqlite")])
        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: directory.file("none.sqlite")))
    }
}
