import Foundation
import Testing
import Ledger
import TestSupport

/// End-to-end: the built `dms-import`, its stdout, stderr and exit code for each row of
/// cli.md's exit-code table.
@Suite struct ImportCommandTests {
    let directory: TemporaryDirectory
    let warehouse: String

    init() throws {
        directory = try TemporaryDirectory("import-e2e")
        warehouse = directory.file("dms.sqlite")
    }

    func load(_ arguments: [String]) throws -> ToolResult {
        try Tools.run("dms-import", ["load", "--warehouse", warehouse] + arguments, in: directory.path)
    }

    @Test func cleanLoadIsSilentOnStderrAndExitsZero() throws {
        try directory.write("in/dealers.csv", ImportFixtures.dealers)
        try directory.write("in/repair_orders_1.csv", ImportFixtures.repairOrders)
        let result = try load([directory.file("in")])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("dealers.csv: feed=dealers read=2 inserted=2 updated=0 unchanged=0 rejected=0 duplicates=0 seconds=" + lines[0].split(separator: "=")[8].split(separator: " ")[0] + " outcome=loaded"))
        #expect(lines[1].contains("feed=repair_orders read=3 inserted=3"))
        #expect(lines[2].hasPrefix("total: files=2 read=5 inserted=5 updated=0 unchanged=0 rejected=0"))
        #expect(try WarehouseDigest.count("repair_orders", in: warehouse) == 3)
    }

    @Test func rerunLoadsNothingTwice() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        _ = try load([inbox])
        let before = try WarehouseDigest.content(of: warehouse)
        let again = try load([inbox])
        #expect(again.status == 1 || again.status == 0)
        #expect(again.stdout.contains("outcome=skipped"))
        #expect(!again.stdout.contains("outcome=loaded"))
        #expect(try WarehouseDigest.content(of: warehouse) == before)
        let forced = try load(["--force", inbox])
        #expect(forced.stdout.contains("feed=dealers read=2 inserted=0 updated=0 unchanged=2"))
        #expect(try WarehouseDigest.content(of: warehouse) == before)
    }

    @Test func rejectedRowsExitOneWithARejectsFile() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        // 1 orphan (RO9999) is a warning, not a reject; a 5-decimal quantity is a reject.
        try directory.write(
            "inbox/ro_parts_1.csv",
            "dealer_code,ro_no,line_no,part_no,qty,unit_price\n"
                + (1...30).map { "DLR001,RO1001,\($0),P\($0),1,10.00" }.joined(separator: "\n")
                + "\nDLR001,RO1001,31,PX,1.23456,10.00\n")
        let result = try load(["--rejects", directory.file("rejects"), inbox])
        #expect(result.status == 1)
        #expect(result.stdout.contains("ro_parts_1.csv: feed=ro_parts read=31 inserted=30 updated=0 unchanged=0 rejected=1"))
        #expect(result.stderr.contains("ro_parts_1.csv:32: warning: rejected: column \"qty\":"))
        #expect(result.stderr.contains("ro_labor_20261031.csv: warning: 1 ro_labor row(s) reference a missing repair_orders row (dealer_code, ro_no), e.g. DLR001/RO9999"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.file("rejects"))
        #expect(files.count == 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.file("rejects/" + files[0])))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rejects = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(rejects.hasPrefix("source_file,line,column,value,reason,raw_record\r\n"))
        #expect(rejects.contains(",32,qty,1.23456,"))
        #expect(rejects.contains("DLR001,RO1001,31,PX,1.23456,10.00"))
    }

    @Test func tooManyRejectsRollTheFileBackWithExit65() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        try directory.write("inbox/ro_labor_20261031.csv", ImportFixtures.roLaborMostlyBad)
        let result = try load([inbox])
        #expect(result.status == 65)
        // Nothing was loaded; what the file would have loaded is reported apart.
        #expect(result.stdout.contains("feed=ro_labor read=4 inserted=0 updated=0 unchanged=0 rejected=1 duplicates=0"))
        #expect(result.stdout.contains("outcome=rolled_back would_insert=3 would_update=0 would_leave_unchanged=0"))
        #expect(result.stderr.contains("1 of 4 records rejected (25.0% > --max-reject-rate 5.0%): nothing of this file was loaded"))
        #expect(try WarehouseDigest.count("ro_labor", in: warehouse) == 0)
        #expect(try WarehouseDigest.count("repair_orders", in: warehouse) == 3)
        // With a higher limit the same file loads, with exit 1.
        let lenient = try load(["--max-reject-rate", "0.5", inbox])
        #expect(lenient.status == 1)
        #expect(try WarehouseDigest.count("ro_labor", in: warehouse) == 3)
    }

    @Test func missingKeyColumnFailsTheFileWithExit65() throws {
        try directory.write("in/repair_orders_x.csv", "dealer_code,vin,opened_at\nDLR001,1M8GDM9AXKP042788,2026-10-01\n")
        let result = try load([directory.file("in")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("repair_orders_x.csv:1: error: missing required column \"ro_no\" (or \"工单号\", \"维修工单号\") for feed repair_orders"))
        #expect(result.stdout.contains("outcome=failed"))
    }

    @Test func badCommandLineExits64() throws {
        let result = try Tools.run("dms-import", ["load", "--no-such-option", "x.csv"], in: directory.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-such-option"))
        let noPath = try Tools.run("dms-import", ["load", "--max-reject-rate", "2", "x.csv"], in: directory.path)
        #expect(noPath.status == 64)
    }

    @Test func missingInputExits66() throws {
        let result = try load([directory.file("not-there")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("not-there: no such file or folder"))
    }

    /// The subcommands that only read the warehouse create nothing where none exists: no
    /// warehouse file, no -wal / -shm, no rejects folder; exit 66 naming the path — given
    /// by --warehouse, by DMS_WAREHOUSE or the default ./dms.sqlite.
    @Test(arguments: [["batches"], ["batches", "--format", "json"], ["check"], ["status"], ["status", "--format", "csv"]])
    func readOnlySubcommandsCreateNoWarehouse(_ subcommand: [String]) throws {
        let folder = try TemporaryDirectory("import-readonly")
        let named = folder.file("none.sqlite")
        let given = try Tools.run("dms-import", subcommand + ["--warehouse", named], in: folder.path)
        #expect(given.status == 66, "\(given.stderr)")
        #expect(given.stderr.contains("\(named): no warehouse here"), "\(given.stderr)")
        #expect(given.stdout.isEmpty)
        let fromEnvironment = folder.file("env.sqlite")
        let environment = try Tools.run("dms-import", subcommand, in: folder.path, environment: ["DMS_WAREHOUSE": fromEnvironment])
        #expect(environment.status == 66 && environment.stderr.contains("\(fromEnvironment): no warehouse here"), "\(environment.stderr)")
        let byDefault = try Tools.run("dms-import", subcommand, in: folder.path)
        #expect(byDefault.status == 66 && byDefault.stderr.contains("dms.sqlite: no warehouse here"), "\(byDefault.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// An existing warehouse is read as before.
    @Test func readOnlySubcommandsReadAnExistingWarehouse() throws {
        try directory.write("in/dealers.csv", ImportFixtures.dealers)
        #expect(try load([directory.file("in")]).status == 0)
        let batches = try Tools.run("dms-import", ["batches", "--format", "csv", "--warehouse", warehouse], in: directory.path)
        #expect(batches.status == 0 && batches.stdout.contains("dealers.csv"), "\(batches.stderr)")
        let check = try Tools.run("dms-import", ["check", "--warehouse", warehouse], in: directory.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func unwritableWarehouseExits74() throws {
        let result = try Tools.run(
            "dms-import", ["load", "--warehouse", "/proc/no-such-dir/dms.sqlite", "--rejects", directory.file("r"), directory.path],
            in: directory.path)
        #expect(result.status == 74)
        #expect(result.stderr.contains("error:"))
    }

    @Test func busyWarehouseExits75() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        _ = try load([directory.file("inbox/dealers.csv")])
        let holder = try Database(path: warehouse)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let result = try load(["--busy-timeout", "0.5", inbox])
        #expect(result.status == 75)
        #expect(result.stderr.contains("another run holds the warehouse"))
    }

    @Test func newerSchemaExits78() throws {
        let database = try Warehouse.open(path: warehouse)
        try database.execute("INSERT INTO schema_migrations (id, seq) VALUES ('9999-future', 9999)")
        let result = try load([try ImportFixtures.inbox(in: directory)])
        #expect(result.status == 78)
        #expect(result.stderr.contains("warehouse schema is newer than this binary"))
    }

    @Test func internalErrorsExit70() throws {
        let result = try load(["--debug-fault", "internal", try ImportFixtures.inbox(in: directory)])
        #expect(result.status == 70)
        #expect(result.stderr.contains("internal error:"))
    }

    @Test func dryRunWritesNothing() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        let result = try load(["--dry-run", "--archive", directory.file("archive"), inbox])
        #expect(result.status == 0)
        #expect(result.stdout.contains("outcome=dry_run"))
        #expect(result.stdout.contains("feed=repair_orders read=3 inserted=0 updated=0 unchanged=0 rejected=0 duplicates=0"))
        #expect(result.stdout.contains("would_insert=3"))
        // No warehouse, no rejects folder, no archive; the inbox is untouched.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["inbox"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).count == 3)

        // Against an existing warehouse, a dry run leaves its content as it was.
        _ = try load([inbox + "/dealers.csv"])
        let before = try WarehouseDigest.content(of: warehouse)
        let again = try load(["--dry-run", inbox])
        #expect(again.stdout.contains("outcome=skipped"))
        #expect(try WarehouseDigest.content(of: warehouse) == before)
    }

    @Test func loadingAFolderEqualsLoadingItsFilesOneByOne() throws {
        let inbox = try ImportFixtures.inbox(in: directory)
        _ = try load([inbox])
        let other = directory.file("other.sqlite")
        for name in ["dealers.csv", "repair_orders_20261031.csv", "ro_labor_20261031.csv"] {
            _ = try Tools.run("dms-import", ["load", "--warehouse", other, inbox + "/" + name], in: directory.path)
        }
        #expect(try WarehouseDigest.content(of: other) == WarehouseDigest.content(of: warehouse))
    }

    @Test func feedsBatchesAndCheckSubcommands() throws {
        let feeds = try Tools.run("dms-import", ["feeds", "ro_parts"], in: directory.path)
        #expect(feeds.status == 0)
        #expect(feeds.stdout.contains("ro_parts — "))
        #expect(feeds.stdout.contains("part_no: text [配件代码, 零件号, 配件编号]"))
        #expect(try Tools.run("dms-import", ["feeds", "nope"], in: directory.path).status == 64)

        let inbox = try ImportFixtures.inbox(in: directory)
        _ = try load([inbox])
        let batches = try Tools.run("dms-import", ["batches", "--warehouse", warehouse], in: directory.path)
        #expect(batches.status == 0)
        #expect(batches.stdout.split(separator: "\n").count == 4)
        let check = try Tools.run("dms-import", ["check", "--warehouse", warehouse], in: directory.path)
        #expect(check.stdout.contains("integrity_check: ok"))
        #expect(check.stdout.contains("orphans: 1 ro_labor row(s) without repair_orders (dealer_code, ro_no), e.g. DLR001/RO9999"))
        #expect(check.status == 1)
    }
}
