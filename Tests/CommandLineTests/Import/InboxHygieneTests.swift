import Foundation
import Testing
import Ledger
import TestSupport

/// End-to-end: cli.md "Archive" and inbox hygiene — every file looked at leaves the inbox,
/// nothing is overwritten, bytes stay as they were, the ledger and manifest say where each
/// file went, and the tool never reads its own files.
@Suite struct InboxHygieneTests {
    let directory: TemporaryDirectory
    let manager = FileManager.default

    init() throws {
        directory = try TemporaryDirectory("hygiene")
    }

    func run(_ arguments: [String], in folder: String? = nil) throws -> ToolResult {
        try Tools.run("dms-import", arguments, in: folder ?? directory.path)
    }

    /// Every regular file under `folder`, relative, sorted.
    func files(under folder: String) -> [String] {
        (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { relative in
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    func sha256(_ path: String) throws -> String {
        SHA256.hex(SHA256.digest(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    /// The single run folder under `archive` created by the latest run.
    func runFolders(_ archive: String) throws -> [String] {
        try manager.contentsOfDirectory(atPath: archive).sorted()
    }

    @Test func everyFileLooksAtLeavesTheInboxIntoTheRunFolder() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        try directory.write("inbox/dlr002/empty_export.csv", "")
        try directory.write("inbox/notes.txt", "call the dealer\n")
        try directory.write("inbox/ro_labor_bad.csv", ImportFixtures.roLaborMostlyBad)
        try directory.write("inbox/warranty_claims_x.xml", "<claims><claim>")
        try directory.write("inbox/.uploading.csv", "dealer_code\n")
        try directory.write("inbox/.sync/dealers.csv", ImportFixtures.dealers)
        try directory.write("inbox/ro_parts_2.csv.part", "dealer_code\n")
        let originals = try Dictionary(uniqueKeysWithValues: files(under: inbox).map { ($0, try sha256(inbox + "/" + $0)) })
        let archive = directory.file("archive")
        let warehouse = directory.file("w.sqlite")

        let result = try run(["load", "--warehouse", warehouse, "--archive", archive, inbox])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("empty_export.csv: warning: the file is empty (0 bytes): nothing to load"))
        #expect(result.stderr.contains("notes.txt: warning: not a feed"))
        #expect(result.stdout.contains("outcome=empty"))
        #expect(result.stdout.contains("outcome=not_a_feed"))

        // Only the files still being uploaded (hidden, temporary names) stay.
        #expect(files(under: inbox) == [".sync/dealers.csv", ".uploading.csv", "ro_parts_2.csv.part"])
        let folders = try runFolders(archive)
        #expect(folders.count == 1)
        let run = archive + "/" + folders[0]
        #expect(folders[0].range(of: #"^\d{4}-\d{2}-\d{2}_\d{6}$"#, options: .regularExpression) != nil)
        #expect(files(under: run) == [
            "dealers.csv", "dlr002/empty_export.csv", "failed/notes.txt", "failed/ro_labor_bad.csv",
            "failed/warranty_claims_x.xml", "manifest.csv", "repair_orders_20261031.csv", "ro_labor_20261031.csv",
        ])

        // Bytes unchanged, and the ledger knows each digest and where the file went.
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        let ledger = try database.rows("SELECT path, sha256, archived_path, outcome FROM batches ORDER BY batch_id")
        #expect(ledger.count == 7)
        for row in ledger {
            let archived = try #require(row[2].string)
            let relative = String((row[0].string ?? "").dropFirst(inbox.count + 1))
            #expect(try sha256(archived) == originals[relative], "\(relative)")
            #expect(row[1].string == originals[relative], "\(relative)")
        }

        let manifest = try String(contentsOfFile: run + "/manifest.csv", encoding: .utf8)
        let lines = manifest.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "relative_path,outcome,feed,sha256,batch_id,archived_path")
        #expect(lines.count == 8)
        #expect(lines.contains { $0.hasPrefix("ro_labor_bad.csv,rolled_back,ro_labor,\(originals["ro_labor_bad.csv"] ?? "")") && $0.hasSuffix(",failed/ro_labor_bad.csv") })
        #expect(lines.contains { $0.hasPrefix("dlr002/empty_export.csv,empty,,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,") })
        #expect(lines.contains { $0.hasPrefix("warranty_claims_x.xml,failed,") && $0.hasSuffix(",failed/warranty_claims_x.xml") })
    }

    @Test func aResentFileIsSkippedAndArchivedWithoutOverwritingTheFirst() throws {
        let archive = directory.file("archive")
        let warehouse = directory.file("w.sqlite")
        try directory.write("inbox/dealers.csv", ImportFixtures.dealers)
        #expect(try run(["load", "--warehouse", warehouse, "--archive", archive, directory.file("inbox")]).status == 0)
        // The same bytes again, the same second or not: a run folder is never shared.
        try directory.write("inbox/dealers.csv", ImportFixtures.dealers)
        let again = try run(["load", "--warehouse", warehouse, "--archive", archive, directory.file("inbox")])
        #expect(again.status == 0)
        #expect(again.stdout.contains("dealers.csv: feed=dealers read=0 inserted=0 updated=0 unchanged=0 rejected=0 duplicates=0"))
        #expect(again.stdout.contains("outcome=skipped"))
        #expect(files(under: directory.file("inbox")).isEmpty)
        let folders = try runFolders(archive)
        #expect(folders.count == 2)
        for folder in folders {
            #expect(try String(contentsOfFile: archive + "/" + folder + "/dealers.csv", encoding: .utf8) == ImportFixtures.dealers)
        }
        let outcomes = try Database(path: warehouse, options: Database.Options(readOnly: true))
            .rows("SELECT outcome, archived_path IS NOT NULL FROM batches ORDER BY batch_id").map { "\($0[0].string ?? "") \($0[1].int64 ?? 0)" }
        #expect(outcomes == ["loaded 1", "skipped 1"])
        let manifest = try String(contentsOfFile: archive + "/" + folders[1] + "/manifest.csv", encoding: .utf8)
        #expect(manifest.contains("dealers.csv,skipped,dealers,"))
    }

    @Test func aClashInsideTheRunFolderGetsATildeNumberBeforeTheExtension() throws {
        try directory.write("a/dealers.csv", ImportFixtures.dealers)
        try directory.write("b/dealers.csv", ImportFixtures.dealers.replacingOccurrences(of: "DLR002", with: "DLR003"))
        try directory.write("b/README", "x")
        try directory.write("c/README", "y")
        let archive = directory.file("archive")
        let result = try run(["load", "--warehouse", directory.file("w.sqlite"), "--archive", archive, directory.file("a"), directory.file("b"), directory.file("c")])
        #expect(result.status == 0, "\(result.stderr)")
        let run = archive + "/" + (try runFolders(archive)[0])
        #expect(files(under: run) == ["dealers.csv", "dealers~1.csv", "failed/README", "failed/README~1", "manifest.csv"])
        #expect(try String(contentsOfFile: run + "/dealers~1.csv", encoding: .utf8).contains("DLR003"))
    }

    @Test func theWarehouseAndRejectsInsideTheInboxAreNeverRead() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        try directory.write(
            "inbox/ro_parts_1.csv",
            "dealer_code,ro_no,line_no,part_no,qty,unit_price\n" + (1...30).map { "DLR001,RO1001,\($0),P\($0),1,10.00" }.joined(separator: "\n")
                + "\nDLR001,RO1001,31,PX,1.23456,10.00\n")
        // Night 1: `cd inbox && dms-import load .` leaves dms.sqlite and rejects/ in the inbox.
        let first = try run(["load", "--warehouse", "dms.sqlite", "."], in: inbox)
        #expect(first.status == 1)
        #expect(manager.fileExists(atPath: inbox + "/rejects"))
        // Night 2: nothing new; the tool's own files are not input.
        let second = try run(["load", "--warehouse", "dms.sqlite", "."], in: inbox)
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        #expect(!second.stdout.contains("dms.sqlite"))
        #expect(!second.stdout.contains("rejects.csv"))
        #expect(!second.stdout.contains("outcome=failed"))
        // A rejects file copied anywhere into an inbox is never read either.
        let rejects = try manager.contentsOfDirectory(atPath: inbox + "/rejects")
        try manager.copyItem(atPath: inbox + "/rejects/" + rejects[0], toPath: directory.file(rejects[0]))
        let third = try run(["load", "--warehouse", directory.file("w2.sqlite"), directory.file(rejects[0])])
        #expect(third.status == 0)
        #expect(third.stdout.contains("total: files=0"))
    }

    @Test func anArchiveInsideTheInboxIsNotReadAgain() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        let result = try run(["load", "--warehouse", "../w.sqlite", "--archive", "archive", "."], in: inbox)
        #expect(result.status == 0, "\(result.stderr)")
        try directory.write("inbox/dealers.csv", ImportFixtures.dealers)
        let again = try run(["load", "--warehouse", "../w.sqlite", "--archive", "archive", "."], in: inbox)
        #expect(again.stdout.contains("total: files=1 "), "\(again.stdout)")
        #expect(files(under: inbox).allSatisfy { $0.hasPrefix("archive/") })
    }

    @Test func aHeaderOnlyFileLoadsZeroRows() throws {
        try directory.write("in/repair_orders_empty.csv", "dealer_code,ro_no,opened_at\n")
        let result = try run(["load", "--warehouse", directory.file("w.sqlite"), directory.file("in")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("feed=repair_orders read=0 inserted=0"))
        #expect(result.stdout.contains("outcome=loaded"))
    }

    @Test func anEmptyFileIsAWarningNotAFailure() throws {
        try directory.write("in/repair_orders_empty.csv", "")
        let result = try run(["load", "--warehouse", directory.file("w.sqlite"), directory.file("in")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("outcome=empty"))
        #expect(result.stderr.contains("warning: the file is empty"))
    }
}
